#pragma once
// The queue panel's "Cluster" tab: remote jobs (RemoteJobsModel) fed by a RemoteStatusReader
// polling the chosen profile's status queue, "Run on cluster" submissions through
// RemoteSubmitter, and "Download outputs" for published jobs.
//
// Threading: submissions and downloads block (uploads, downloads) and run on a worker thread
// (QtConcurrent::run with a QPromise: one RemoteSubmitter / S3Client per run); their
// progress and result come back through QFutureWatcher signals on the GUI thread. The status
// reader does its blocking SQS reads on its own worker thread. One submission or download at
// a time; the destructor cancels and waits for a run in flight.
//
// Status: every message (progress, result, error naming the source/profile and the problem)
// goes to statusLabel() and statusChanged().

#include "core/model/Preset.h"
#include "core/remote/RemoteStatus.h"
#include "core/util/Progress.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace rendition::ui {

class RemoteJobsModel;

struct ClusterSubmitItem {
    QString input;  // local source path
    Preset preset;
    QString localJobId; // the local queue's job it came from (empty: from Ingest)
};

class ClusterPanel : public QWidget {
    Q_OBJECT
public:
    explicit ClusterPanel(QWidget *parent = nullptr);
    ~ClusterPanel() override;

    void setSettingsFile(const QString &iniPath); // empty: the application's settings
    void reloadProfiles();
    QString currentProfile() const;
    bool setCurrentProfile(const QString &name);

    // Starts a submission of `items` to the current profile (false + status when one is
    // already running, nothing is given or no profile is chosen).
    bool submit(const QList<ClusterSubmitItem> &items);
    bool isBusy() const { return m_run.isRunning(); }
    void cancel();

    // Follows the current profile's status queue (false + status on failure).
    bool startFollowing();
    void stopFollowing();
    // Downloads the selected published job into `localRoot` (asks for a folder when empty).
    bool downloadSelected(const QString &localRoot = {});

    RemoteJobsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QLabel *statusLabel() const { return m_status; }

Q_SIGNALS:
    void statusChanged(const QString &text);
    // After a submission: the localJobId of every item that was submitted (or already published).
    void submittedLocalJobs(const QStringList &localJobIds);

protected:
    void showEvent(QShowEvent *event) override; // re-reads the profile names (Settings may have changed them)

private:
    struct RunResult {
        QStringList lines;                 // one per input / the download
        QList<QStringList> submitted;      // {jobId, input, idempotencyKey, localJobId}
        int failed = 0;
    };
    void setStatus(const QString &text);
    void onRunFinished();
    void updateButtons();

    QString m_iniPath;
    QComboBox *m_profiles = nullptr;
    QPushButton *m_follow = nullptr;
    QPushButton *m_download = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_status = nullptr;
    RemoteJobsModel *m_model = nullptr;
    std::unique_ptr<RemoteStatusReader> m_reader;
    QFutureWatcher<RunResult> m_run;
    CancelToken m_cancel;
};

} // namespace rendition::ui
