<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
    <context>
        <name>QObject</name>
        <message>
            <source>The job %1 is no longer in the queue.</source>
            <translation>La tâche %1 n’est plus dans la file.</translation>
        </message>
        <message>
            <source> (fallback)</source>
            <translation> (repli)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::AbCompare</name>
        <message>
            <source>Rendition shown on the left</source>
            <translation>Version affichée à gauche</translation>
        </message>
        <message>
            <source>Rendition shown on the right</source>
            <translation>Version affichée à droite</translation>
        </message>
        <message>
            <source>%1 at %2</source>
            <translation>%1 à %2</translation>
        </message>
        <message>
            <source>◀ Frame</source>
            <translation>◀ Image</translation>
        </message>
        <message>
            <source>Frame ▶</source>
            <translation>Image ▶</translation>
        </message>
        <message>
            <source>no video rendition "%1" in the open version</source>
            <translation>aucune version vidéo « %1 » dans la version ouverte</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ArrayEditor</name>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Move up</source>
            <translation>Monter</translation>
        </message>
        <message>
            <source>Move down</source>
            <translation>Descendre</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::AssetTableModel</name>
        <message>
            <source>Picture</source>
            <translation>Image</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>Résolution</translation>
        </message>
        <message>
            <source>Codecs</source>
            <translation>Codecs</translation>
        </message>
        <message>
            <source>Loudness</source>
            <translation>Sonie</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <source>, %1 fps</source>
            <translation>, %1 i/s</translation>
        </message>
        <message>
            <source> interlaced</source>
            <translation> entrelacé</translation>
        </message>
        <message>
            <source>%1 %2, %3 kHz</source>
            <translation>%1 %2, %3 kHz</translation>
        </message>
        <message numerus="yes">
            <source>%n channel(s)</source>
            <translation>
                <numerusform>%n canal</numerusform>
                <numerusform>%n canaux</numerusform>
            </translation>
        </message>
        <message>
            <source>waiting…</source>
            <translation>en attente…</translation>
        </message>
        <message>
            <source>measuring…</source>
            <translation>mesure en cours…</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>échec</translation>
        </message>
        <message>
            <source>silent</source>
            <translation>silence</translation>
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
            <translation>Débit par segment et par version (taille sur disque ÷ durée) ; en pointillé : cible</translation>
        </message>
        <message>
            <source>No segmented renditions in this version</source>
            <translation>Aucune version segmentée dans cette version</translation>
        </message>
        <message>
            <source>%1 kb/s</source>
            <translation>%1 kb/s</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::CellDelegate</name>
        <message>
            <source>(default)</source>
            <translation>(défaut)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ClusterPanel</name>
        <message>
            <source>Follow status</source>
            <translation>Suivre l’état</translation>
        </message>
        <message>
            <source>Download outputs…</source>
            <translation>Télécharger les sorties…</translation>
        </message>
        <message>
            <source>Remote profile:</source>
            <translation>Profil distant :</translation>
        </message>
        <message>
            <source>env (environment variables)</source>
            <translation>env (variables d’environnement)</translation>
        </message>
        <message>
            <source>Run on cluster: wait until the current transfer has finished.</source>
            <translation>Exécuter sur le cluster : attendez la fin du transfert en cours.</translation>
        </message>
        <message>
            <source>Run on cluster: select queued or failed jobs, or sources in Ingest, first.</source>
            <translation>Exécuter sur le cluster : sélectionnez d’abord des tâches en file ou en échec, ou des sources dans l’import.</translation>
        </message>
        <message>
            <source>Run on cluster: no remote profile is chosen (add one in Settings).</source>
            <translation>Exécuter sur le cluster : aucun profil distant choisi (ajoutez-en un dans les paramètres).</translation>
        </message>
        <message numerus="yes">
            <source>Submitting %n source(s) to "%1"…</source>
            <translation>
                <numerusform>Envoi de %n source à « %1 »…</numerusform>
                <numerusform>Envoi de %n sources à « %1 »…</numerusform>
            </translation>
        </message>
        <message>
            <source>Run on cluster failed: %1</source>
            <translation>Échec de l’exécution sur le cluster : %1</translation>
        </message>
        <message>
            <source>Probing %1…</source>
            <translation>Analyse de %1…</translation>
        </message>
        <message>
            <source>Uploading %1: %2%</source>
            <translation>Envoi de %1 : %2 %</translation>
        </message>
        <message>
            <source>%1 was not submitted to "%2": %3</source>
            <translation>%1 n’a pas été envoyé à « %2 » : %3</translation>
        </message>
        <message>
            <source>%1 was already published at %2.</source>
            <translation>%1 était déjà publié dans %2.</translation>
        </message>
        <message>
            <source>%1 submitted as job %2.</source>
            <translation>%1 envoyé comme tâche %2.</translation>
        </message>
        <message>
            <source>Run on cluster canceled.</source>
            <translation>Exécution sur le cluster annulée.</translation>
        </message>
        <message>
            <source>Cannot follow the cluster: %1</source>
            <translation>Impossible de suivre le cluster : %1</translation>
        </message>
        <message>
            <source>Reading the cluster status failed: %1</source>
            <translation>Échec de la lecture de l’état du cluster : %1</translation>
        </message>
        <message>
            <source>Following the status queue of "%1".</source>
            <translation>Suivi de la file d’état de « %1 ».</translation>
        </message>
        <message>
            <source>Download outputs: select a published job submitted from this workstation.</source>
            <translation>Télécharger les sorties : sélectionnez une tâche publiée envoyée depuis ce poste.</translation>
        </message>
        <message>
            <source>Download outputs to</source>
            <translation>Télécharger les sorties dans</translation>
        </message>
        <message>
            <source>Downloading the outputs of job %1…</source>
            <translation>Téléchargement des sorties de la tâche %1…</translation>
        </message>
        <message>
            <source>Download failed: %1</source>
            <translation>Échec du téléchargement : %1</translation>
        </message>
        <message>
            <source>Download failed: the job %1 is not published yet.</source>
            <translation>Échec du téléchargement : la tâche %1 n’est pas encore publiée.</translation>
        </message>
        <message>
            <source>Outputs downloaded to %1.</source>
            <translation>Sorties téléchargées dans %1.</translation>
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
            <translation>%1 %2 kb/s</translation>
        </message>
        <message>
            <source>%1 %2 ≈ %3 kbps</source>
            <translation>%1 %2 ≈ %3 kb/s</translation>
        </message>
        <message>
            <source>%1 (hardware)</source>
            <translation>%1 (matériel)</translation>
        </message>
        <message>
            <source>%1 (software fallback for "%2")</source>
            <translation>%1 (repli logiciel pour « %2 »)</translation>
        </message>
        <message>
            <source>%1 (software)</source>
            <translation>%1 (logiciel)</translation>
        </message>
        <message>
            <source>Add files…</source>
            <translation>Ajouter des fichiers…</translation>
        </message>
        <message>
            <source>Clear</source>
            <translation>Vider</translation>
        </message>
        <message>
            <source>Run dry run</source>
            <translation>Lancer la simulation</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Asset</source>
            <translation>Média</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Sortie</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encodeur</translation>
        </message>
        <message>
            <source>Rate control</source>
            <translation>Contrôle de débit</translation>
        </message>
        <message>
            <source>Est. size</source>
            <translation>Taille est.</translation>
        </message>
        <message>
            <source>Est. time</source>
            <translation>Durée est.</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Sizes and times are estimates, not measurements: bitrate × duration for vbr/cbr, a bits-per-pixel model for crf, a per-codec speed model for time.</source>
            <translation>Tailles et durées sont des estimations, pas des mesures : débit × durée pour VBR/CBR, un modèle de bits par pixel pour CRF, un modèle de vitesse par codec pour le temps.</translation>
        </message>
        <message>
            <source>Add media files for the dry run</source>
            <translation>Ajouter des fichiers médias pour la simulation</translation>
        </message>
        <message>
            <source>No preset is selected.</source>
            <translation>Aucun préréglage n’est sélectionné.</translation>
        </message>
        <message>
            <source>The preset has problems; fix the listed messages before a dry run.</source>
            <translation>Le préréglage a des problèmes ; corrigez les messages listés avant une simulation.</translation>
        </message>
        <message>
            <source>No assets: select assets in the ingest panel or use "Add files…".</source>
            <translation>Aucun média : sélectionnez des médias dans l’import ou utilisez « Ajouter des fichiers… ».</translation>
        </message>
        <message numerus="yes">
            <source>Probing %n asset(s)…</source>
            <translation>
                <numerusform>Analyse de %n média…</numerusform>
                <numerusform>Analyse de %n médias…</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot be processed: %1</source>
            <translation>Ne peut pas être traité : %1</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>Prévu</translation>
        </message>
        <message>
            <source>Planned: %1</source>
            <translation>Prévu : %1</translation>
        </message>
        <message>
            <source>%1×%2 @ %3 fps</source>
            <translation>%1×%2 @ %3 i/s</translation>
        </message>
        <message>
            <source>Skipped: %1</source>
            <translation>Ignoré : %1</translation>
        </message>
        <message>
            <source>audio</source>
            <translation>audio</translation>
        </message>
        <message>
            <source>%1 kbps</source>
            <translation>%1 kb/s</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>source %1×%2, %3 s</source>
            <translation>source %1×%2, %3 s</translation>
        </message>
        <message>
            <source>Estimate</source>
            <translation>Estimation</translation>
        </message>
        <message numerus="yes">
            <source>%n rendition(s) planned, %1 skipped rung(s), %2 asset(s) rejected; about %3 and %4 in total (estimates).</source>
            <translation>
                <numerusform>%n version prévue, %1 palier(s) ignoré(s), %2 média(s) refusé(s) ; environ %3 et %4 au total (estimations).</numerusform>
                <numerusform>%n versions prévues, %1 palier(s) ignoré(s), %2 média(s) refusé(s) ; environ %3 et %4 au total (estimations).</numerusform>
            </translation>
        </message>
        <message>
            <source>Dry run canceled. </source>
            <translation>Simulation annulée. </translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::IngestPanel</name>
        <message>
            <source>estimating…</source>
            <translation>estimation…</translation>
        </message>
        <message numerus="yes">
            <source>about %n second(s) left</source>
            <translation>
                <numerusform>environ %n seconde restante</numerusform>
                <numerusform>environ %n secondes restantes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>about %n minute(s) left</source>
            <translation>
                <numerusform>environ %n minute restante</numerusform>
                <numerusform>environ %n minutes restantes</numerusform>
            </translation>
        </message>
        <message>
            <source>Drop folders or files anywhere on this window, or use Add Files… and Add Folder…. Media is recognised by its content, not by its file name.</source>
            <translation>Déposez des dossiers ou des fichiers n’importe où sur cette fenêtre, ou utilisez « Ajouter des fichiers… » et « Ajouter un dossier… ». Les médias sont reconnus à leur contenu, pas à leur nom.</translation>
        </message>
        <message>
            <source>Add Files…</source>
            <translation>Ajouter des fichiers…</translation>
        </message>
        <message>
            <source>Add Folder…</source>
            <translation>Ajouter un dossier…</translation>
        </message>
        <message>
            <source>Queue Selected with Preset…</source>
            <translation>Mettre la sélection en file avec un préréglage…</translation>
        </message>
        <message>
            <source>Clear List</source>
            <translation>Vider la liste</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Looking for media…</source>
            <translation>Recherche de médias…</translation>
        </message>
        <message>
            <source>Probed %1 of %2 files — %3</source>
            <translation>%1 fichiers analysés sur %2 — %3</translation>
        </message>
        <message numerus="yes">
            <source>Scan canceled after %n file(s).</source>
            <translation>
                <numerusform>Analyse annulée après %n fichier.</numerusform>
                <numerusform>Analyse annulée après %n fichiers.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n asset(s): </source>
            <translation>
                <numerusform>%n média : </numerusform>
                <numerusform>%n médias : </numerusform>
            </translation>
        </message>
        <message>
            <source>%1 ready, %2 usable with warnings, %3 rejected.</source>
            <translation>%1 prêts, %2 utilisables avec avertissements, %3 refusés.</translation>
        </message>
        <message numerus="yes">
            <source>%n file(s) in folders ignored (not media).</source>
            <translation>
                <numerusform>%n fichier des dossiers ignoré (pas un média).</numerusform>
                <numerusform>%n fichiers des dossiers ignorés (pas des médias).</numerusform>
            </translation>
        </message>
        <message>
            <source>Queue Selected</source>
            <translation>Mettre la sélection en file</translation>
        </message>
        <message numerus="yes">
            <source>Queue %n selected file(s) with the preset:</source>
            <translation>
                <numerusform>Mettre en file %n fichier sélectionné avec le préréglage :</numerusform>
                <numerusform>Mettre en file %n fichiers sélectionnés avec le préréglage :</numerusform>
            </translation>
        </message>
        <message>
            <source>Add Files</source>
            <translation>Ajouter des fichiers</translation>
        </message>
        <message>
            <source>Add Folder</source>
            <translation>Ajouter un dossier</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::InsertElementCommand</name>
        <message>
            <source>Add to %1</source>
            <translation>Ajouter à %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::JobDetailDialog</name>
        <message>
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <source>Job %1</source>
            <translation>Tâche %1</translation>
        </message>
        <message>
            <source>Attempt</source>
            <translation>Tentative</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Started</source>
            <translation>Début</translation>
        </message>
        <message>
            <source>Ended</source>
            <translation>Fin</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Processus</translation>
        </message>
        <message>
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Tentatives</translation>
        </message>
        <message>
            <source>Log tail</source>
            <translation>Fin du journal</translation>
        </message>
        <message>
            <source>Spec</source>
            <translation>Spécification</translation>
        </message>
        <message>
            <source>Could not load the job: %1</source>
            <translation>La tâche n’a pas pu être chargée : %1</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
        </message>
        <message>
            <source>Job %1, %2 attempt(s), last stage “%3”.</source>
            <translation>Tâche %1, %2 tentative(s), dernière étape « %3 ».</translation>
        </message>
        <message>
            <source>Dead letter since %1: %2</source>
            <translation>Lettre morte depuis %1 : %2</translation>
        </message>
        <message>
            <source>Error %1: %2 (%3)</source>
            <translation>Erreur %1 : %2 (%3)</translation>
        </message>
        <message>
            <source>Error %1: %2</source>
            <translation>Erreur %1 : %2</translation>
        </message>
        <message>
            <source>running</source>
            <translation>en cours</translation>
        </message>
        <message>
            <source>(attempt %1 left no log)</source>
            <translation>(la tentative %1 n’a laissé aucun journal)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::LevelMeter</name>
        <message>
            <source>Audio level: bar = RMS, line = peak (dBFS, 100 ms windows)</source>
            <translation>Niveau audio : barre = RMS, ligne = crête (dBFS, fenêtres de 100 ms)</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::LoudnessChart</name>
        <message>
            <source>Loudness: momentary (thin), short-term (thick), target band (shaded)</source>
            <translation>Sonie : momentanée (fine), court terme (épaisse), plage cible (ombrée)</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>No loudness curve in this version</source>
            <translation>Aucune courbe de sonie dans cette version</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MainWindow</name>
        <message>
            <source>Rendition</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Job store: %1</source>
            <translation>Base des tâches : %1</translation>
        </message>
        <message>
            <source>Ingest</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message numerus="yes">
            <source>Checking %n file(s) before queuing…</source>
            <translation>
                <numerusform>Vérification de %n fichier avant la mise en file…</numerusform>
                <numerusform>Vérification de %n fichiers avant la mise en file…</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Queued %n job(s).</source>
            <translation>
                <numerusform>%n tâche mise en file.</numerusform>
                <numerusform>%n tâches mises en file.</numerusform>
            </translation>
        </message>
        <message>
            <source>Not queued: %1</source>
            <translation>Non mis en file : %1</translation>
        </message>
        <message>
            <source>Nothing was queued: %1</source>
            <translation>Rien n’a été mis en file : %1</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <source>Add &amp;Files…</source>
            <translation>Ajouter des &amp;fichiers…</translation>
        </message>
        <message>
            <source>Add F&amp;older…</source>
            <translation>Ajouter un &amp;dossier…</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Paramètres</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Aide</translation>
        </message>
        <message>
            <source>&amp;About Rendition</source>
            <translation>À &amp;propos de Rendition</translation>
        </message>
        <message>
            <source>About Rendition</source>
            <translation>À propos de Rendition</translation>
        </message>
        <message>
            <source>Rendition %1 — media pipeline workstation.</source>
            <translation>Rendition %1 — poste de travail de chaîne média.</translation>
        </message>
        <message>
            <source>Preview</source>
            <translation>Aperçu</translation>
        </message>
        <message>
            <source>Presets</source>
            <translation>Préréglages</translation>
        </message>
        <message>
            <source>Queue</source>
            <translation>File d’attente</translation>
        </message>
        <message>
            <source>QC Review</source>
            <translation>Revue QC</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Édition</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MediaDetailLoader</name>
        <message>
            <source>The picture could not be scaled.</source>
            <translation>L’image n’a pas pu être mise à l’échelle.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MetadataView</name>
        <message>
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>Valeur</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Fichier</translation>
        </message>
        <message>
            <source>Container</source>
            <translation>Conteneur</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>Durée</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 s</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Taille</translation>
        </message>
        <message>
            <source>Bitrate</source>
            <translation>Débit</translation>
        </message>
        <message>
            <source>%1 kb/s</source>
            <translation>%1 kb/s</translation>
        </message>
        <message>
            <source>Stream %1</source>
            <translation>Flux %1</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Pixel aspect</source>
            <translation>Rapport de pixel</translation>
        </message>
        <message>
            <source>Frame rate</source>
            <translation>Cadence</translation>
        </message>
        <message>
            <source>%1 fps%2</source>
            <translation>%1 i/s%2</translation>
        </message>
        <message>
            <source> (variable)</source>
            <translation> (variable)</translation>
        </message>
        <message>
            <source>Pixel format</source>
            <translation>Format de pixel</translation>
        </message>
        <message>
            <source>Field order</source>
            <translation>Ordre des trames</translation>
        </message>
        <message>
            <source>Sample rate</source>
            <translation>Fréquence d’échantillonnage</translation>
        </message>
        <message>
            <source>%1 Hz</source>
            <translation>%1 Hz</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Canaux</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Target bitrate</source>
            <translation>Débit cible</translation>
        </message>
        <message>
            <source>Segments</source>
            <translation>Segments</translation>
        </message>
        <message>
            <source>Protection</source>
            <translation>Protection</translation>
        </message>
        <message>
            <source>none</source>
            <translation>aucune</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::MoveElementCommand</name>
        <message>
            <source>Move in %1</source>
            <translation>Déplacer dans %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetEditorPanel</name>
        <message>
            <source>Undo</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Redo</source>
            <translation>Rétablir</translation>
        </message>
        <message>
            <source>No preset is selected.</source>
            <translation>Aucun préréglage n’est sélectionné.</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveau</translation>
        </message>
        <message>
            <source>Duplicate</source>
            <translation>Dupliquer</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Import JSON…</source>
            <translation>Importer du JSON…</translation>
        </message>
        <message>
            <source>Export JSON…</source>
            <translation>Exporter en JSON…</translation>
        </message>
        <message>
            <source>Delete preset</source>
            <translation>Supprimer le préréglage</translation>
        </message>
        <message>
            <source>Delete the preset "%1"?</source>
            <translation>Supprimer le préréglage « %1 » ?</translation>
        </message>
        <message>
            <source>Import preset</source>
            <translation>Importer un préréglage</translation>
        </message>
        <message>
            <source>Preset JSON (*.json);;All files (*)</source>
            <translation>Préréglage JSON (*.json);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <source>Export preset</source>
            <translation>Exporter le préréglage</translation>
        </message>
        <message>
            <source>Preset JSON (*.json)</source>
            <translation>Préréglage JSON (*.json)</translation>
        </message>
        <message>
            <source>Presets</source>
            <translation>Préréglages</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <source>%1 (built-in)</source>
            <translation>%1 (intégré)</translation>
        </message>
        <message>
            <source>%1 (cannot be opened)</source>
            <translation>%1 (ne peut pas être ouvert)</translation>
        </message>
        <message>
            <source>No preset selected</source>
            <translation>Aucun préréglage sélectionné</translation>
        </message>
        <message>
            <source>%1 — built-in, read-only: use Duplicate to make an editable copy</source>
            <translation>%1 — intégré, en lecture seule : utilisez « Dupliquer » pour une copie modifiable</translation>
        </message>
        <message>
            <source>%1 — not saved yet</source>
            <translation>%1 — pas encore enregistré</translation>
        </message>
        <message>
            <source>%1 — %2</source>
            <translation>%1 — %2</translation>
        </message>
        <message>
            <source>New preset "%1"; save it to keep it.</source>
            <translation>Nouveau préréglage « %1 » ; enregistrez-le pour le garder.</translation>
        </message>
        <message>
            <source>Duplicated as "%1"; it is editable and not saved yet.</source>
            <translation>Dupliqué sous « %1 » ; il est modifiable et pas encore enregistré.</translation>
        </message>
        <message>
            <source>Built-in presets are read-only; use Duplicate to make an editable copy.</source>
            <translation>Les préréglages intégrés sont en lecture seule ; utilisez « Dupliquer » pour une copie modifiable.</translation>
        </message>
        <message numerus="yes">
            <source>The preset has %n problem(s); fix them before saving.</source>
            <translation>
                <numerusform>Le préréglage a %n problème ; corrigez-le avant d’enregistrer.</numerusform>
                <numerusform>Le préréglage a %n problèmes ; corrigez-les avant d’enregistrer.</numerusform>
            </translation>
        </message>
        <message>
            <source>Saved "%1" to %2.</source>
            <translation>« %1 » enregistré dans %2.</translation>
        </message>
        <message>
            <source>Built-in presets cannot be deleted.</source>
            <translation>Les préréglages intégrés ne peuvent pas être supprimés.</translation>
        </message>
        <message>
            <source>Preset deleted.</source>
            <translation>Préréglage supprimé.</translation>
        </message>
        <message>
            <source>Imported "%1" from %2.</source>
            <translation>« %1 » importé depuis %2.</translation>
        </message>
        <message>
            <source>Imported %1 as "%2" ("%3" was taken).</source>
            <translation>%1 importé sous « %2 » (« %3 » était pris).</translation>
        </message>
        <message numerus="yes">
            <source>The preset has %n problem(s); fix them before exporting.</source>
            <translation>
                <numerusform>Le préréglage a %n problème ; corrigez-le avant d’exporter.</numerusform>
                <numerusform>Le préréglage a %n problèmes ; corrigez-les avant d’exporter.</numerusform>
            </translation>
        </message>
        <message>
            <source>Exported "%1" to %2.</source>
            <translation>« %1 » exporté vers %2.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetEditorTabs</name>
        <message>
            <source>Ladder</source>
            <translation>Échelle</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Audio &amp;&amp; loudness</source>
            <translation>Audio &amp;&amp; sonie</translation>
        </message>
        <message>
            <source>Packaging</source>
            <translation>Empaquetage</translation>
        </message>
        <message>
            <source>DRM</source>
            <translation>DRM</translation>
        </message>
        <message>
            <source>Thumbnails</source>
            <translation>Vignettes</translation>
        </message>
        <message>
            <source>QC</source>
            <translation>QC</translation>
        </message>
        <message>
            <source>Dry run</source>
            <translation>Simulation</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetForms</name>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>letters, digits, '_', '.' and '-'</source>
            <translation>lettres, chiffres, « _ », « . » et « - »</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Deinterlace</source>
            <translation>Désentrelacement</translation>
        </message>
        <message>
            <source>Auto (when the source is flagged interlaced)</source>
            <translation>Auto (quand la source est marquée entrelacée)</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Désactivé</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Activé</translation>
        </message>
        <message>
            <source>Keyframes per segment</source>
            <translation>Images clés par segment</translation>
        </message>
        <message>
            <source>Max. consecutive B-frames</source>
            <translation>Max. d’images B consécutives</translation>
        </message>
        <message>
            <source>Extra keyframes on scene cuts (breaks rung alignment)</source>
            <translation>Images clés en plus aux changements de plan (casse l’alignement des paliers)</translation>
        </message>
        <message>
            <source>Asset folder</source>
            <translation>Dossier du média</translation>
        </message>
        <message>
            <source>tokens: {stem} {preset}</source>
            <translation>jetons : {stem} {preset}</translation>
        </message>
        <message>
            <source>Rendition folder</source>
            <translation>Dossier de version</translation>
        </message>
        <message>
            <source>tokens: {name} {width} {height} {codec}</source>
            <translation>jetons : {name} {width} {height} {codec}</translation>
        </message>
        <message>
            <source>Segment duration</source>
            <translation>Durée de segment</translation>
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
            <translation>Segments HLS</translation>
        </message>
        <message>
            <source>fMP4 (CMAF, shared with DASH)</source>
            <translation>fMP4 (CMAF, partagé avec DASH)</translation>
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
            <translation>MP4 progressif par palier (proxys de montage)</translation>
        </message>
        <message>
            <source>Loudness normalization</source>
            <translation>Normalisation de la sonie</translation>
        </message>
        <message>
            <source>Normalize to a target (static gain)</source>
            <translation>Normaliser vers une cible (gain statique)</translation>
        </message>
        <message>
            <source>Target loudness</source>
            <translation>Sonie cible</translation>
        </message>
        <message>
            <source> LUFS</source>
            <translation> LUFS</translation>
        </message>
        <message>
            <source>True-peak ceiling</source>
            <translation>Plafond de crête vraie</translation>
        </message>
        <message>
            <source> dBTP</source>
            <translation> dBTP</translation>
        </message>
        <message>
            <source>Over the ceiling</source>
            <translation>Au-dessus du plafond</translation>
        </message>
        <message>
            <source>Limit (true-peak limiter)</source>
            <translation>Limiter (limiteur de crête vraie)</translation>
        </message>
        <message>
            <source>Reduce the gain</source>
            <translation>Réduire le gain</translation>
        </message>
        <message>
            <source>Scheme</source>
            <translation>Schéma</translation>
        </message>
        <message>
            <source>None (clear)</source>
            <translation>Aucun (en clair)</translation>
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
            <translation>Source de la clé</translation>
        </message>
        <message>
            <source>Generate a key per package</source>
            <translation>Générer une clé par paquet</translation>
        </message>
        <message>
            <source>KID:KEY file</source>
            <translation>Fichier KID:KEY</translation>
        </message>
        <message>
            <source>CPIX document</source>
            <translation>Document CPIX</translation>
        </message>
        <message>
            <source>Key file</source>
            <translation>Fichier de clé</translation>
        </message>
        <message>
            <source>path of the KID:KEY file or CPIX document</source>
            <translation>chemin du fichier KID:KEY ou du document CPIX</translation>
        </message>
        <message>
            <source>ClearKey (always signalled)</source>
            <translation>ClearKey (toujours signalé)</translation>
        </message>
        <message>
            <source>Systems</source>
            <translation>Systèmes</translation>
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
            <translation>Fournisseur Widevine</translation>
        </message>
        <message>
            <source>Widevine content ID</source>
            <translation>ID de contenu Widevine</translation>
        </message>
        <message>
            <source>PlayReady licence URL</source>
            <translation>URL de licence PlayReady</translation>
        </message>
        <message>
            <source>https://…</source>
            <translation>https://…</translation>
        </message>
        <message>
            <source>HLS key URI</source>
            <translation>URI de clé HLS</translation>
        </message>
        <message>
            <source>{kid} is replaced by the key ID in hex</source>
            <translation>{kid} est remplacé par l’ID de clé en hexadécimal</translation>
        </message>
        <message>
            <source>Make thumbnail sprite sheets</source>
            <translation>Créer des planches de vignettes</translation>
        </message>
        <message>
            <source>Interval</source>
            <translation>Intervalle</translation>
        </message>
        <message>
            <source>Tile width</source>
            <translation>Largeur de tuile</translation>
        </message>
        <message>
            <source> px</source>
            <translation> px</translation>
        </message>
        <message>
            <source>Tile height</source>
            <translation>Hauteur de tuile</translation>
        </message>
        <message>
            <source>Columns</source>
            <translation>Colonnes</translation>
        </message>
        <message>
            <source>Rows</source>
            <translation>Lignes</translation>
        </message>
        <message>
            <source>JPEG quality</source>
            <translation>Qualité JPEG</translation>
        </message>
        <message>
            <source>Run automated QC on the package</source>
            <translation>Lancer le QC automatique sur le paquet</translation>
        </message>
        <message>
            <source>Require a person's approval before a version becomes current</source>
            <translation>Exiger l’approbation d’une personne avant qu’une version devienne courante</translation>
        </message>
        <message>
            <source>Rules (a rule with severity "fail" stops publishing as current):</source>
            <translation>Règles (une règle de gravité « fail » empêche la publication comme courante) :</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PresetLibrary</name>
        <message>
            <source>Cannot read the preset file (%1); check that it exists and is readable.</source>
            <translation>Impossible de lire le fichier de préréglage (%1) ; vérifiez qu’il existe et est lisible.</translation>
        </message>
        <message>
            <source>not a regular file</source>
            <translation>pas un fichier ordinaire</translation>
        </message>
        <message numerus="yes">
            <source>and %n more</source>
            <translation>
                <numerusform>et %n autre</numerusform>
                <numerusform>et %n autres</numerusform>
            </translation>
        </message>
        <message>
            <source>The file is not a valid preset: %1.</source>
            <translation>Le fichier n’est pas un préréglage valide : %1.</translation>
        </message>
        <message>
            <source>The preset has problems and was not written; fix the messages listed first.</source>
            <translation>Le préréglage a des problèmes et n’a pas été écrit ; corrigez d’abord les messages listés.</translation>
        </message>
        <message>
            <source>Cannot write the preset (%1); check that the folder exists and is writable.</source>
            <translation>Impossible d’écrire le préréglage (%1) ; vérifiez que le dossier existe et est modifiable.</translation>
        </message>
        <message>
            <source>"%1" is the name of a built-in preset; give the copy another name.</source>
            <translation>« %1 » est le nom d’un préréglage intégré ; donnez un autre nom à la copie.</translation>
        </message>
        <message>
            <source>Another user preset is already named "%1"; choose another name.</source>
            <translation>Un autre préréglage s’appelle déjà « %1 » ; choisissez un autre nom.</translation>
        </message>
        <message>
            <source>Cannot create the presets folder; check the permissions of its parent.</source>
            <translation>Impossible de créer le dossier des préréglages ; vérifiez les droits de son parent.</translation>
        </message>
        <message>
            <source>Saved under the new name, but the old file could not be removed; delete it by hand.</source>
            <translation>Enregistré sous le nouveau nom, mais l’ancien fichier n’a pas pu être supprimé ; supprimez-le à la main.</translation>
        </message>
        <message>
            <source>Cannot delete the preset file (%1); check the folder's permissions.</source>
            <translation>Impossible de supprimer le fichier de préréglage (%1) ; vérifiez les droits du dossier.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::PreviewPanel</name>
        <message>
            <source>Rendition to preview (protected ones are decrypted with the version's key)</source>
            <translation>Version à prévisualiser (les versions protégées sont déchiffrées avec la clé de la version)</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>Lire</translation>
        </message>
        <message>
            <source>◀ Frame</source>
            <translation>◀ Image</translation>
        </message>
        <message>
            <source>Frame ▶</source>
            <translation>Image ▶</translation>
        </message>
        <message>
            <source>Previous frame (Left)</source>
            <translation>Image précédente (Gauche)</translation>
        </message>
        <message>
            <source>Next frame (Right)</source>
            <translation>Image suivante (Droite)</translation>
        </message>
        <message>
            <source>Play or pause (Space); J/K/L shuttle</source>
            <translation>Lire ou mettre en pause (Espace) ; navette J/K/L</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>the file does not exist or is not a file</source>
            <translation>le fichier n’existe pas ou n’est pas un fichier</translation>
        </message>
        <message>
            <source>%1 (%2, decrypted)</source>
            <translation>%1 (%2, déchiffré)</translation>
        </message>
        <message>
            <source>the version has no video rendition to preview</source>
            <translation>la version n’a aucune version vidéo à prévisualiser</translation>
        </message>
        <message>
            <source>no video rendition "%1" in the open version</source>
            <translation>aucune version vidéo « %1 » dans la version ouverte</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Level meter: %1</source>
            <translation>Vumètre : %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ProblemText</name>
        <message>
            <source>The file does not exist.</source>
            <translation>Le fichier n’existe pas.</translation>
        </message>
        <message>
            <source>This is not a regular file.</source>
            <translation>Ce n’est pas un fichier ordinaire.</translation>
        </message>
        <message>
            <source>The file is empty.</source>
            <translation>Le fichier est vide.</translation>
        </message>
        <message>
            <source>This is not a video or audio file.</source>
            <translation>Ce n’est pas un fichier vidéo ou audio.</translation>
        </message>
        <message>
            <source>The file is cut short (truncated); part of it is missing.</source>
            <translation>Le fichier est tronqué ; une partie manque.</translation>
        </message>
        <message>
            <source>The file cannot be read.</source>
            <translation>Le fichier ne peut pas être lu.</translation>
        </message>
        <message>
            <source>There is no picture (audio only); only audio renditions can be made.</source>
            <translation>Il n’y a pas d’image (audio seul) ; seules des versions audio sont possibles.</translation>
        </message>
        <message>
            <source>There is no sound (video only); the output will be silent.</source>
            <translation>Il n’y a pas de son (vidéo seule) ; la sortie sera muette.</translation>
        </message>
        <message>
            <source>The media has no length.</source>
            <translation>Le média n’a aucune durée.</translation>
        </message>
        <message>
            <source>A stream uses a codec that cannot be decoded.</source>
            <translation>Un flux utilise un codec qui ne peut pas être décodé.</translation>
        </message>
        <message>
            <source>The picture size is outside the supported range.</source>
            <translation>La taille d’image est hors de la plage prise en charge.</translation>
        </message>
        <message>
            <source>The picture has an odd width or height; renditions will be cropped or scaled to even sizes.</source>
            <translation>L’image a une largeur ou une hauteur impaire ; les versions seront recadrées ou mises à l’échelle en tailles paires.</translation>
        </message>
        <message>
            <source>The frame rate varies; it will be made constant, which can drop or repeat frames.</source>
            <translation>La cadence varie ; elle sera rendue constante, ce qui peut supprimer ou répéter des images.</translation>
        </message>
        <message>
            <source>The picture is interlaced; it will be deinterlaced.</source>
            <translation>L’image est entrelacée ; elle sera désentrelacée.</translation>
        </message>
        <message>
            <source>Some frames could not be decoded.</source>
            <translation>Certaines images n’ont pas pu être décodées.</translation>
        </message>
        <message>
            <source>Reading the file took too long.</source>
            <translation>La lecture du fichier a pris trop de temps.</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Refusé</translation>
        </message>
        <message>
            <source>Usable with warnings</source>
            <translation>Utilisable avec avertissements</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Prêt</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QcReviewPanel</name>
        <message>
            <source>No version open</source>
            <translation>Aucune version ouverte</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Approuver</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Refuser</translation>
        </message>
        <message>
            <source>Reason for rejecting</source>
            <translation>Motif du refus</translation>
        </message>
        <message>
            <source>Approve this version for publishing</source>
            <translation>Approuver cette version pour publication</translation>
        </message>
        <message>
            <source>Reject this version; a reason is required</source>
            <translation>Refuser cette version ; un motif est requis</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Gravité</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Contrôle</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>Temps (s)</translation>
        </message>
        <message>
            <source>Duration (s)</source>
            <translation>Durée (s)</translation>
        </message>
        <message>
            <source>Rendition</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <source>QC events; click one to seek the player there</source>
            <translation>Événements QC ; cliquez sur l’un pour y placer le lecteur</translation>
        </message>
        <message>
            <source>Loudness curve of the source or of an encoded audio rendition</source>
            <translation>Courbe de sonie de la source ou d’une version audio encodée</translation>
        </message>
        <message>
            <source>Timeline and loudness</source>
            <translation>Timeline et sonie</translation>
        </message>
        <message>
            <source>Bitrate per segment</source>
            <translation>Débit par segment</translation>
        </message>
        <message>
            <source>Rendition A/B</source>
            <translation>Version A/B</translation>
        </message>
        <message>
            <source>%1 %2 — no QC report</source>
            <translation>%1 %2 — aucun rapport QC</translation>
        </message>
        <message>
            <source>%1 %2 — QC passed, %3 warning(s)</source>
            <translation>%1 %2 — QC réussi, %3 avertissement(s)</translation>
        </message>
        <message>
            <source>%1 %2 — QC FAILED: %3 failure(s), %4 warning(s)</source>
            <translation>%1 %2 — QC ÉCHOUÉ : %3 échec(s), %4 avertissement(s)</translation>
        </message>
        <message>
            <source>Source (before normalization)</source>
            <translation>Source (avant normalisation)</translation>
        </message>
        <message>
            <source>%1 (encoded)</source>
            <translation>%1 (encodé)</translation>
        </message>
        <message>
            <source>fail</source>
            <translation>échec</translation>
        </message>
        <message>
            <source>warn</source>
            <translation>avert.</translation>
        </message>
        <message>
            <source>(package)</source>
            <translation>(paquet)</translation>
        </message>
        <message>
            <source>no job is waiting for approval of this version</source>
            <translation>aucune tâche n’attend l’approbation de cette version</translation>
        </message>
        <message>
            <source>Approved: %1 is now the current version.</source>
            <translation>Approuvé : %1 est maintenant la version courante.</translation>
        </message>
        <message>
            <source>Give a reason for rejecting %1.</source>
            <translation>Indiquez un motif pour refuser %1.</translation>
        </message>
        <message>
            <source>Rejected: %1.</source>
            <translation>Refusé : %1.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QueueController</name>
        <message>
            <source>The job %1 is no longer in the queue.</source>
            <translation>La tâche %1 n’est plus dans la file.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::QueueModel</name>
        <message>
            <source>Queued</source>
            <translation>En file</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminé</translation>
        </message>
        <message>
            <source>QC failed</source>
            <translation>QC échoué</translation>
        </message>
        <message>
            <source>Failed</source>
            <translation>Échoué</translation>
        </message>
        <message>
            <source>Canceled</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <source>Dead letter</source>
            <translation>Lettre morte</translation>
        </message>
        <message>
            <source>Waiting for approval</source>
            <translation>En attente d’approbation</translation>
        </message>
        <message>
            <source>Rejected</source>
            <translation>Refusé</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Inconnu</translation>
        </message>
        <message>
            <source>(no batch)</source>
            <translation>(aucun lot)</translation>
        </message>
        <message>
            <source>%1 (requested)</source>
            <translation>%1 (demandé)</translation>
        </message>
        <message>
            <source>%1 fps</source>
            <translation>%1 i/s</translation>
        </message>
        <message>
            <source>ETA %1</source>
            <translation>reste %1</translation>
        </message>
        <message>
            <source>paused</source>
            <translation>en pause</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>Batch</source>
            <translation>Lot</translation>
        </message>
        <message>
            <source>Preset</source>
            <translation>Préréglage</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Progression</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encodeur</translation>
        </message>
        <message>
            <source>Attempts</source>
            <translation>Tentatives</translation>
        </message>
        <message>
            <source>Priority</source>
            <translation>Priorité</translation>
        </message>
        <message>
            <source>Updated</source>
            <translation>Mis à jour</translation>
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
            <translation>Mettre la file en pause</translation>
        </message>
        <message>
            <source>No new job starts while the queue is paused; running jobs go on.</source>
            <translation>Aucune nouvelle tâche ne démarre tant que la file est en pause ; les tâches en cours continuent.</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <source>Pause the selected jobs (a running job is stopped where it is).</source>
            <translation>Mettre en pause les tâches sélectionnées (une tâche en cours est arrêtée là où elle est).</translation>
        </message>
        <message>
            <source>Resume</source>
            <translation>Reprendre</translation>
        </message>
        <message>
            <source>Resume the selected paused jobs.</source>
            <translation>Reprendre les tâches en pause sélectionnées.</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Cancel the selected jobs.</source>
            <translation>Annuler les tâches sélectionnées.</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Queue the selected failed, canceled, rejected or dead jobs again.</source>
            <translation>Remettre en file les tâches sélectionnées échouées, annulées, refusées ou mortes.</translation>
        </message>
        <message>
            <source>Priority up</source>
            <translation>Augmenter la priorité</translation>
        </message>
        <message>
            <source>Raise the priority of the selected queued jobs.</source>
            <translation>Augmenter la priorité des tâches en file sélectionnées.</translation>
        </message>
        <message>
            <source>Priority down</source>
            <translation>Baisser la priorité</translation>
        </message>
        <message>
            <source>Lower the priority of the selected queued jobs.</source>
            <translation>Baisser la priorité des tâches en file sélectionnées.</translation>
        </message>
        <message>
            <source>Run next</source>
            <translation>Exécuter ensuite</translation>
        </message>
        <message>
            <source>Move the selected queued jobs to the top of the queue.</source>
            <translation>Placer les tâches en file sélectionnées en tête de file.</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>Approuver</translation>
        </message>
        <message>
            <source>Approve the selected jobs waiting for approval (publishes them as current).</source>
            <translation>Approuver les tâches sélectionnées en attente (les publie comme version courante).</translation>
        </message>
        <message>
            <source>Reject…</source>
            <translation>Refuser…</translation>
        </message>
        <message>
            <source>Reject the selected jobs waiting for approval, with a reason.</source>
            <translation>Refuser les tâches sélectionnées en attente, avec un motif.</translation>
        </message>
        <message>
            <source>Details…</source>
            <translation>Détails…</translation>
        </message>
        <message>
            <source>Show the job's errors, every attempt with its log and its spec.</source>
            <translation>Afficher les erreurs de la tâche, chaque tentative avec son journal et sa spécification.</translation>
        </message>
        <message>
            <source>Open output folder</source>
            <translation>Ouvrir le dossier de sortie</translation>
        </message>
        <message>
            <source>Open the folder the job publishes to.</source>
            <translation>Ouvrir le dossier où la tâche publie.</translation>
        </message>
        <message>
            <source>All jobs</source>
            <translation>Toutes les tâches</translation>
        </message>
        <message>
            <source>Queued and running</source>
            <translation>En file et en cours</translation>
        </message>
        <message>
            <source>Waiting for approval</source>
            <translation>En attente d’approbation</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>Terminé</translation>
        </message>
        <message>
            <source>Failed, canceled, rejected</source>
            <translation>Échouées, annulées, refusées</translation>
        </message>
        <message>
            <source>Dead letters</source>
            <translation>Lettres mortes</translation>
        </message>
        <message>
            <source>All batches</source>
            <translation>Tous les lots</translation>
        </message>
        <message>
            <source>Filter by source, preset, state, stage or encoder</source>
            <translation>Filtrer par source, préréglage, état, étape ou encodeur</translation>
        </message>
        <message>
            <source>Show:</source>
            <translation>Afficher :</translation>
        </message>
        <message>
            <source>Reject</source>
            <translation>Refuser</translation>
        </message>
        <message>
            <source>Why are these versions rejected?</source>
            <translation>Pourquoi ces versions sont-elles refusées ?</translation>
        </message>
        <message>
            <source>The output folder does not exist yet; it appears once the job publishes.</source>
            <translation>Le dossier de sortie n’existe pas encore ; il apparaît quand la tâche publie.</translation>
        </message>
        <message>
            <source>No file manager could open the folder; open it by hand.</source>
            <translation>Aucun gestionnaire de fichiers n’a pu ouvrir le dossier ; ouvrez-le à la main.</translation>
        </message>
        <message numerus="yes">
            <source>%n job(s)</source>
            <translation>
                <numerusform>%n tâche</numerusform>
                <numerusform>%n tâches</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n running</source>
            <translation>
                <numerusform>%n en cours</numerusform>
                <numerusform>%n en cours</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n queued</source>
            <translation>
                <numerusform>%n en file</numerusform>
                <numerusform>%n en file</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paused</source>
            <translation>
                <numerusform>%n en pause</numerusform>
                <numerusform>%n en pause</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n waiting for approval</source>
            <translation>
                <numerusform>%n en attente d’approbation</numerusform>
                <numerusform>%n en attente d’approbation</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n dead letter(s)</source>
            <translation>
                <numerusform>%n lettre morte</numerusform>
                <numerusform>%n lettres mortes</numerusform>
            </translation>
        </message>
        <message>
            <source>queue paused</source>
            <translation>file en pause</translation>
        </message>
        <message numerus="yes">
            <source>%1 (%n error(s) in all; hover for the latest)</source>
            <translation>
                <numerusform>%1 (%n erreur au total ; survolez pour la dernière)</numerusform>
                <numerusform>%1 (%n erreurs au total ; survolez pour la dernière)</numerusform>
            </translation>
        </message>
        <message>
            <source>Run on cluster</source>
            <translation>Exécuter sur le cluster</translation>
        </message>
        <message>
            <source>Send the selected queued or failed jobs to the cluster of the profile chosen in the Cluster tab.</source>
            <translation>Envoyer les tâches sélectionnées (en file ou en échec) au cluster du profil choisi dans l’onglet « Cluster ».</translation>
        </message>
        <message>
            <source>This workstation</source>
            <translation>Ce poste</translation>
        </message>
        <message>
            <source>Cluster</source>
            <translation>Cluster</translation>
        </message>
        <message>
            <source>Job %1 cannot run on the cluster: its source %2 is not a local file.</source>
            <translation>La tâche %1 ne peut pas s’exécuter sur le cluster : sa source %2 n’est pas un fichier local.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoteJobsModel</name>
        <message>
            <source>Submitted</source>
            <translation>Envoyé</translation>
        </message>
        <message>
            <source>Received by a worker</source>
            <translation>Prise par un worker</translation>
        </message>
        <message>
            <source>Running</source>
            <translation>En cours</translation>
        </message>
        <message>
            <source>Published</source>
            <translation>Publié</translation>
        </message>
        <message>
            <source>Published (QC failed)</source>
            <translation>Publié (QC en échec)</translation>
        </message>
        <message>
            <source>Already published</source>
            <translation>Déjà publié</translation>
        </message>
        <message>
            <source>Attempt failed, will retry</source>
            <translation>Tentative échouée, nouvel essai prévu</translation>
        </message>
        <message>
            <source>Released, back in the queue</source>
            <translation>Libérée, de retour dans la file</translation>
        </message>
        <message>
            <source>Dead letter</source>
            <translation>Lettre morte</translation>
        </message>
        <message>
            <source>Job</source>
            <translation>Tâche</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>State</source>
            <translation>État</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>Étape</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>Progression</translation>
        </message>
        <message>
            <source>Worker</source>
            <translation>Processus</translation>
        </message>
        <message>
            <source>Published at</source>
            <translation>Publié dans</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoteProfileEditor</name>
        <message>
            <source>Remote profiles</source>
            <translation>Profils distants</translation>
        </message>
        <message>
            <source>e.g. studio-cluster</source>
            <translation>p. ex. studio-cluster</translation>
        </message>
        <message>
            <source>empty: AWS (https://s3.&lt;region&gt;.amazonaws.com)</source>
            <translation>vide : AWS (https://s3.&lt;region&gt;.amazonaws.com)</translation>
        </message>
        <message>
            <source>Path-style addressing (emulators, custom endpoints)</source>
            <translation>Adressage par chemin (émulateurs, points de terminaison personnalisés)</translation>
        </message>
        <message>
            <source>optional: no status back when empty</source>
            <translation>facultatif : pas de retour d’état si vide</translation>
        </message>
        <message>
            <source>optional</source>
            <translation>facultatif</translation>
        </message>
        <message>
            <source>empty: the standard AWS credential chain</source>
            <translation>vide : la chaîne d’identifiants AWS standard</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Nom :</translation>
        </message>
        <message>
            <source>S3 endpoint:</source>
            <translation>Point de terminaison S3 :</translation>
        </message>
        <message>
            <source>Region:</source>
            <translation>Région :</translation>
        </message>
        <message>
            <source>Bucket:</source>
            <translation>Compartiment :</translation>
        </message>
        <message>
            <source>Jobs queue URL:</source>
            <translation>URL de la file des tâches :</translation>
        </message>
        <message>
            <source>Status queue URL:</source>
            <translation>URL de la file d’état :</translation>
        </message>
        <message>
            <source>Dead-letter queue URL:</source>
            <translation>URL de la file des lettres mortes :</translation>
        </message>
        <message>
            <source>AWS credentials profile:</source>
            <translation>Profil d’identifiants AWS :</translation>
        </message>
        <message>
            <source>New</source>
            <translation>Nouveau</translation>
        </message>
        <message>
            <source>Save profile</source>
            <translation>Enregistrer le profil</translation>
        </message>
        <message>
            <source>Remove profile</source>
            <translation>Supprimer le profil</translation>
        </message>
        <message>
            <source>Secrets are never stored here: credentials come from the AWS environment variables or ~/.aws profiles.</source>
            <translation>Aucun secret n’est enregistré ici : les identifiants viennent des variables d’environnement AWS ou des profils ~/.aws.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: the name is not set.</source>
            <translation>Le profil distant n’est pas enregistré : le nom n’est pas défini.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: "%1" is reserved for the environment variables.</source>
            <translation>Le profil distant n’est pas enregistré : « %1 » est réservé aux variables d’environnement.</translation>
        </message>
        <message>
            <source>The remote profile is not saved: %1</source>
            <translation>Le profil distant n’est pas enregistré : %1</translation>
        </message>
        <message>
            <source>Remote profile "%1" saved.</source>
            <translation>Profil distant « %1 » enregistré.</translation>
        </message>
        <message>
            <source>Remote profile "%1" removed.</source>
            <translation>Profil distant « %1 » supprimé.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::RemoveElementCommand</name>
        <message>
            <source>Remove from %1</source>
            <translation>Retirer de %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SetValueCommand</name>
        <message>
            <source>Edit %1</source>
            <translation>Modifier %1</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SettingsPanel</name>
        <message>
            <source>Save</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>Rétablir</translation>
        </message>
        <message>
            <source>Worker slots</source>
            <translation>Emplacements de travail</translation>
        </message>
        <message>
            <source>Automatic (one per working encoder family)</source>
            <translation>Automatique (un par famille d’encodeurs fonctionnelle)</translation>
        </message>
        <message>
            <source>Software encodes at once:</source>
            <translation>Encodages logiciels simultanés :</translation>
        </message>
        <message>
            <source>Hardware encodes at once:</source>
            <translation>Encodages matériels simultanés :</translation>
        </message>
        <message>
            <source>Light jobs at once:</source>
            <translation>Tâches légères simultanées :</translation>
        </message>
        <message>
            <source>Each job runs in its own process. Fewer slots never stop running jobs.</source>
            <translation>Chaque tâche tourne dans son propre processus. Moins d’emplacements n’arrêtent jamais les tâches en cours.</translation>
        </message>
        <message>
            <source>Encoders on this machine</source>
            <translation>Encodeurs de cette machine</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encodeur</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <source>Encoders are probed by encoding a few frames with each.</source>
            <translation>Les encodeurs sont testés en encodant quelques images avec chacun.</translation>
        </message>
        <message>
            <source>Probe Again</source>
            <translation>Tester à nouveau</translation>
        </message>
        <message>
            <source>Output</source>
            <translation>Sortie</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Parcourir…</translation>
        </message>
        <message>
            <source>Output Folder</source>
            <translation>Dossier de sortie</translation>
        </message>
        <message>
            <source>Output folder:</source>
            <translation>Dossier de sortie :</translation>
        </message>
        <message>
            <source>Default preset:</source>
            <translation>Préréglage par défaut :</translation>
        </message>
        <message>
            <source>Watch folders</source>
            <translation>Dossiers surveillés</translation>
        </message>
        <message>
            <source>Files that stop growing in these folders are queued with the default preset, each once.</source>
            <translation>Les fichiers qui cessent de grossir dans ces dossiers sont mis en file avec le préréglage par défaut, chacun une fois.</translation>
        </message>
        <message>
            <source>Add…</source>
            <translation>Ajouter…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>System language</source>
            <translation>Langue du système</translation>
        </message>
        <message>
            <source>Language:</source>
            <translation>Langue :</translation>
        </message>
        <message>
            <source>A new language takes effect when Rendition is started again.</source>
            <translation>Une nouvelle langue prend effet au prochain démarrage de Rendition.</translation>
        </message>
        <message>
            <source>Watch Folder</source>
            <translation>Dossier surveillé</translation>
        </message>
        <message>
            <source>Choose an output folder: published packages are written there.</source>
            <translation>Choisissez un dossier de sortie : les paquets publiés y sont écrits.</translation>
        </message>
        <message>
            <source>The settings could not be written to %1; check that the file is writable.</source>
            <translation>Les paramètres n’ont pas pu être écrits dans %1 ; vérifiez que le fichier est modifiable.</translation>
        </message>
        <message>
            <source>Saved. Restart Rendition to see the new language.</source>
            <translation>Enregistré. Redémarrez Rendition pour voir la nouvelle langue.</translation>
        </message>
        <message>
            <source>Saved.</source>
            <translation>Enregistré.</translation>
        </message>
        <message>
            <source>Probing encoders…</source>
            <translation>Test des encodeurs…</translation>
        </message>
        <message>
            <source>hardware</source>
            <translation>matériel</translation>
        </message>
        <message>
            <source>software</source>
            <translation>logiciel</translation>
        </message>
        <message>
            <source>works</source>
            <translation>fonctionne</translation>
        </message>
        <message>
            <source>not usable: %1</source>
            <translation>inutilisable : %1</translation>
        </message>
        <message>
            <source>%1 of %2 encoders work on this machine.</source>
            <translation>%1 encodeurs sur %2 fonctionnent sur cette machine.</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::SpriteStrip</name>
        <message>
            <source>Thumbnails along the timeline; click to seek</source>
            <translation>Vignettes le long de la timeline ; cliquez pour y aller</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::TableColumns</name>
        <message>
            <source>Rate control</source>
            <translation>Contrôle de débit</translation>
        </message>
        <message>
            <source>CRF</source>
            <translation>CRF</translation>
        </message>
        <message>
            <source>Bitrate (kbps)</source>
            <translation>Débit (kb/s)</translation>
        </message>
        <message>
            <source>Max (kbps)</source>
            <translation>Max. (kb/s)</translation>
        </message>
        <message>
            <source>Buffer (kbps)</source>
            <translation>Tampon (kb/s)</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Codec</source>
            <translation>Codec</translation>
        </message>
        <message>
            <source>Width</source>
            <translation>Largeur</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>Hauteur</translation>
        </message>
        <message>
            <source>Keep aspect</source>
            <translation>Garder les proportions</translation>
        </message>
        <message>
            <source>Profile</source>
            <translation>Profil</translation>
        </message>
        <message>
            <source>Level</source>
            <translation>Niveau</translation>
        </message>
        <message>
            <source>Speed</source>
            <translation>Vitesse</translation>
        </message>
        <message>
            <source>Encoder</source>
            <translation>Encodeur</translation>
        </message>
        <message>
            <source>Audio</source>
            <translation>Audio</translation>
        </message>
        <message>
            <source>Channels</source>
            <translation>Canaux</translation>
        </message>
        <message>
            <source>Sample rate (Hz)</source>
            <translation>Fréquence (Hz)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Check</source>
            <translation>Contrôle</translation>
        </message>
        <message>
            <source>Threshold</source>
            <translation>Seuil</translation>
        </message>
        <message>
            <source>Min. duration (s)</source>
            <translation>Durée min. (s)</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>Gravité</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::ThumbnailScrubber</name>
        <message>
            <source>Position; hover to see the thumbnail of a time</source>
            <translation>Position ; survolez pour voir la vignette d’un instant</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::WatchFolderRunner</name>
        <message>
            <source>Watch folders are not watched: choose a default preset and an output folder in Settings.</source>
            <translation>Les dossiers surveillés ne sont pas suivis : choisissez un préréglage par défaut et un dossier de sortie dans les paramètres.</translation>
        </message>
        <message>
            <source>The watch folder %1 does not exist or is not a folder; it is skipped.</source>
            <translation>Le dossier surveillé %1 n’existe pas ou n’est pas un dossier ; il est ignoré.</translation>
        </message>
        <message>
            <source>the file could not be read</source>
            <translation>le fichier n’a pas pu être lu</translation>
        </message>
    </context>
    <context>
        <name>rendition::ui::Workspace</name>
        <message>
            <source>%1: %2</source>
            <translation>%1 : %2</translation>
        </message>
        <message>
            <source>Queued %1 from a watch folder.</source>
            <translation>%1 mis en file depuis un dossier surveillé.</translation>
        </message>
        <message>
            <source>Did not queue %1 from a watch folder: %2</source>
            <translation>%1 d’un dossier surveillé non mis en file : %2</translation>
        </message>
        <message>
            <source>Cannot create the data folder; check its permissions.</source>
            <translation>Impossible de créer le dossier de données ; vérifiez ses droits.</translation>
        </message>
        <message>
            <source>The job queue could not start: %1</source>
            <translation>La file des tâches n’a pas pu démarrer : %1</translation>
        </message>
        <message>
            <source>Choose an output folder in Settings before queuing files.</source>
            <translation>Choisissez un dossier de sortie dans les paramètres avant de mettre des fichiers en file.</translation>
        </message>
        <message>
            <source>Select at least one file to queue.</source>
            <translation>Sélectionnez au moins un fichier à mettre en file.</translation>
        </message>
        <message>
            <source>%1: already published in %2</source>
            <translation>%1 : déjà publié dans %2</translation>
        </message>
        <message>
            <source>%1: already in the queue</source>
            <translation>%1 : déjà dans la file</translation>
        </message>
    </context>
</TS>
