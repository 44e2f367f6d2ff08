#pragma once
// The GUI's application context, passed to every panel (no singletons): the job store,
// the worker pool that runs its jobs in `rendition-cli exec-job` child processes, the
// watch folders and the current settings.
//
// Threading: a Workspace lives on the GUI thread, which is the store's thread (JobStore
// connections are bound to the thread that opened them). Slow work — queuing files (hashing,
// probing, the intake's transaction on a connection of its own), probing hardware encoders —
// runs on a private thread pool; results come back to this thread. The destructor cancels that work, waits for it, then ends the
// pool (running children are killed; their jobs resume on the next start).

#include "ui/common/AppSettings.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QObject>
#include <QStringList>
#include <QThreadPool>

#include <memory>

namespace rendition {
class JobStore;
class WorkerPool;
} // namespace rendition

namespace rendition::ui {

class WatchFolderRunner;

struct PresetChoice {
    QString label;      // what an operator sees: the built-in name or the file's base name
    QString nameOrPath; // what loadPreset() takes
};

class Workspace : public QObject {
    Q_OBJECT
public:
    // Opens (creating and migrating) the store <dataDir>/jobs.sqlite and makes the pool, which
    // runs `cliProgram` (rendition-cli). Nothing runs before start(). Errors: store.* with the
    // database file as context.
    static Result<std::unique_ptr<Workspace>> open(const QString &dataDir, const QString &cliProgram,
                                                   const AppSettings &settings);
    ~Workspace() override;

    // rendition-cli beside the running executable (both are installed into the same folder).
    static QString cliBesideApplication();

    JobStore &store() { return *m_store; }
    WorkerPool &pool() { return *m_pool; }
    WatchFolderRunner &watchFolders() { return *m_watch; }
    QString dataDir() const { return m_dataDir; }
    const AppSettings &settings() const { return m_settings; }

    // Starts the pool and the watch folders. With automatic hardware slots the encoders are
    // probed off the GUI thread first (cached per process); started() follows. Call once.
    void start();
    bool isStarted() const { return m_started; }

    // Applies slots (to the running pool: fewer slots never stop running jobs) and watch
    // folders. Persisting is the caller's (AppSettings::save). Emits settingsChanged.
    void applySettings(const AppSettings &settings);

    // Built-in presets, then the preset files in <data dir>/presets (*.json, by name).
    QList<PresetChoice> presetChoices() const;
    QString userPresetDir() const;

    // Queues `paths` as one batch with `preset` (built-in name or file) into the settings'
    // output root through the intake (core/queue/Intake: probe with SHA-256, decide new /
    // requeue / reuse / reject, all in one store transaction) on a worker thread with its own
    // store connection. Ends with batchQueued (jobs queued or requeued + one sentence per file
    // that was not) or queueFailed.
    void enqueueFiles(const QStringList &paths, const QString &preset);

Q_SIGNALS:
    void started(int hardwareSlots);
    void settingsChanged(const rendition::ui::AppSettings &settings);
    void batchQueued(const QString &batchId, int jobCount, const QStringList &notQueued);
    void queueFailed(const QString &message);
    void message(const QString &text); // status-bar worthy news (watch folders, pool errors)

private:
    Workspace(QString dataDir, QString cliProgram, const AppSettings &settings, std::unique_ptr<JobStore> store);
    void startPool();
    void applyHardwareSlots();

    QString m_dataDir;
    AppSettings m_settings;
    std::unique_ptr<JobStore> m_store;
    WorkerPool *m_pool = nullptr;          // child of this
    WatchFolderRunner *m_watch = nullptr;  // child of this
    QThreadPool m_workers;
    CancelToken m_cancel;
    bool m_started = false;
    bool m_poolRunning = false;
};

} // namespace rendition::ui
