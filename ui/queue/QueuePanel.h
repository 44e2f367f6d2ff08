#pragma once
// The batch queue panel (issue #6 item 4): every job of the store in one sortable,
// filterable table (QueueModel → QueueFilterProxy → QTableView) with per-stage progress
// bars (ProgressDelegate: percent, fps, ETA), the encoder in use, attempts and the last
// update; toolbar and context menu: pause/resume the queue, pause/resume/cancel/retry
// jobs, priority up/down, move to top, drag to reorder, approve/reject jobs waiting for
// approval, details (the dead-letter view: error, every attempt with its log tail, the
// spec) and open the output folder. Filters: state (with a dead-letter filter), batch,
// text. Store errors go to the status label and the error log (errors()); none is lost.
//
// Construction: `store` and `pool` are borrowed, must outlive the panel and live on the GUI
// thread; `pool` may be null (the panel then only monitors and changes the store, and the
// process that runs the queue acts on it). The panel never starts the pool: whoever created
// it does. The panel shows what the store holds — after a restart, the same rows (the model
// loads from the store, never from memory). It loads asynchronously: rows appear once
// feed()->isLoaded() (signal QueueFeed::loaded).
//
// Threading: GUI thread; the store is read on the feed's own thread (QueueFeed).

#include "ui/queue/QueueFilterProxy.h"
#include "ui/queue/QueueModel.h"

#include <QMap>
#include <QUrl>
#include <QWidget>

#include <functional>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTabWidget;
class QTimer;
class QToolBar;

namespace rendition {
class JobStore;
class WorkerPool;
} // namespace rendition

namespace rendition::ui {

class QueueController;
class QueueFeed;
class ClusterPanel;

class QueuePanel : public QWidget {
    Q_OBJECT
public:
    enum class Action {
        Invalid = 0, PauseQueue, PauseJob, ResumeJob, Cancel, Retry, PriorityUp, PriorityDown, MoveToTop,
        Approve, Reject, Details, OpenOutput, RunOnCluster
    };
    using UrlOpener = std::function<bool(const QUrl &)>; // QDesktopServices::openUrl by default

    QueuePanel(JobStore &store, WorkerPool *pool, QWidget *parent = nullptr);
    ~QueuePanel() override;

    QueueModel *model() const { return m_model; }
    QueueFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QueueFeed *feed() const { return m_feed; }
    QueueController *controller() const { return m_controller; }
    ClusterPanel *cluster() const { return m_cluster; } // the "Cluster" tab (remote jobs)
    // Submits the selected queued/failed jobs' sources + presets to the Cluster tab's profile;
    // queued local jobs that were submitted are canceled locally. False when none applies.
    bool runSelectedOnCluster();
    QAction *action(Action a) const;

    // Selected job ids, in view order.
    QStringList selectedJobIds() const;
    // Selects these jobs (those visible through the filters); returns how many were selected.
    int selectJobs(const QStringList &jobIds);

    void setStateFilter(StateFilter filter);
    void setTextFilter(const QString &text);
    void setBatchFilter(const QString &batchId);

    // Rejects the selected jobs waiting for approval with `reason` (the Reject action asks
    // for it in a dialog first).
    void rejectSelected(const QString &reason);
    void setUrlOpener(UrlOpener opener) { m_openUrl = std::move(opener); }

    QString statusText() const;
    QStringList errors() const { return m_errors; } // every error shown, oldest first

Q_SIGNALS:
    void errorReported(const rendition::Error &error);
    void detailsOpened(QWidget *dialog);

private:
    void buildActions();
    void buildLayout();
    QToolBar *buildToolBar();
    void onSelectionChanged();
    void onContextMenu(const QPoint &pos);
    void onSortChanged(int column, Qt::SortOrder order);
    void onPauseQueue(bool paused);
    void onReject();
    void onDetails();
    void onOpenOutput();
    void refreshBatches();
    void refreshQueuePaused();
    void updateSummary();
    void report(const QList<Error> &errors);
    void report(const Error &error);
    QList<const QueueJob *> selectedJobs() const;

    JobStore &m_store;
    WorkerPool *m_pool;
    QueueModel *m_model = nullptr;
    QueueFilterProxy *m_proxy = nullptr;
    QueueController *m_controller = nullptr;
    QueueFeed *m_feed = nullptr;
    QTableView *m_view = nullptr;
    ClusterPanel *m_cluster = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QComboBox *m_batchFilter = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_summaryDelay = nullptr;
    QMap<Action, QAction *> m_actions;
    QStringList m_errors;
    UrlOpener m_openUrl;
};

} // namespace rendition::ui
