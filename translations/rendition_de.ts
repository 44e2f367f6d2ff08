<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>The job %1 is no longer in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (fallback)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::AbCompare</name>
    <message>
        <source>Rendition shown on the left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition shown on the right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no video rendition &quot;%1&quot; in the open version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::ArrayEditor</name>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::AssetTableModel</name>
    <message>
        <source>Picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codecs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> interlaced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2, %3 kHz</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n channel(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>silent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 LUFS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::BitrateChart</name>
    <message>
        <source>Bitrate per segment and rendition (size on disk ÷ duration); dashed: target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No segmented renditions in this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kb/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::CellDelegate</name>
    <message>
        <source>(default)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::DryRunView</name>
    <message>
        <source>~%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>~%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 kbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 ≈ %3 kbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (hardware)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (software fallback for &quot;%2&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (software)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Est. size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Est. time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizes and times are estimates, not measurements: bitrate × duration for vbr/cbr, a bits-per-pixel model for crf, a per-codec speed model for time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add media files for the dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preset has problems; fix the listed messages before a dry run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No assets: select assets in the ingest panel or use &quot;Add files…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Probing %n asset(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot be processed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×%2 @ %3 fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>source %1×%2, %3 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rendition(s) planned, %1 skipped rung(s), %2 asset(s) rejected; about %3 and %4 in total (estimates).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run canceled. </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::IngestPanel</name>
    <message>
        <source>estimating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>about %n second(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s) left</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Drop folders or files anywhere on this window, or use Add Files… and Add Folder…. Media is recognised by its content, not by its file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue Selected with Preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for media…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probed %1 of %2 files — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan canceled after %n file(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n asset(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ready, %2 usable with warnings, %3 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in folders ignored (not media).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Queue Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queue %n selected file(s) with the preset:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::InsertElementCommand</name>
    <message>
        <source>Add to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::JobDetailDialog</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log tail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not load the job: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1, %2 attempt(s), last stage “%3”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter since %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error %1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(attempt %1 left no log)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::LevelMeter</name>
    <message>
        <source>Audio level: bar = RMS, line = peak (dBFS, 100 ms windows)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::LoudnessChart</name>
    <message>
        <source>Loudness: momentary (thin), short-term (thick), target band (shaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No loudness curve in this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::MainWindow</name>
    <message>
        <source>Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ingest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Checking %n file(s) before queuing…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n job(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Not queued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was queued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition %1 — media pipeline workstation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::MediaDetailLoader</name>
    <message>
        <source>The picture could not be scaled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::MetadataView</name>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kb/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel aspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fps%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (variable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target bitrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::MoveElementCommand</name>
    <message>
        <source>Move in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::PresetEditorPanel</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the preset &quot;%1&quot;?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset JSON (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (built-in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cannot be opened)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — built-in, read-only: use Duplicate to make an editable copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New preset &quot;%1&quot;; save it to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated as &quot;%1&quot;; it is editable and not saved yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in presets are read-only; use Duplicate to make an editable copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The preset has %n problem(s); fix them before saving.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saved &quot;%1&quot; to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in presets cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported &quot;%1&quot; from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 as &quot;%2&quot; (&quot;%3&quot; was taken).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The preset has %n problem(s); fix them before exporting.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Exported &quot;%1&quot; to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::PresetEditorTabs</name>
    <message>
        <source>Ladder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio &amp;&amp; loudness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packaging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::PresetForms</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>letters, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deinterlace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto (when the source is flagged interlaced)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyframes per segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max. consecutive B-frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra keyframes on scene cuts (breaks rung alignment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asset folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens: {stem} {preset}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens: {name} {width} {height} {codec}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Segment duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HLS segments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fMP4 (CMAF, shared with DASH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MPEG-TS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DASH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progressive MP4 per rung (editing proxies)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness normalization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalize to a target (static gain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target loudness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> LUFS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>True-peak ceiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> dBTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the ceiling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit (true-peak limiter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reduce the gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (clear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CENC (fMP4, DASH + HLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HLS AES-128 (MPEG-TS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate a key per package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KID:KEY file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPIX document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path of the KID:KEY file or CPIX document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ClearKey (always signalled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Systems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widevine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PlayReady</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widevine provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Widevine content ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PlayReady licence URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HLS key URI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kid} is replaced by the key ID in hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make thumbnail sprite sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JPEG quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run automated QC on the package</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Require a person&apos;s approval before a version becomes current</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules (a rule with severity &quot;fail&quot; stops publishing as current):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::PresetLibrary</name>
    <message>
        <source>Cannot read the preset file (%1); check that it exists and is readable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The file is not a valid preset: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preset has problems and was not written; fix the messages listed first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the preset (%1); check that the folder exists and is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is the name of a built-in preset; give the copy another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another user preset is already named &quot;%1&quot;; choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the presets folder; check the permissions of its parent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved under the new name, but the old file could not be removed; delete it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot delete the preset file (%1); check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::PreviewPanel</name>
    <message>
        <source>Rendition to preview (protected ones are decrypted with the version&apos;s key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frame ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause (Space); J/K/L shuttle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist or is not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, decrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the version has no video rendition to preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no video rendition &quot;%1&quot; in the open version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level meter: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::ProblemText</name>
    <message>
        <source>The file does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a regular file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a video or audio file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is cut short (truncated); part of it is missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no picture (audio only); only audio renditions can be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no sound (video only); the output will be silent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The media has no length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stream uses a codec that cannot be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture size is outside the supported range.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture has an odd width or height; renditions will be cropped or scaled to even sizes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The frame rate varies; it will be made constant, which can drop or repeat frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is interlaced; it will be deinterlaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some frames could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file took too long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usable with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::QcReviewPanel</name>
    <message>
        <source>No version open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for rejecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve this version for publishing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject this version; a reason is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QC events; click one to seek the player there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness curve of the source or of an encoded audio rendition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline and loudness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate per segment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rendition A/B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — no QC report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — QC passed, %3 warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 — QC FAILED: %3 failure(s), %4 warning(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source (before normalization)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (encoded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no job is waiting for approval of this version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved: %1 is now the current version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give a reason for rejecting %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::QueueController</name>
    <message>
        <source>The job %1 is no longer in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::QueueModel</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QC failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no batch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (requested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::QueuePanel</name>
    <message>
        <source>Pause queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No new job starts while the queue is paused; running jobs go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the selected jobs (a running job is stopped where it is).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume the selected paused jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the selected failed, canceled, rejected or dead jobs again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise the priority of the selected queued jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower the priority of the selected queued jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected queued jobs to the top of the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the selected jobs waiting for approval (publishes them as current).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject the selected jobs waiting for approval, with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the job&apos;s errors, every attempt with its log and its spec.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open output folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the folder the job publishes to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued and running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed, canceled, rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by source, preset, state, stage or encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why are these versions rejected?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output folder does not exist yet; it appears once the job publishes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file manager could open the folder; open it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n queued</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for approval</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>queue paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n error(s) in all; hover for the latest)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>rendition::ui::RemoveElementCommand</name>
    <message>
        <source>Remove from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::SetValueCommand</name>
    <message>
        <source>Edit %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::SettingsPanel</name>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker slots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (one per working encoder family)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Software encodes at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hardware encodes at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light jobs at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each job runs in its own process. Fewer slots never stop running jobs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoders on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoders are probed by encoding a few frames with each.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files that stop growing in these folders are queued with the default preset, each once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect when Rendition is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an output folder: published packages are written there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be written to %1; check that the file is writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved. Restart Rendition to see the new language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probing encoders…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hardware</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>software</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>works</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 encoders work on this machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::SpriteStrip</name>
    <message>
        <source>Thumbnails along the timeline; click to seek</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::TableColumns</name>
    <message>
        <source>Rate control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CRF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bitrate (kbps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max (kbps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buffer (kbps)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep aspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample rate (Hz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min. duration (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::ThumbnailScrubber</name>
    <message>
        <source>Position; hover to see the thumbnail of a time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::WatchFolderRunner</name>
    <message>
        <source>Watch folders are not watched: choose a default preset and an output folder in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The watch folder %1 does not exist or is not a folder; it is skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file could not be read</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>rendition::ui::Workspace</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued %1 from a watch folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did not queue %1 from a watch folder: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the data folder; check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job queue could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an output folder in Settings before queuing files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select at least one file to queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: already published in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: already in the queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
