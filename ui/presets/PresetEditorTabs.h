#pragma once
// The editing area of the preset editor: one tab per section — Ladder (table), General, Audio
// & loudness (table + form), Packaging, DRM, Thumbnails, QC (switches + rules table) — and the
// Dry run tab. Shows one PresetDocument at a time (not owned) and can bring the field or cell
// of a validation message's JSON path into view.

#include <QTabWidget>

namespace rendition::ui {

class ArrayEditor;
class DryRunView;
class FormBinder;
class PresetDocument;

class PresetEditorTabs : public QTabWidget {
    Q_OBJECT
public:
    explicit PresetEditorTabs(QWidget *parent = nullptr);
    ~PresetEditorTabs() override;

    void setDocument(PresetDocument *doc); // nullptr: nothing shown, fields disabled
    // Switches to the tab holding `path` ("ladder[0].height", "drm.key_uri", or a section such
    // as "packaging") and selects/focuses it. False when no field or cell shows that path.
    bool focusIssue(const QString &path);

    ArrayEditor *ladderEditor() const { return m_ladder; }
    ArrayEditor *audioEditor() const { return m_audio; }
    ArrayEditor *qcRuleEditor() const { return m_qcRules; }
    DryRunView *dryRunView() const { return m_dryRun; }

private:
    void showPageOf(QWidget *widget);

    FormBinder *m_binder = nullptr;
    ArrayEditor *m_ladder = nullptr;
    ArrayEditor *m_audio = nullptr;
    ArrayEditor *m_qcRules = nullptr;
    DryRunView *m_dryRun = nullptr;
};

} // namespace rendition::ui
