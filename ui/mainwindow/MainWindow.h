#pragma once
// The workstation's main window. It only composes panels (one folder each under ui/) and the
// menus that reach them; panels talk to the core through the Workspace, models and signals,
// never through the window. Drops of files or folders anywhere on the window go to the
// ingest panel.

#include "core/util/Result.h"

#include <QMainWindow>

class QTabWidget;

namespace rendition::ui {

class IngestPanel;
class PanelLinks;
class PresetEditorPanel;
class PreviewPanel;
class QcReviewPanel;
class QueuePanel;
class SettingsPanel;
class Workspace;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `workspace` must outlive the window.
    explicit MainWindow(Workspace &workspace, QWidget *parent = nullptr);

    // Adds a panel as a tab; the window takes ownership.
    void addPanel(QWidget *panel, const QString &title);
    QTabWidget *tabs() const { return m_tabs; }
    IngestPanel *ingestPanel() const { return m_ingest; }
    PreviewPanel *previewPanel() const { return m_preview; }
    PresetEditorPanel *presetPanel() const { return m_presets; }
    QueuePanel *queuePanel() const { return m_queue; }
    QcReviewPanel *reviewPanel() const { return m_review; }
    SettingsPanel *settingsPanel() const { return m_settings; }
    PanelLinks *links() const { return m_links; }
    // The tab showing `panel` becomes current.
    void showPanel(QWidget *panel);
    // Shows the QC review of `versionDir` (a published version folder, OUT/<asset>/vN).
    // The error names the missing or broken file; the review tab is shown either way.
    Status openReview(const QString &versionDir);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildPanels();
    void buildMenus();
    void connectQueueing();

    Workspace &m_workspace;
    QTabWidget *m_tabs = nullptr;
    IngestPanel *m_ingest = nullptr;
    PreviewPanel *m_preview = nullptr;
    PresetEditorPanel *m_presets = nullptr;
    QueuePanel *m_queue = nullptr;
    QcReviewPanel *m_review = nullptr;
    SettingsPanel *m_settings = nullptr;
    PanelLinks *m_links = nullptr;
};

} // namespace rendition::ui
