<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name>QObject</name>
        <message>
            <source>The job %1 is no longer in the queue.</source>
            <translation>Der Auftrag %1 ist nicht mehr in der Warteschlange.</translation>
        </message>
        <message>
            <source> (fallback)</source>
            <translation> (Ersatz)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::AbCompare</name>
        <message>
            <source>Rendition shown on the left</source>
            <translation>Links gezeigte Rendition</translation>
        </message>
        <message>
            <source>Rendition shown on the right</source>
            <translation>Rechts gezeigte Rendition</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 bei %2</translation>
        </message>
        <message>
            <source>◀ Frame</source>
            <translation>◀ Bild</translation>
        </message>
        <message>
            <source>Frame ▶</source>
            <translation>Bild ▶</translation>
        </message>
        <message>
            <source>no video rendition "%1" in the open version</source>
            <translation>keine Video-Rendition „%1“ in der geöffneten Version</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ArrayEditor</name>
        <message>
            <source>Add</source>
            <translation>Hinzufügen</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Nach oben</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Nach unten</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::AssetTableModel</name>
        <message>
            <source>Picture</source>
            <translation>Bild</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Auflösung</translation>
        </message>
        <message>
            <source>Codecs</source>
            <translation>Codecs</translation>
        </message>
        <message>
            <source>Loudness</source>
            <translation>Lautheit</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>, %1 fps</source>
            <translation>, %1 B/s</translation>
        </message>
        <message>
            <source> interlaced</source>
            <translation> interlaced</translation>
        </message>
        <message>
            <source>%1 %2, %3 kHz</source>
            <translation>%1 %2, %3 kHz</translation>
        </message>
        <message numerus="yes">
            <source>%n channel(s)</source>
            <translation>
                <numerusform>%n Kanal</numerusform>
                <numerusform>%n Kanäle</numerusform>
            </translation>
        </message>
        <message>
            <source>waiting…</source>
            <translation>wartet…</translation>
        </message>
        <message>
            <source>measuring…</source>
            <translation>wird gemessen…</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>fehlgeschlagen</translation>
        </message>
        <message>
            <source>silent</source>
            <translation>still</translation>
        </message>
        <message>
            <source>%1 LUFS</source>
            <translation>%1 LUFS</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::BitrateChart</name>
        <message>
            <source>Bitrate per segment and rendition (size on disk ÷ duration); dashed: target</source>
            <translation>Bitrate je Segment und Rendition (Größe auf der Platte ÷ Dauer); gestrichelt: Ziel</translation>
        </message>
        <message>
            <source>No segmented renditions in this version</source>
            <translation>Keine segmentierten Renditions in dieser Version</translation>
        </message>
        <message>
            <source>%1 kb/s</source>
            <translation>%1 kbit/s</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::CellDelegate</name>
        <message>
            <source>(default)</source>
            <translation>(Standard)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ClusterPanel</name>
        <message>
            <source>Follow status</source>
            <translation>Status verfolgen</translation>
        </message>
        <message>
            <source>Download outputs…</source>
            <translation>Ausgaben herunterladen…</translation>
        </message>
        <message>
            <source>Remote profile:</source>
            <translation>Remote-Profil:</translation>
        </message>
        <message>
            <source>env (environment variables)</source>
            <translation>env (Umgebungsvariablen)</translation>
        </message>
        <message>
            <source>Run on cluster: wait until the current transfer has finished.</source>
            <translation>Im Cluster ausführen: Warten Sie, bis die laufende Übertragung beendet ist.</translation>
        </message>
        <message>
            <source>Run on cluster: select queued or failed jobs, or sources in Ingest, first.</source>
            <translation>Im Cluster ausführen: Wählen Sie zuerst eingereihte oder fehlgeschlagene Aufträge oder Quellen im Import.</translation>
        </message>
        <message>
            <source>Run on cluster: no remote profile is chosen (add one in Settings).</source>
            <translation>Im Cluster ausführen: Kein Remote-Profil gewählt (in den Einstellungen anlegen).</translation>
        </message>
        <message numerus="yes">
            <source>Submitting %n source(s) to "%1"…</source>
            <translation>
                <numerusform>%n Quelle wird an „%1“ gesendet…</numerusform>
                <numerusform>%n Quellen werden an „%1“ gesendet…</numerusform>
            </translation>
        </message>
        <message>
            <source>Run on cluster failed: %1</source>
            <translation>Ausführen im Cluster fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>Probing %1…</source>
            <translation>%1 wird analysiert…</translation>
        </message>
        <message>
            <source>Uploading %1: %2%</source>
            <translation>%1 wird hochgeladen: %2 %</translation>
        </message>
        <message>
            <source>%1 was not submitted to "%2": %3</source>
            <translation>%1 wurde nicht an „%2“ gesendet: %3</translation>
        </message>
        <message>
            <source>%1 was already published at %2.</source>
            <translation>%1 war bereits unter %2 veröffentlicht.</translation>
        </message>
        <message>
            <source>%1 submitted as job %2.</source>
            <translation>%1 als Auftrag %2 gesendet.</translation>
        </message>
        <message>
            <source>Run on cluster canceled.</source>
            <translation>Ausführen im Cluster abgebrochen.</translation>
        </message>
        <message>
            <source>Cannot follow the cluster: %1</source>
            <translation>Cluster kann nicht verfolgt werden: %1</translation>
        </message>
        <message>
            <source>Reading the cluster status failed: %1</source>
            <translation>Lesen des Cluster-Status fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>Following the status queue of "%1".</source>
            <translation>Status-Warteschlange von „%1“ wird verfolgt.</translation>
        </message>
        <message>
            <source>Download outputs: select a published job submitted from this workstation.</source>
            <translation>Ausgaben herunterladen: Wählen Sie einen veröffentlichten Auftrag, der von diesem Arbeitsplatz gesendet wurde.</translation>
        </message>
        <message>
            <source>Download outputs to</source>
            <translation>Ausgaben herunterladen nach</translation>
        </message>
        <message>
            <source>Downloading the outputs of job %1…</source>
            <translation>Ausgaben von Auftrag %1 werden heruntergeladen…</translation>
        </message>
        <message>
            <source>Download failed: %1</source>
            <translation>Herunterladen fehlgeschlagen: %1</translation>
        </message>
        <message>
            <source>Download failed: the job %1 is not published yet.</source>
            <translation>Herunterladen fehlgeschlagen: Der Auftrag %1 ist noch nicht veröffentlicht.</translation>
        </message>
        <message>
            <source>Outputs downloaded to %1.</source>
            <translation>Ausgaben nach %1 heruntergeladen.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::DryRunView</name>
        <message>
            <source>~%1 s</source>
            <translation>~%1 s</translation>
        </message>
        <message>
            <source>~%1 min %2 s</source>
            <translation>~%1 min %2 s</translation>
        </message>
        <message>
            <source>~%1 h %2 min</source>
            <translation>~%1 h %2 min</translation>
        </message>
        <message>
            <source>%1 %2 kbps</source>
            <translation>%1 %2 kbit/s</translation>
        </message>
        <message>
            <source>%1 %2 ≈ %3 kbps</source>
            <translation>%1 %2 ≈ %3 kbit/s</translation>
        </message>
        <message>
            <source>%1 (hardware)</source>
            <translation>%1 (Hardware)</translation>
        </message>
        <message>
            <source>%1 (software fallback for "%2")</source>
            <translation>%1 (Software-Ersatz für „%2“)</translation>
        </message>
        <message>
            <source>%1 (software)</source>
            <translation>%1 (Software)</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Dateien hinzufügen…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Leeren</translation>
        </message>
        <message>
            <source>Run dry run</source>
            <translation>Probelauf starten</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Asset</source>
            <translation>Asset</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Rendition</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Ausgabe</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encoder</translation>
        </message>
        <message>
            <source>Rate control</source>
            <translation>Ratenkontrolle</translation>
        </message>
        <message>
            <source>Est. size</source>
            <translation>Gesch. Größe</translation>
        </message>
        <message>
            <source>Est. time</source>
            <translation>Gesch. Zeit</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Sizes and times are estimates, not measurements: bitrate × duration for vbr/cbr, a bits-per-pixel model for crf, a per-codec speed model for time.</source>
            <translation>Größen und Zeiten sind Schätzungen, keine Messungen: Bitrate × Dauer für VBR/CBR, ein Bits-pro-Pixel-Modell für CRF, ein Geschwindigkeitsmodell je Codec für die Zeit.</translation>
        </message>
        <message>
            <source>Add media files for the dry run</source>
            <translation>Mediendateien für den Probelauf hinzufügen</translation>
        </message>
        <message>
            <source>No preset is selected.</source>
            <translation>Keine Voreinstellung ausgewählt.</translation>
        </message>
        <message>
            <source>The preset has problems; fix the listed messages before a dry run.</source>
            <translation>Die Voreinstellung hat Probleme; beheben Sie die aufgeführten Meldungen vor einem Probelauf.</translation>
        </message>
        <message>
            <source>No assets: select assets in the ingest panel or use "Add files…".</source>
            <translation>Keine Assets: Wählen Sie Assets im Import aus oder verwenden Sie „Dateien hinzufügen…“.</translation>
        </message>
        <message numerus="yes">
            <source>Probing %n asset(s)…</source>
            <translation>
                <numerusform>%n Asset wird geprüft…</numerusform>
                <numerusform>%n Assets werden geprüft…</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot be processed: %1</source>
            <translation>Kann nicht verarbeitet werden: %1</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Geplant</translation>
        </message>
        <message>
            <source>Planned: %1</source>
            <translation>Geplant: %1</translation>
        </message>
        <message>
            <source>%1×%2 @ %3 fps</source>
            <translation>%1×%2 @ %3 B/s</translation>
        </message>
        <message>
            <source>Skipped: %1</source>
            <translation>Übersprungen: %1</translation>
        </message>
        <message>
            <source>audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>%1 kbps</source>
            <translation>%1 kbit/s</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Gesamt</translation>
        </message>
        <message>
            <source>source %1×%2, %3 s</source>
            <translation>Quelle %1×%2, %3 s</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>Schätzung</translation>
        </message>
        <message numerus="yes">
            <source>%n rendition(s) planned, %1 skipped rung(s), %2 asset(s) rejected; about %3 and %4 in total (estimates).</source>
            <translation>
                <numerusform>%n Rendition geplant, %1 Stufe(n) übersprungen, %2 Asset(s) abgelehnt; insgesamt etwa %3 und %4 (Schätzungen).</numerusform>
                <numerusform>%n Renditions geplant, %1 Stufe(n) übersprungen, %2 Asset(s) abgelehnt; insgesamt etwa %3 und %4 (Schätzungen).</numerusform>
            </translation>
        </message>
        <message>
            <source>Dry run canceled. </source>
            <translation>Probelauf abgebrochen. </translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::IngestPanel</name>
        <message>
            <source>estimating…</source>
            <translation>wird geschätzt…</translation>
        </message>
        <message numerus="yes">
            <source>about %n second(s) left</source>
            <translation>
                <numerusform>noch etwa %n Sekunde</numerusform>
                <numerusform>noch etwa %n Sekunden</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>about %n minute(s) left</source>
            <translation>
                <numerusform>noch etwa %n Minute</numerusform>
                <numerusform>noch etwa %n Minuten</numerusform>
            </translation>
        </message>
        <message>
            <source>Drop folders or files anywhere on this window, or use Add Files… and Add Folder…. Media is recognised by its content, not by its file name.</source>
            <translation>Ordner oder Dateien irgendwo auf dieses Fenster ziehen oder „Dateien hinzufügen…“ und „Ordner hinzufügen…“ verwenden. Medien werden an ihrem Inhalt erkannt, nicht am Dateinamen.</translation>
        </message>
        <message>
            <source>Add Files…</source>
            <translation>Dateien hinzufügen…</translation>
        </message>
        <message>
            <source>Add Folder…</source>
            <translation>Ordner hinzufügen…</translation>
        </message>
        <message>
            <source>Queue Selected with Preset…</source>
            <translation>Auswahl mit Voreinstellung einreihen…</translation>
        </message>
        <message>
            <source>Clear List</source>
            <translation>Liste leeren</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Looking for media…</source>
            <translation>Suche nach Medien…</translation>
        </message>
        <message>
            <source>Probed %1 of %2 files — %3</source>
            <translation>%1 von %2 Dateien geprüft — %3</translation>
        </message>
        <message numerus="yes">
            <source>Scan canceled after %n file(s).</source>
            <translation>
                <numerusform>Suche nach %n Datei abgebrochen.</numerusform>
                <numerusform>Suche nach %n Dateien abgebrochen.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n asset(s): </source>
            <translation>
                <numerusform>%n Asset: </numerusform>
                <numerusform>%n Assets: </numerusform>
            </translation>
        </message>
        <message>
            <source>%1 ready, %2 usable with warnings, %3 rejected.</source>
            <translation>%1 bereit, %2 mit Warnungen nutzbar, %3 abgelehnt.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) in folders ignored (not media).</source>
            <translation>
                <numerusform>%n Datei in Ordnern ignoriert (keine Medien).</numerusform>
                <numerusform>%n Dateien in Ordnern ignoriert (keine Medien).</numerusform>
            </translation>
        </message>
        <message>
            <source>Queue Selected</source>
            <translation>Auswahl einreihen</translation>
        </message>
        <message numerus="yes">
            <source>Queue %n selected file(s) with the preset:</source>
            <translation>
                <numerusform>%n ausgewählte Datei einreihen mit der Voreinstellung:</numerusform>
                <numerusform>%n ausgewählte Dateien einreihen mit der Voreinstellung:</numerusform>
            </translation>
        </message>
        <message>
            <source>Add Files</source>
            <translation>Dateien hinzufügen</translation>
        </message>
        <message>
            <source>Add Folder</source>
            <translation>Ordner hinzufügen</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::InsertElementCommand</name>
        <message>
            <source>Add to %1</source>
            <translation>Zu %1 hinzufügen</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::JobDetailDialog</name>
        <message>
            <source>Loading…</source>
            <translation>Wird geladen…</translation>
        </message>
        <message>
            <source>Job %1</source>
            <translation>Auftrag %1</translation>
        </message>
        <message>
            <source>Attempt</source>
            <translation>Versuch</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Begonnen</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>Beendet</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Worker</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Versuche</translation>
        </message>
        <message>
            <source>Log tail</source>
            <translation>Protokollende</translation>
        </message>
        <message>
            <source>Spec</source>
            <translation>Spezifikation</translation>
        </message>
        <message>
            <source>Could not load the job: %1</source>
            <translation>Der Auftrag konnte nicht geladen werden: %1</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
        </message>
        <message>
            <source>Job %1, %2 attempt(s), last stage “%3”.</source>
            <translation>Auftrag %1, %2 Versuch(e), letzter Schritt „%3“.</translation>
        </message>
        <message>
            <source>Dead letter since %1: %2</source>
            <translation>Unzustellbar seit %1: %2</translation>
        </message>
        <message>
            <source>Error %1: %2 (%3)</source>
            <translation>Fehler %1: %2 (%3)</translation>
        </message>
        <message>
            <source>Error %1: %2</source>
            <translation>Fehler %1: %2</translation>
        </message>
        <message>
            <source>running</source>
            <translation>läuft</translation>
        </message>
        <message>
            <source>(attempt %1 left no log)</source>
            <translation>(Versuch %1 hinterließ kein Protokoll)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::LevelMeter</name>
        <message>
            <source>Audio level: bar = RMS, line = peak (dBFS, 100 ms windows)</source>
            <translation>Audiopegel: Balken = RMS, Linie = Spitze (dBFS, 100-ms-Fenster)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::LoudnessChart</name>
        <message>
            <source>Loudness: momentary (thin), short-term (thick), target band (shaded)</source>
            <translation>Lautheit: momentan (dünn), kurzzeitig (dick), Zielbereich (schattiert)</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>No loudness curve in this version</source>
            <translation>Keine Lautheitskurve in dieser Version</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MainWindow</name>
        <message>
            <source>Rendition</source>
            <translation>Rendition</translation>
        </message>
        <message>
            <source>Job store: %1</source>
            <translation>Auftragsspeicher: %1</translation>
        </message>
        <message>
            <source>Ingest</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Einstellungen</translation>
        </message>
        <message numerus="yes">
            <source>Checking %n file(s) before queuing…</source>
            <translation>
                <numerusform>%n Datei wird vor dem Einreihen geprüft…</numerusform>
                <numerusform>%n Dateien werden vor dem Einreihen geprüft…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queued %n job(s).</source>
            <translation>
                <numerusform>%n Auftrag eingereiht.</numerusform>
                <numerusform>%n Aufträge eingereiht.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not queued: %1</source>
            <translation>Nicht eingereiht: %1</translation>
        </message>
        <message>
            <source>Nothing was queued: %1</source>
            <translation>Nichts wurde eingereiht: %1</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>Add &amp;Files…</source>
            <translation>&amp;Dateien hinzufügen…</translation>
        </message>
        <message>
            <source>Add F&amp;older…</source>
            <translation>&amp;Ordner hinzufügen…</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Einstellungen</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>&amp;About Rendition</source>
            <translation>&amp;Über Rendition</translation>
        </message>
        <message>
            <source>About Rendition</source>
            <translation>Über Rendition</translation>
        </message>
        <message>
            <source>Rendition %1 — media pipeline workstation.</source>
            <translation>Rendition %1 — Arbeitsplatz für die Medien-Pipeline.</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Vorschau</translation>
        </message>
        <message>
            <source>Presets</source>
            <translation>Voreinstellungen</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>Warteschlange</translation>
        </message>
        <message>
            <source>QC Review</source>
            <translation>QC-Prüfung</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Ansicht</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MediaDetailLoader</name>
        <message>
            <source>The picture could not be scaled.</source>
            <translation>Das Bild konnte nicht skaliert werden.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MetadataView</name>
        <message>
            <source>Field</source>
            <translation>Feld</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Datei</translation>
        </message>
        <message>
            <source>Container</source>
            <translation>Container</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Dauer</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Bitrate</source>
            <translation>Bitrate</translation>
        </message>
        <message>
            <source>%1 kb/s</source>
            <translation>%1 kbit/s</translation>
        </message>
        <message>
            <source>Stream %1</source>
            <translation>Stream %1</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Pixel aspect</source>
            <translation>Pixel-Seitenverhältnis</translation>
        </message>
        <message>
            <source>Frame rate</source>
            <translation>Bildrate</translation>
        </message>
        <message>
            <source>%1 fps%2</source>
            <translation>%1 B/s%2</translation>
        </message>
        <message>
            <source> (variable)</source>
            <translation> (variabel)</translation>
        </message>
        <message>
            <source>Pixel format</source>
            <translation>Pixelformat</translation>
        </message>
        <message>
            <source>Field order</source>
            <translation>Halbbildfolge</translation>
        </message>
        <message>
            <source>Sample rate</source>
            <translation>Abtastrate</translation>
        </message>
        <message>
            <source>%1 Hz</source>
            <translation>%1 Hz</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Kanäle</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Rendition</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Target bitrate</source>
            <translation>Ziel-Bitrate</translation>
        </message>
        <message>
            <source>Segments</source>
            <translation>Segmente</translation>
        </message>
        <message>
            <source>Protection</source>
            <translation>Schutz</translation>
        </message>
        <message>
            <source>none</source>
            <translation>keiner</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MoveElementCommand</name>
        <message>
            <source>Move in %1</source>
            <translation>In %1 verschieben</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetEditorPanel</name>
        <message>
            <source>Undo</source>
            <translation>Rückgängig</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>No preset is selected.</source>
            <translation>Keine Voreinstellung ausgewählt.</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Neu</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Duplizieren</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Löschen</translation>
        </message>
        <message>
            <source>Import JSON…</source>
            <translation>JSON importieren…</translation>
        </message>
        <message>
            <source>Export JSON…</source>
            <translation>JSON exportieren…</translation>
        </message>
        <message>
            <source>Delete preset</source>
            <translation>Voreinstellung löschen</translation>
        </message>
        <message>
            <source>Delete the preset "%1"?</source>
            <translation>Die Voreinstellung „%1“ löschen?</translation>
        </message>
        <message>
            <source>Import preset</source>
            <translation>Voreinstellung importieren</translation>
        </message>
        <message>
            <source>Preset JSON (*.json);;All files (*)</source>
            <translation>Voreinstellung als JSON (*.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Export preset</source>
            <translation>Voreinstellung exportieren</translation>
        </message>
        <message>
            <source>Preset JSON (*.json)</source>
            <translation>Voreinstellung als JSON (*.json)</translation>
        </message>
        <message>
            <source>Presets</source>
            <translation>Voreinstellungen</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Probleme</translation>
        </message>
        <message>
            <source>%1 (built-in)</source>
            <translation>%1 (eingebaut)</translation>
        </message>
        <message>
            <source>%1 (cannot be opened)</source>
            <translation>%1 (kann nicht geöffnet werden)</translation>
        </message>
        <message>
            <source>No preset selected</source>
            <translation>Keine Voreinstellung ausgewählt</translation>
        </message>
        <message>
            <source>%1 — built-in, read-only: use Duplicate to make an editable copy</source>
            <translation>%1 — eingebaut, schreibgeschützt: Mit „Duplizieren“ eine bearbeitbare Kopie anlegen</translation>
        </message>
        <message>
            <source>%1 — not saved yet</source>
            <translation>%1 — noch nicht gespeichert</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>New preset "%1"; save it to keep it.</source>
            <translation>Neue Voreinstellung „%1“; speichern, um sie zu behalten.</translation>
        </message>
        <message>
            <source>Duplicated as "%1"; it is editable and not saved yet.</source>
            <translation>Als „%1“ dupliziert; bearbeitbar und noch nicht gespeichert.</translation>
        </message>
        <message>
            <source>Built-in presets are read-only; use Duplicate to make an editable copy.</source>
            <translation>Eingebaute Voreinstellungen sind schreibgeschützt; mit „Duplizieren“ eine bearbeitbare Kopie anlegen.</translation>
        </message>
        <message numerus="yes">
            <source>The preset has %n problem(s); fix them before saving.</source>
            <translation>
                <numerusform>Die Voreinstellung hat %n Problem; beheben Sie es vor dem Speichern.</numerusform>
                <numerusform>Die Voreinstellung hat %n Probleme; beheben Sie sie vor dem Speichern.</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved "%1" to %2.</source>
            <translation>„%1“ in %2 gespeichert.</translation>
        </message>
        <message>
            <source>Built-in presets cannot be deleted.</source>
            <translation>Eingebaute Voreinstellungen können nicht gelöscht werden.</translation>
        </message>
        <message>
            <source>Preset deleted.</source>
            <translation>Voreinstellung gelöscht.</translation>
        </message>
        <message>
            <source>Imported "%1" from %2.</source>
            <translation>„%1“ aus %2 importiert.</translation>
        </message>
        <message>
            <source>Imported %1 as "%2" ("%3" was taken).</source>
            <translation>%1 als „%2“ importiert („%3“ war vergeben).</translation>
        </message>
        <message numerus="yes">
            <source>The preset has %n problem(s); fix them before exporting.</source>
            <translation>
                <numerusform>Die Voreinstellung hat %n Problem; beheben Sie es vor dem Export.</numerusform>
                <numerusform>Die Voreinstellung hat %n Probleme; beheben Sie sie vor dem Export.</numerusform>
            </translation>
        </message>
        <message>
            <source>Exported "%1" to %2.</source>
            <translation>„%1“ nach %2 exportiert.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetEditorTabs</name>
        <message>
            <source>Ladder</source>
            <translation>Leiter</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Allgemein</translation>
        </message>
        <message>
            <source>Audio &amp;&amp; loudness</source>
            <translation>Audio &amp;&amp; Lautheit</translation>
        </message>
        <message>
            <source>Packaging</source>
            <translation>Paketierung</translation>
        </message>
        <message>
            <source>DRM</source>
            <translation>DRM</translation>
        </message>
        <message>
            <source>Thumbnails</source>
            <translation>Vorschaubilder</translation>
        </message>
        <message>
            <source>QC</source>
            <translation>QC</translation>
        </message>
        <message>
            <source>Dry run</source>
            <translation>Probelauf</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetForms</name>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>letters, digits, '_', '.' and '-'</source>
            <translation>Buchstaben, Ziffern, „_“, „.“ und „-“</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Beschreibung</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Deinterlace</source>
            <translation>Deinterlacing</translation>
        </message>
        <message>
            <source>Auto (when the source is flagged interlaced)</source>
            <translation>Automatisch (wenn die Quelle als interlaced markiert ist)</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Aus</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Ein</translation>
        </message>
        <message>
            <source>Keyframes per segment</source>
            <translation>Keyframes je Segment</translation>
        </message>
        <message>
            <source>Max. consecutive B-frames</source>
            <translation>Max. aufeinanderfolgende B-Frames</translation>
        </message>
        <message>
            <source>Extra keyframes on scene cuts (breaks rung alignment)</source>
            <translation>Zusätzliche Keyframes bei Szenenwechseln (bricht die Ausrichtung der Stufen)</translation>
        </message>
        <message>
            <source>Asset folder</source>
            <translation>Asset-Ordner</translation>
        </message>
        <message>
            <source>tokens: {stem} {preset}</source>
            <translation>Platzhalter: {stem} {preset}</translation>
        </message>
        <message>
            <source>Rendition folder</source>
            <translation>Rendition-Ordner</translation>
        </message>
        <message>
            <source>tokens: {name} {width} {height} {codec}</source>
            <translation>Platzhalter: {name} {width} {height} {codec}</translation>
        </message>
        <message>
            <source>Segment duration</source>
            <translation>Segmentdauer</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>HLS</source>
            <translation>HLS</translation>
        </message>
        <message>
            <source>HLS segments</source>
            <translation>HLS-Segmente</translation>
        </message>
        <message>
            <source>fMP4 (CMAF, shared with DASH)</source>
            <translation>fMP4 (CMAF, gemeinsam mit DASH)</translation>
        </message>
        <message>
            <source>MPEG-TS</source>
            <translation>MPEG-TS</translation>
        </message>
        <message>
            <source>DASH</source>
            <translation>DASH</translation>
        </message>
        <message>
            <source>Progressive MP4 per rung (editing proxies)</source>
            <translation>Progressives MP4 je Stufe (Schnitt-Proxys)</translation>
        </message>
        <message>
            <source>Loudness normalization</source>
            <translation>Lautheitsnormalisierung</translation>
        </message>
        <message>
            <source>Normalize to a target (static gain)</source>
            <translation>Auf ein Ziel normalisieren (statische Verstärkung)</translation>
        </message>
        <message>
            <source>Target loudness</source>
            <translation>Ziel-Lautheit</translation>
        </message>
        <message>
            <source> LUFS</source>
            <translation> LUFS</translation>
        </message>
        <message>
            <source>True-peak ceiling</source>
            <translation>True-Peak-Obergrenze</translation>
        </message>
        <message>
            <source> dBTP</source>
            <translation> dBTP</translation>
        </message>
        <message>
            <source>Over the ceiling</source>
            <translation>Über der Obergrenze</translation>
        </message>
        <message>
            <source>Limit (true-peak limiter)</source>
            <translation>Begrenzen (True-Peak-Limiter)</translation>
        </message>
        <message>
            <source>Reduce the gain</source>
            <translation>Verstärkung verringern</translation>
        </message>
        <message>
            <source>Scheme</source>
            <translation>Verfahren</translation>
        </message>
        <message>
            <source>None (clear)</source>
            <translation>Keines (unverschlüsselt)</translation>
        </message>
        <message>
            <source>CENC (fMP4, DASH + HLS)</source>
            <translation>CENC (fMP4, DASH + HLS)</translation>
        </message>
        <message>
            <source>HLS AES-128 (MPEG-TS)</source>
            <translation>HLS AES-128 (MPEG-TS)</translation>
        </message>
        <message>
            <source>Key source</source>
            <translation>Schlüsselquelle</translation>
        </message>
        <message>
            <source>Generate a key per package</source>
            <translation>Einen Schlüssel je Paket erzeugen</translation>
        </message>
        <message>
            <source>KID:KEY file</source>
            <translation>KID:KEY-Datei</translation>
        </message>
        <message>
            <source>CPIX document</source>
            <translation>CPIX-Dokument</translation>
        </message>
        <message>
            <source>Key file</source>
            <translation>Schlüsseldatei</translation>
        </message>
        <message>
            <source>path of the KID:KEY file or CPIX document</source>
            <translation>Pfad der KID:KEY-Datei oder des CPIX-Dokuments</translation>
        </message>
        <message>
            <source>ClearKey (always signalled)</source>
            <translation>ClearKey (immer signalisiert)</translation>
        </message>
        <message>
            <source>Systems</source>
            <translation>Systeme</translation>
        </message>
        <message>
            <source>Widevine</source>
            <translation>Widevine</translation>
        </message>
        <message>
            <source>PlayReady</source>
            <translation>PlayReady</translation>
        </message>
        <message>
            <source>Widevine provider</source>
            <translation>Widevine-Anbieter</translation>
        </message>
        <message>
            <source>Widevine content ID</source>
            <translation>Widevine-Inhalts-ID</translation>
        </message>
        <message>
            <source>PlayReady licence URL</source>
            <translation>PlayReady-Lizenz-URL</translation>
        </message>
        <message>
            <source>https://…</source>
            <translation>https://…</translation>
        </message>
        <message>
            <source>HLS key URI</source>
            <translation>HLS-Schlüssel-URI</translation>
        </message>
        <message>
            <source>{kid} is replaced by the key ID in hex</source>
            <translation>{kid} wird durch die Schlüssel-ID in Hex ersetzt</translation>
        </message>
        <message>
            <source>Make thumbnail sprite sheets</source>
            <translation>Sprite-Sheets mit Vorschaubildern erzeugen</translation>
        </message>
        <message>
            <source>Interval</source>
            <translation>Intervall</translation>
        </message>
        <message>
            <source>Tile width</source>
            <translation>Kachelbreite</translation>
        </message>
        <message>
            <source> px</source>
            <translation> px</translation>
        </message>
        <message>
            <source>Tile height</source>
            <translation>Kachelhöhe</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>Spalten</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Zeilen</translation>
        </message>
        <message>
            <source>JPEG quality</source>
            <translation>JPEG-Qualität</translation>
        </message>
        <message>
            <source>Run automated QC on the package</source>
            <translation>Automatische QC für das Paket ausführen</translation>
        </message>
        <message>
            <source>Require a person's approval before a version becomes current</source>
            <translation>Freigabe durch eine Person verlangen, bevor eine Version aktuell wird</translation>
        </message>
        <message>
            <source>Rules (a rule with severity "fail" stops publishing as current):</source>
            <translation>Regeln (eine Regel mit Schweregrad „fail“ verhindert die Veröffentlichung als aktuell):</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetLibrary</name>
        <message>
            <source>Cannot read the preset file (%1); check that it exists and is readable.</source>
            <translation>Die Voreinstellungsdatei kann nicht gelesen werden (%1); prüfen Sie, ob sie existiert und lesbar ist.</translation>
        </message>
        <message>
            <source>not a regular file</source>
            <translation>keine normale Datei</translation>
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>und %n weiteres</numerusform>
                <numerusform>und %n weitere</numerusform>
            </translation>
        </message>
        <message>
            <source>The file is not a valid preset: %1.</source>
            <translation>Die Datei ist keine gültige Voreinstellung: %1.</translation>
        </message>
        <message>
            <source>The preset has problems and was not written; fix the messages listed first.</source>
            <translation>Die Voreinstellung hat Probleme und wurde nicht geschrieben; beheben Sie zuerst die aufgeführten Meldungen.</translation>
        </message>
        <message>
            <source>Cannot write the preset (%1); check that the folder exists and is writable.</source>
            <translation>Die Voreinstellung kann nicht geschrieben werden (%1); prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
        </message>
        <message>
            <source>"%1" is the name of a built-in preset; give the copy another name.</source>
            <translation>„%1“ ist der Name einer eingebauten Voreinstellung; geben Sie der Kopie einen anderen Namen.</translation>
        </message>
        <message>
            <source>Another user preset is already named "%1"; choose another name.</source>
            <translation>Eine andere Voreinstellung heißt bereits „%1“; wählen Sie einen anderen Namen.</translation>
        </message>
        <message>
            <source>Cannot create the presets folder; check the permissions of its parent.</source>
            <translation>Der Ordner für Voreinstellungen kann nicht angelegt werden; prüfen Sie die Rechte des übergeordneten Ordners.</translation>
        </message>
        <message>
            <source>Saved under the new name, but the old file could not be removed; delete it by hand.</source>
            <translation>Unter dem neuen Namen gespeichert, aber die alte Datei konnte nicht entfernt werden; löschen Sie sie von Hand.</translation>
        </message>
        <message>
            <source>Cannot delete the preset file (%1); check the folder's permissions.</source>
            <translation>Die Voreinstellungsdatei kann nicht gelöscht werden (%1); prüfen Sie die Rechte des Ordners.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PreviewPanel</name>
        <message>
            <source>Rendition to preview (protected ones are decrypted with the version's key)</source>
            <translation>Rendition für die Vorschau (geschützte werden mit dem Schlüssel der Version entschlüsselt)</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Abspielen</translation>
        </message>
        <message>
            <source>◀ Frame</source>
            <translation>◀ Bild</translation>
        </message>
        <message>
            <source>Frame ▶</source>
            <translation>Bild ▶</translation>
        </message>
        <message>
            <source>Previous frame (Left)</source>
            <translation>Vorheriges Bild (Links)</translation>
        </message>
        <message>
            <source>Next frame (Right)</source>
            <translation>Nächstes Bild (Rechts)</translation>
        </message>
        <message>
            <source>Play or pause (Space); J/K/L shuttle</source>
            <translation>Abspielen oder anhalten (Leertaste); J/K/L-Shuttle</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>the file does not exist or is not a file</source>
            <translation>die Datei existiert nicht oder ist keine Datei</translation>
        </message>
        <message>
            <source>%1 (%2, decrypted)</source>
            <translation>%1 (%2, entschlüsselt)</translation>
        </message>
        <message>
            <source>the version has no video rendition to preview</source>
            <translation>die Version hat keine Video-Rendition für die Vorschau</translation>
        </message>
        <message>
            <source>no video rendition "%1" in the open version</source>
            <translation>keine Video-Rendition „%1“ in der geöffneten Version</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Level meter: %1</source>
            <translation>Pegelanzeige: %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ProblemText</name>
        <message>
            <source>The file does not exist.</source>
            <translation>Die Datei existiert nicht.</translation>
        </message>
        <message>
            <source>This is not a regular file.</source>
            <translation>Das ist keine normale Datei.</translation>
        </message>
        <message>
            <source>The file is empty.</source>
            <translation>Die Datei ist leer.</translation>
        </message>
        <message>
            <source>This is not a video or audio file.</source>
            <translation>Das ist keine Video- oder Audiodatei.</translation>
        </message>
        <message>
            <source>The file is cut short (truncated); part of it is missing.</source>
            <translation>Die Datei ist abgeschnitten; ein Teil fehlt.</translation>
        </message>
        <message>
            <source>The file cannot be read.</source>
            <translation>Die Datei kann nicht gelesen werden.</translation>
        </message>
        <message>
            <source>There is no picture (audio only); only audio renditions can be made.</source>
            <translation>Es gibt kein Bild (nur Audio); nur Audio-Renditions sind möglich.</translation>
        </message>
        <message>
            <source>There is no sound (video only); the output will be silent.</source>
            <translation>Es gibt keinen Ton (nur Video); die Ausgabe bleibt stumm.</translation>
        </message>
        <message>
            <source>The media has no length.</source>
            <translation>Das Medium hat keine Länge.</translation>
        </message>
        <message>
            <source>A stream uses a codec that cannot be decoded.</source>
            <translation>Ein Stream verwendet einen Codec, der nicht dekodiert werden kann.</translation>
        </message>
        <message>
            <source>The picture size is outside the supported range.</source>
            <translation>Die Bildgröße liegt außerhalb des unterstützten Bereichs.</translation>
        </message>
        <message>
            <source>The picture has an odd width or height; renditions will be cropped or scaled to even sizes.</source>
            <translation>Das Bild hat eine ungerade Breite oder Höhe; Renditions werden auf gerade Größen beschnitten oder skaliert.</translation>
        </message>
        <message>
            <source>The frame rate varies; it will be made constant, which can drop or repeat frames.</source>
            <translation>Die Bildrate schwankt; sie wird konstant gemacht, wobei Bilder wegfallen oder sich wiederholen können.</translation>
        </message>
        <message>
            <source>The picture is interlaced; it will be deinterlaced.</source>
            <translation>Das Bild ist interlaced; es wird deinterlaced.</translation>
        </message>
        <message>
            <source>Some frames could not be decoded.</source>
            <translation>Einige Bilder konnten nicht dekodiert werden.</translation>
        </message>
        <message>
            <source>Reading the file took too long.</source>
            <translation>Das Lesen der Datei hat zu lange gedauert.</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Abgelehnt</translation>
        </message>
        <message>
            <source>Usable with warnings</source>
            <translation>Mit Warnungen nutzbar</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QcReviewPanel</name>
        <message>
            <source>No version open</source>
            <translation>Keine Version geöffnet</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <source>Reason for rejecting</source>
            <translation>Grund der Ablehnung</translation>
        </message>
        <message>
            <source>Approve this version for publishing</source>
            <translation>Diese Version zur Veröffentlichung freigeben</translation>
        </message>
        <message>
            <source>Reject this version; a reason is required</source>
            <translation>Diese Version ablehnen; ein Grund ist nötig</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Prüfung</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>Zeit (s)</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>Dauer (s)</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Rendition</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Meldung</translation>
        </message>
        <message>
            <source>QC events; click one to seek the player there</source>
            <translation>QC-Ereignisse; ein Klick springt mit dem Player dorthin</translation>
        </message>
        <message>
            <source>Loudness curve of the source or of an encoded audio rendition</source>
            <translation>Lautheitskurve der Quelle oder einer kodierten Audio-Rendition</translation>
        </message>
        <message>
            <source>Timeline and loudness</source>
            <translation>Zeitachse und Lautheit</translation>
        </message>
        <message>
            <source>Bitrate per segment</source>
            <translation>Bitrate je Segment</translation>
        </message>
        <message>
            <source>Rendition A/B</source>
            <translation>Rendition A/B</translation>
        </message>
        <message>
            <source>%1 %2 — no QC report</source>
            <translation>%1 %2 — kein QC-Bericht</translation>
        </message>
        <message>
            <source>%1 %2 — QC passed, %3 warning(s)</source>
            <translation>%1 %2 — QC bestanden, %3 Warnung(en)</translation>
        </message>
        <message>
            <source>%1 %2 — QC FAILED: %3 failure(s), %4 warning(s)</source>
            <translation>%1 %2 — QC FEHLGESCHLAGEN: %3 Fehler, %4 Warnung(en)</translation>
        </message>
        <message>
            <source>Source (before normalization)</source>
            <translation>Quelle (vor der Normalisierung)</translation>
        </message>
        <message>
            <source>%1 (encoded)</source>
            <translation>%1 (kodiert)</translation>
        </message>
        <message>
            <source>fail</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>warn</source>
            <translation>Warnung</translation>
        </message>
        <message>
            <source>(package)</source>
            <translation>(Paket)</translation>
        </message>
        <message>
            <source>no job is waiting for approval of this version</source>
            <translation>kein Auftrag wartet auf die Freigabe dieser Version</translation>
        </message>
        <message>
            <source>Approved: %1 is now the current version.</source>
            <translation>Freigegeben: %1 ist jetzt die aktuelle Version.</translation>
        </message>
        <message>
            <source>Give a reason for rejecting %1.</source>
            <translation>Geben Sie einen Grund für die Ablehnung von %1 an.</translation>
        </message>
        <message>
            <source>Rejected: %1.</source>
            <translation>Abgelehnt: %1.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QueueController</name>
        <message>
            <source>The job %1 is no longer in the queue.</source>
            <translation>Der Auftrag %1 ist nicht mehr in der Warteschlange.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QueueModel</name>
        <message>
            <source>Queued</source>
            <translation>Eingereiht</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>Angehalten</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>QC failed</source>
            <translation>QC fehlgeschlagen</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Fehlgeschlagen</translation>
        </message>
        <message>
            <source>Canceled</source>
            <translation>Abgebrochen</translation>
        </message>
        <message>
            <source>Dead letter</source>
            <translation>Unzustellbar</translation>
        </message>
        <message>
            <source>Waiting for approval</source>
            <translation>Wartet auf Freigabe</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Abgelehnt</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Unbekannt</translation>
        </message>
        <message>
            <source>(no batch)</source>
            <translation>(kein Stapel)</translation>
        </message>
        <message>
            <source>%1 (requested)</source>
            <translation>%1 (angefordert)</translation>
        </message>
        <message>
            <source>%1 fps</source>
            <translation>%1 B/s</translation>
        </message>
        <message>
            <source>ETA %1</source>
            <translation>noch %1</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>angehalten</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Stapel</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>Voreinstellung</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encoder</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Versuche</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorität</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Aktualisiert</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>%1 %2%</source>
            <comment>stage and percent</comment>
            <translation>%1 %2 %</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QueuePanel</name>
        <message>
            <source>Pause queue</source>
            <translation>Warteschlange anhalten</translation>
        </message>
        <message>
            <source>No new job starts while the queue is paused; running jobs go on.</source>
            <translation>Solange die Warteschlange angehalten ist, startet kein neuer Auftrag; laufende Aufträge gehen weiter.</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Anhalten</translation>
        </message>
        <message>
            <source>Pause the selected jobs (a running job is stopped where it is).</source>
            <translation>Die ausgewählten Aufträge anhalten (ein laufender Auftrag wird an Ort und Stelle gestoppt).</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Fortsetzen</translation>
        </message>
        <message>
            <source>Resume the selected paused jobs.</source>
            <translation>Die ausgewählten angehaltenen Aufträge fortsetzen.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Cancel the selected jobs.</source>
            <translation>Die ausgewählten Aufträge abbrechen.</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Wiederholen</translation>
        </message>
        <message>
            <source>Queue the selected failed, canceled, rejected or dead jobs again.</source>
            <translation>Die ausgewählten fehlgeschlagenen, abgebrochenen, abgelehnten oder unzustellbaren Aufträge erneut einreihen.</translation>
        </message>
        <message>
            <source>Priority up</source>
            <translation>Priorität erhöhen</translation>
        </message>
        <message>
            <source>Raise the priority of the selected queued jobs.</source>
            <translation>Die Priorität der ausgewählten eingereihten Aufträge erhöhen.</translation>
        </message>
        <message>
            <source>Priority down</source>
            <translation>Priorität senken</translation>
        </message>
        <message>
            <source>Lower the priority of the selected queued jobs.</source>
            <translation>Die Priorität der ausgewählten eingereihten Aufträge senken.</translation>
        </message>
        <message>
            <source>Run next</source>
            <translation>Als Nächstes ausführen</translation>
        </message>
        <message>
            <source>Move the selected queued jobs to the top of the queue.</source>
            <translation>Die ausgewählten eingereihten Aufträge an den Anfang der Warteschlange setzen.</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Freigeben</translation>
        </message>
        <message>
            <source>Approve the selected jobs waiting for approval (publishes them as current).</source>
            <translation>Die ausgewählten wartenden Aufträge freigeben (veröffentlicht sie als aktuell).</translation>
        </message>
        <message>
            <source>Reject…</source>
            <translation>Ablehnen…</translation>
        </message>
        <message>
            <source>Reject the selected jobs waiting for approval, with a reason.</source>
            <translation>Die ausgewählten wartenden Aufträge mit einer Begründung ablehnen.</translation>
        </message>
        <message>
            <source>Details…</source>
            <translation>Details…</translation>
        </message>
        <message>
            <source>Show the job's errors, every attempt with its log and its spec.</source>
            <translation>Die Fehler des Auftrags, jeden Versuch mit seinem Protokoll und seine Spezifikation zeigen.</translation>
        </message>
        <message>
            <source>Open output folder</source>
            <translation>Ausgabeordner öffnen</translation>
        </message>
        <message>
            <source>Open the folder the job publishes to.</source>
            <translation>Den Ordner öffnen, in den der Auftrag veröffentlicht.</translation>
        </message>
        <message>
            <source>All jobs</source>
            <translation>Alle Aufträge</translation>
        </message>
        <message>
            <source>Queued and running</source>
            <translation>Eingereiht und laufend</translation>
        </message>
        <message>
            <source>Waiting for approval</source>
            <translation>Wartet auf Freigabe</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Fertig</translation>
        </message>
        <message>
            <source>Failed, canceled, rejected</source>
            <translation>Fehlgeschlagen, abgebrochen, abgelehnt</translation>
        </message>
        <message>
            <source>Dead letters</source>
            <translation>Unzustellbare</translation>
        </message>
        <message>
            <source>All batches</source>
            <translation>Alle Stapel</translation>
        </message>
        <message>
            <source>Filter by source, preset, state, stage or encoder</source>
            <translation>Nach Quelle, Voreinstellung, Zustand, Schritt oder Encoder filtern</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>Zeigen:</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Ablehnen</translation>
        </message>
        <message>
            <source>Why are these versions rejected?</source>
            <translation>Warum werden diese Versionen abgelehnt?</translation>
        </message>
        <message>
            <source>The output folder does not exist yet; it appears once the job publishes.</source>
            <translation>Der Ausgabeordner existiert noch nicht; er entsteht, sobald der Auftrag veröffentlicht.</translation>
        </message>
        <message>
            <source>No file manager could open the folder; open it by hand.</source>
            <translation>Kein Dateimanager konnte den Ordner öffnen; öffnen Sie ihn von Hand.</translation>
        </message>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n Auftrag</numerusform>
                <numerusform>%n Aufträge</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n running</source>
            <translation>
                <numerusform>%n läuft</numerusform>
                <numerusform>%n laufen</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n queued</source>
            <translation>
                <numerusform>%n eingereiht</numerusform>
                <numerusform>%n eingereiht</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paused</source>
            <translation>
                <numerusform>%n angehalten</numerusform>
                <numerusform>%n angehalten</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n waiting for approval</source>
            <translation>
                <numerusform>%n wartet auf Freigabe</numerusform>
                <numerusform>%n warten auf Freigabe</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dead letter(s)</source>
            <translation>
                <numerusform>%n unzustellbar</numerusform>
                <numerusform>%n unzustellbar</numerusform>
            </translation>
        </message>
        <message>
            <source>queue paused</source>
            <translation>Warteschlange angehalten</translation>
        </message>
        <message numerus="yes">
            <source>%1 (%n error(s) in all; hover for the latest)</source>
            <translation>
                <numerusform>%1 (%n Fehler insgesamt; für den neuesten darüberfahren)</numerusform>
                <numerusform>%1 (%n Fehler insgesamt; für den neuesten darüberfahren)</numerusform>
            </translation>
        </message>
        <message>
            <source>Run on cluster</source>
            <translation>Im Cluster ausführen</translation>
        </message>
        <message>
            <source>Send the selected queued or failed jobs to the cluster of the profile chosen in the Cluster tab.</source>
            <translation>Die gewählten eingereihten oder fehlgeschlagenen Aufträge an den Cluster des im Reiter „Cluster“ gewählten Profils senden.</translation>
        </message>
        <message>
            <source>This workstation</source>
            <translation>Dieser Arbeitsplatz</translation>
        </message>
        <message>
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <source>Job %1 cannot run on the cluster: its source %2 is not a local file.</source>
            <translation>Auftrag %1 kann nicht im Cluster laufen: Seine Quelle %2 ist keine lokale Datei.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoteJobsModel</name>
        <message>
            <source>Submitted</source>
            <translation>Gesendet</translation>
        </message>
        <message>
            <source>Received by a worker</source>
            <translation>Von einem Worker übernommen</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>Läuft</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Veröffentlicht</translation>
        </message>
        <message>
            <source>Published (QC failed)</source>
            <translation>Veröffentlicht (QC fehlgeschlagen)</translation>
        </message>
        <message>
            <source>Already published</source>
            <translation>Bereits veröffentlicht</translation>
        </message>
        <message>
            <source>Attempt failed, will retry</source>
            <translation>Versuch fehlgeschlagen, wird wiederholt</translation>
        </message>
        <message>
            <source>Released, back in the queue</source>
            <translation>Freigegeben, zurück in der Warteschlange</translation>
        </message>
        <message>
            <source>Dead letter</source>
            <translation>Unzustellbar</translation>
        </message>
        <message>
            <source>Job</source>
            <translation>Auftrag</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Quelle</translation>
        </message>
        <message>
            <source>State</source>
            <translation>Zustand</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Schritt</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Fortschritt</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Worker</translation>
        </message>
        <message>
            <source>Published at</source>
            <translation>Veröffentlicht unter</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoteProfileEditor</name>
        <message>
            <source>Remote profiles</source>
            <translation>Remote-Profile</translation>
        </message>
        <message>
            <source>e.g. studio-cluster</source>
            <translation>z. B. studio-cluster</translation>
        </message>
        <message>
            <source>empty: AWS (https://s3.&lt;region&gt;.amazonaws.com)</source>
            <translation>leer: AWS (https://s3.&lt;region&gt;.amazonaws.com)</translation>
        </message>
        <message>
            <source>Path-style addressing (emulators, custom endpoints)</source>
            <translation>Pfad-Adressierung (Emulatoren, eigene Endpunkte)</translation>
        </message>
        <message>
            <source>optional: no status back when empty</source>
            <translation>optional: ohne Angabe kein Status zurück</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>empty: the standard AWS credential chain</source>
            <translation>leer: die übliche AWS-Anmeldekette</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>S3 endpoint:</source>
            <translation>S3-Endpunkt:</translation>
        </message>
        <message>
            <source>Region:</source>
            <translation>Region:</translation>
        </message>
        <message>
            <source>Bucket:</source>
            <translation>Bucket:</translation>
        </message>
        <message>
            <source>Jobs queue URL:</source>
            <translation>URL der Auftrags-Warteschlange:</translation>
        </message>
        <message>
            <source>Status queue URL:</source>
            <translation>URL der Status-Warteschlange:</translation>
        </message>
        <message>
            <source>Dead-letter queue URL:</source>
            <translation>URL der Dead-Letter-Warteschlange:</translation>
        </message>
        <message>
            <source>AWS credentials profile:</source>
            <translation>AWS-Anmeldeprofil:</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Neu</translation>
        </message>
        <message>
            <source>Save profile</source>
            <translation>Profil speichern</translation>
        </message>
        <message>
            <source>Remove profile</source>
            <translation>Profil entfernen</translation>
        </message>
        <message>
            <source>Secrets are never stored here: credentials come from the AWS environment variables or ~/.aws profiles.</source>
            <translation>Hier werden nie Geheimnisse gespeichert: Die Anmeldedaten kommen aus den AWS-Umgebungsvariablen oder ~/.aws-Profilen.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: the name is not set.</source>
            <translation>Das Remote-Profil wurde nicht gespeichert: Der Name fehlt.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: "%1" is reserved for the environment variables.</source>
            <translation>Das Remote-Profil wurde nicht gespeichert: „%1“ ist für die Umgebungsvariablen reserviert.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: %1</source>
            <translation>Das Remote-Profil wurde nicht gespeichert: %1</translation>
        </message>
        <message>
            <source>Remote profile "%1" saved.</source>
            <translation>Remote-Profil „%1“ gespeichert.</translation>
        </message>
        <message>
            <source>Remote profile "%1" removed.</source>
            <translation>Remote-Profil „%1“ entfernt.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoveElementCommand</name>
        <message>
            <source>Remove from %1</source>
            <translation>Aus %1 entfernen</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SetValueCommand</name>
        <message>
            <source>Edit %1</source>
            <translation>%1 bearbeiten</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SettingsPanel</name>
        <message>
            <source>Save</source>
            <translation>Speichern</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Zurücksetzen</translation>
        </message>
        <message>
            <source>Worker slots</source>
            <translation>Arbeitsplätze</translation>
        </message>
        <message>
            <source>Automatic (one per working encoder family)</source>
            <translation>Automatisch (einer je funktionierender Encoder-Familie)</translation>
        </message>
        <message>
            <source>Software encodes at once:</source>
            <translation>Gleichzeitige Software-Kodierungen:</translation>
        </message>
        <message>
            <source>Hardware encodes at once:</source>
            <translation>Gleichzeitige Hardware-Kodierungen:</translation>
        </message>
        <message>
            <source>Light jobs at once:</source>
            <translation>Gleichzeitige leichte Aufträge:</translation>
        </message>
        <message>
            <source>Each job runs in its own process. Fewer slots never stop running jobs.</source>
            <translation>Jeder Auftrag läuft in einem eigenen Prozess. Weniger Plätze halten laufende Aufträge nie an.</translation>
        </message>
        <message>
            <source>Encoders on this machine</source>
            <translation>Encoder auf diesem Rechner</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encoder</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Art</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Ergebnis</translation>
        </message>
        <message>
            <source>Encoders are probed by encoding a few frames with each.</source>
            <translation>Encoder werden geprüft, indem jeder einige Bilder kodiert.</translation>
        </message>
        <message>
            <source>Probe Again</source>
            <translation>Erneut prüfen</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Ausgabe</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen…</translation>
        </message>
        <message>
            <source>Output Folder</source>
            <translation>Ausgabeordner</translation>
        </message>
        <message>
            <source>Output folder:</source>
            <translation>Ausgabeordner:</translation>
        </message>
        <message>
            <source>Default preset:</source>
            <translation>Standard-Voreinstellung:</translation>
        </message>
        <message>
            <source>Watch folders</source>
            <translation>Überwachte Ordner</translation>
        </message>
        <message>
            <source>Files that stop growing in these folders are queued with the default preset, each once.</source>
            <translation>Dateien, die in diesen Ordnern nicht mehr wachsen, werden mit der Standard-Voreinstellung eingereiht, jede einmal.</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Hinzufügen…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Entfernen</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>Systemsprache</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Sprache:</translation>
        </message>
        <message>
            <source>A new language takes effect when Rendition is started again.</source>
            <translation>Eine neue Sprache gilt ab dem nächsten Start von Rendition.</translation>
        </message>
        <message>
            <source>Watch Folder</source>
            <translation>Überwachter Ordner</translation>
        </message>
        <message>
            <source>Choose an output folder: published packages are written there.</source>
            <translation>Wählen Sie einen Ausgabeordner: Dort werden veröffentlichte Pakete geschrieben.</translation>
        </message>
        <message>
            <source>The settings could not be written to %1; check that the file is writable.</source>
            <translation>Die Einstellungen konnten nicht nach %1 geschrieben werden; prüfen Sie, ob die Datei beschreibbar ist.</translation>
        </message>
        <message>
            <source>Saved. Restart Rendition to see the new language.</source>
            <translation>Gespeichert. Starten Sie Rendition neu, um die neue Sprache zu sehen.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Gespeichert.</translation>
        </message>
        <message>
            <source>Probing encoders…</source>
            <translation>Encoder werden geprüft…</translation>
        </message>
        <message>
            <source>hardware</source>
            <translation>Hardware</translation>
        </message>
        <message>
            <source>software</source>
            <translation>Software</translation>
        </message>
        <message>
            <source>works</source>
            <translation>funktioniert</translation>
        </message>
        <message>
            <source>not usable: %1</source>
            <translation>nicht nutzbar: %1</translation>
        </message>
        <message>
            <source>%1 of %2 encoders work on this machine.</source>
            <translation>%1 von %2 Encodern funktionieren auf diesem Rechner.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SpriteStrip</name>
        <message>
            <source>Thumbnails along the timeline; click to seek</source>
            <translation>Vorschaubilder entlang der Zeitachse; klicken zum Springen</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::TableColumns</name>
        <message>
            <source>Rate control</source>
            <translation>Ratenkontrolle</translation>
        </message>
        <message>
            <source>CRF</source>
            <translation>CRF</translation>
        </message>
        <message>
            <source>Bitrate (kbps)</source>
            <translation>Bitrate (kbit/s)</translation>
        </message>
        <message>
            <source>Max (kbps)</source>
            <translation>Max. (kbit/s)</translation>
        </message>
        <message>
            <source>Buffer (kbps)</source>
            <translation>Puffer (kbit/s)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Width</source>
            <translation>Breite</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>Höhe</translation>
        </message>
        <message>
            <source>Keep aspect</source>
            <translation>Seitenverhältnis halten</translation>
        </message>
        <message>
            <source>Profile</source>
            <translation>Profil</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Geschwindigkeit</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encoder</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Kanäle</translation>
        </message>
        <message>
            <source>Sample rate (Hz)</source>
            <translation>Abtastrate (Hz)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Sprache</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Prüfung</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>Schwelle</translation>
        </message>
        <message>
            <source>Min. duration (s)</source>
            <translation>Mindestdauer (s)</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Schweregrad</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ThumbnailScrubber</name>
        <message>
            <source>Position; hover to see the thumbnail of a time</source>
            <translation>Position; darüberfahren zeigt das Vorschaubild eines Zeitpunkts</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::WatchFolderRunner</name>
        <message>
            <source>Watch folders are not watched: choose a default preset and an output folder in Settings.</source>
            <translation>Überwachte Ordner werden nicht beobachtet: Wählen Sie in den Einstellungen eine Standard-Voreinstellung und einen Ausgabeordner.</translation>
        </message>
        <message>
            <source>The watch folder %1 does not exist or is not a folder; it is skipped.</source>
            <translation>Der überwachte Ordner %1 existiert nicht oder ist kein Ordner; er wird übersprungen.</translation>
        </message>
        <message>
            <source>the file could not be read</source>
            <translation>die Datei konnte nicht gelesen werden</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::Workspace</name>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Queued %1 from a watch folder.</source>
            <translation>%1 aus einem überwachten Ordner eingereiht.</translation>
        </message>
        <message>
            <source>Did not queue %1 from a watch folder: %2</source>
            <translation>%1 aus einem überwachten Ordner nicht eingereiht: %2</translation>
        </message>
        <message>
            <source>Cannot create the data folder; check its permissions.</source>
            <translation>Der Datenordner kann nicht angelegt werden; prüfen Sie seine Berechtigungen.</translation>
        </message>
        <message>
            <source>The job queue could not start: %1</source>
            <translation>Die Auftragswarteschlange konnte nicht starten: %1</translation>
        </message>
        <message>
            <source>Choose an output folder in Settings before queuing files.</source>
            <translation>Wählen Sie in den Einstellungen einen Ausgabeordner, bevor Sie Dateien einreihen.</translation>
        </message>
        <message>
            <source>Select at least one file to queue.</source>
            <translation>Wählen Sie mindestens eine Datei zum Einreihen.</translation>
        </message>
        <message>
            <source>%1: already published in %2</source>
            <translation>%1: bereits veröffentlicht in %2</translation>
        </message>
        <message>
            <source>%1: already in the queue</source>
            <translation>%1: bereits in der Warteschlange</translation>
        </message>
    </context>
</TS>
