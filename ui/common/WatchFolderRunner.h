#pragma once
// Runs a core WatchFolder for each configured folder while the app is open and queues every
// file that settles there with one preset into one output root, each file once across
// restarts (JobStore::isWatchedFileQueued / recordWatchedFile, keyed by path, size, mtime
// and content hash) — the GUI's counterpart of `rendition-cli watch`.
//
// The decision is the intake's (core/queue/Intake::admitWatched); this class only emits it.
//
// Threading: lives on the GUI thread. Directory polls are the WatchFolders' (cheap stat walks
// on this thread); hashing, probing and the intake run on a private one-thread pool with a
// store connection of its own, so the GUI thread never waits for the store. The destructor
// cancels outstanding work and waits for it.

#include "core/util/Progress.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThreadPool>

namespace rendition {
class JobStore;
class WatchFolder;
class WorkerPool;
} // namespace rendition

namespace rendition::ui {

class WatchFolderRunner : public QObject {
    Q_OBJECT
public:
    // `store` (whose file the intake opens on its own thread) and `pool` must outlive the runner.
    WatchFolderRunner(JobStore &store, WorkerPool &pool, QObject *parent);
    ~WatchFolderRunner() override;

    // Stops the current watchers and watches `folders` (missing folders are reported and
    // skipped) queuing with `preset` (built-in name or file) into `outputRoot`. Nothing is
    // watched when the preset or the output root is empty (reported).
    void configure(const QStringList &folders, const QString &preset, const QString &outputRoot,
                   int settleMs = 5000, int pollMs = 2000);
    QStringList watchedFolders() const { return m_folders; }

    // One poll of every watcher now (tests, "scan now").
    void scanNow();

Q_SIGNALS:
    void fileQueued(const QString &path, const QString &jobId);
    void fileSkipped(const QString &path, const QString &reason);
    void problem(const QString &message); // configuration problems, one sentence each

private:
    void onSettled(const QString &path, qint64 size, qint64 mtimeMs);

    JobStore &m_store;
    WorkerPool &m_pool;
    QList<WatchFolder *> m_watchers; // children of this
    QStringList m_folders;
    QString m_preset;
    QString m_outputRoot;
    QThreadPool m_probes;
    CancelToken m_cancel;
};

} // namespace rendition::ui
