#pragma once
// Ingest: files and folders dropped anywhere on the window (MainWindow forwards drops here)
// or chosen with a file dialog are scanned off the GUI thread (IngestScanner) into a table
// of assets (AssetTableModel) with thumbnail, duration, resolution, codecs, loudness,
// validation status and problems in plain words. A progress bar with ETA and a cancel
// button show while probing. "Queue Selected with Preset…" hands the chosen files to
// whoever queues them (queueRequested; MainWindow → Workspace::enqueueFiles).

#include <QStringList>
#include <QWidget>

class QLabel;
class QMimeData;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QWidget;

namespace rendition::ui {

class AssetTableModel;
class IngestScanner;
class Workspace;

class IngestPanel : public QWidget {
    Q_OBJECT
public:
    // `workspace` (preset choices, default preset) must outlive the panel.
    IngestPanel(Workspace &workspace, QWidget *parent);

    AssetTableModel *model() const { return m_model; }
    IngestScanner *scanner() const { return m_scanner; }
    QTableView *view() const { return m_view; }

    // Scans `paths` (files and folders) and adds what it finds to the table.
    void addInputs(const QStringList &paths);
    // Whether `mime` carries local files or folders.
    static bool canAccept(const QMimeData *mime);
    // Scans the local files and folders of a drop; false when it carries none.
    bool handleDrop(const QMimeData *mime);

    QStringList selectedPaths() const;
    // Emits queueRequested for the selected files (usable ones only; rejected files cannot
    // be queued and are left out). False when nothing usable is selected.
    bool queueSelected(const QString &preset);

public Q_SLOTS:
    void chooseFiles();
    void chooseFolder();
    void askQueueSelected(); // asks for the preset, then queueSelected()
    void clearList();

Q_SIGNALS:
    void queueRequested(const QStringList &paths, const QString &preset);
    void currentAssetChanged(const QString &path); // empty when nothing is current
    void selectedAssetsChanged(const QStringList &paths);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QWidget *buildToolbar();
    QWidget *buildProgressRow();
    void onProgress(int done, int total, double etaSeconds);
    void onFinished(int probed, int ignored, bool canceled);
    void updateSummary();
    void updateActions();

    Workspace &m_workspace;
    AssetTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    IngestScanner *m_scanner = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_queueButton = nullptr;
    QPushButton *m_clearButton = nullptr;
    QWidget *m_progressRow = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_progressText = nullptr;
    QLabel *m_summary = nullptr;
    int m_ignored = 0;
};

} // namespace rendition::ui
