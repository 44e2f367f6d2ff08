#pragma once
// Keeps a QueueModel in step with the job store and the worker pool:
//   - a QueueLoader on its own QThread loads every job once, then polls for rows changed
//     by anyone (this process's pool, `rendition-cli` in another process) every `pollMs`;
//   - the pool's signals are applied at once: jobStarted → the row runs, jobProgress →
//     live per-stage progress (coalesced repaints), attemptFailed / jobFinished → a poll
//     right away so the final state shows without waiting for the next tick.
// refresh() asks for a poll (coalesced: several requests within kRefreshDelayMs make one).
//
// Ownership: the feed does not own the model or the pool; both must outlive it. It owns
// the loader thread and stops it (closing the loader's database connection in that
// thread) in its destructor, waiting for a poll in progress to end.
// Threading: GUI thread (the model's and the pool's).

#include "ui/queue/QueueLoader.h"
#include "ui/queue/QueueModel.h"

#include <QObject>
#include <QThread>

class QTimer;

namespace rendition {
class WorkerPool;
}

namespace rendition::ui {

class QueueFeed : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultPollMs = 1000;
    static constexpr int kRefreshDelayMs = 30;

    QueueFeed(const QString &storePath, QueueModel *model, WorkerPool *pool, int pollMs = kDefaultPollMs,
              QObject *parent = nullptr);
    ~QueueFeed() override;

    // Starts the loader thread (the first load follows asynchronously → loaded()).
    void start();
    void refresh();
    bool isLoaded() const { return m_loaded; }
    qint64 lastReadMs() const { return m_lastReadMs; }
    // GUI-thread time spent applying loader results (diagnostics for bench/gui): the first
    // load, and the largest change set since.
    double loadApplyMs() const { return m_loadApplyMs; }
    double maxChangeApplyMs() const { return m_maxChangeApplyMs; }

Q_SIGNALS:
    void loaded(int jobs, qint64 readMs);
    void changed(); // some rows changed (another process may have changed queue settings too)
    void errorOccurred(const rendition::Error &error);

private:
    QueueModel *m_model;
    QThread m_thread;
    QueueLoader *m_loader = nullptr; // lives in m_thread; deleted after it stopped
    QTimer *m_refresh = nullptr;
    bool m_loaded = false;
    qint64 m_lastReadMs = -1;
    double m_loadApplyMs = 0;
    double m_maxChangeApplyMs = 0;
};

} // namespace rendition::ui
