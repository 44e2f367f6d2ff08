#pragma once
// The preset editor panel: a list of presets (read-only built-ins, the user's presets from a
// folder, and new unsaved ones), the open preset as a ladder table, audio/QC tables and forms
// for every other section, the validator's messages (click one to go to the field), undo/redo
// per preset (QUndoGroup over the documents' stacks; each preset keeps its own history and
// unsaved edits while another is shown), and a dry run for the selected assets.
//
// Construction: `userPresetDir` is the folder of user presets ("<name>.json" each); empty =
// QStandardPaths::AppDataLocation + "/presets" (created on the first save). The panel owns
// everything it creates. MainWindow wires:
//   - ingest selection → setSelectedAssets(paths) (absolute media paths; the dry-run list),
//   - undoAction()/redoAction() into its Edit menu if it wants (they already carry the
//     standard shortcuts, active while focus is inside the panel),
//   - statusMessage(text) to its status bar.
// Edits of built-ins are refused: "Duplicate" makes an editable, unsaved copy. Save/Export
// only write valid presets. All work here is light except the dry run, which runs off the
// GUI thread (DryRunView). Thread: GUI thread only.

#include "ui/presets/PresetLibrary.h"
#include "core/util/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;
class QUndoGroup;

namespace rendition::ui {

class ArrayEditor;
class DryRunView;
class PresetDocument;
class PresetEditorTabs;

class PresetEditorPanel : public QWidget {
    Q_OBJECT
public:
    explicit PresetEditorPanel(QWidget *parent = nullptr, const QString &userPresetDir = {});
    ~PresetEditorPanel() override;

    QAction *undoAction() const { return m_undoAction; }
    QAction *redoAction() const { return m_redoAction; }
    QString userPresetDir() const;

    // The preset shown (nullptr when none or when it could not be opened).
    PresetDocument *currentDocument() const { return m_current; }
    // Preset names in list order.
    QStringList presetNames() const;
    // Selects the preset with this name; false when there is none.
    bool selectPreset(const QString &name);

    // The actions behind the buttons (the buttons add the file dialogs and confirmation).
    void newPreset();
    bool duplicateCurrent();
    Status saveCurrent();
    Status deleteCurrent();
    Status importFile(const QString &path);
    Status exportCurrent(const QString &path);

    ArrayEditor *ladderEditor() const;
    QListWidget *issueList() const { return m_issues; }
    DryRunView *dryRunView() const;
    QString statusText() const;
    // Shows the field or cell of a validation message's JSON path (switches tab, selects it).
    bool focusIssue(const QString &path);

public Q_SLOTS:
    // The assets selected elsewhere (ingest panel); they become the dry run's assets.
    void setSelectedAssets(const QStringList &paths);

Q_SIGNALS:
    void statusMessage(const QString &text);

private:
    QWidget *buildListSide();
    QWidget *buildEditorSide();
    void reloadList(const QString &selectKey);
    QListWidgetItem *addItem(const QString &key, const QString &name);
    void updateItem(const QString &key);
    void showPreset(const QString &key);
    PresetDocument *documentFor(const QString &key);
    PresetDocument *adopt(const QString &key, PresetDocument *doc);
    QString addUnsaved(const QJsonObject &json);
    void rekey(const QString &from, const QString &to);
    QStringList takenNames() const;
    void refreshIssues();
    void refreshHeader();
    void report(const Status &status, const QString &success);
    QString currentKey() const;

    PresetLibrary m_library;
    QHash<QString, PresetEntry> m_entries;   // listed presets by key: "builtin:NAME", "file:PATH"
    QHash<QString, PresetDocument *> m_docs; // opened documents (children of the panel)
    PresetDocument *m_current = nullptr;
    int m_unsavedCounter = 0;

    QUndoGroup *m_undoGroup = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;

    QListWidget *m_list = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_importButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_title = nullptr;
    PresetEditorTabs *m_editor = nullptr;
    QListWidget *m_issues = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace rendition::ui
