#pragma once
// The cluster worker behind `rendition-cli worker`: `slots` threads, each long-polling the
// jobs queue for one message at a time and handing it to its RemoteJobRunner (which runs the
// job in a child `exec-job` process, publishes to S3 and acknowledges; see RemoteJobRunner.h).
//
// Shutdown (requestStop, on SIGTERM/SIGINT): no new messages are taken (long polls in flight
// are aborted); running jobs may finish for `graceS` seconds; then the hard stop stops their
// children and releases their messages (visibility 0) so another worker takes them at once.
// finished() is emitted when every slot has ended (also with `once` when the queue is empty,
// and when the queue cannot be used: see failedFatally()).
//
// Threading: a QObject of the thread that creates it (normally the main thread, whose event
// loop also serves the MetricsServer); slot threads never touch it except through the shared
// atomics. The destructor hard-stops and joins the slots.

#include "core/remote/RemoteJobRunner.h"
#include "core/remote/RemoteWorkerTypes.h"
#include "core/util/Result.h"

#include <QObject>
#include <QMutex>
#include <QTimer>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

namespace rendition {

class RemoteWorker : public QObject {
    Q_OBJECT
public:
    RemoteWorker(RemoteProfile profile, AwsCredentials credentials, RemoteWorkerOptions options,
                 QObject *parent = nullptr);
    ~RemoteWorker() override;

    // Validates the options and starts the slot threads. Errors: remote.worker_options.
    Status start();
    // Polite stop (see the header comment). Safe to call more than once.
    void requestStop();

    const MetricsRegistry &metrics() const { return m_shared->metrics; }
    // Messages handled with this outcome so far.
    int count(RemoteOutcome outcome) const;
    // A slot ended because the jobs queue cannot be used at all (missing queue, rejected
    // credentials, access denied); the error was printed.
    bool failedFatally() const { return m_fatal.load(); }
    // /readyz: empty when the worker takes jobs; else why not ("not started", "stopping", the
    // jobs queue's last receive error).
    QString notReadyReason() const;

Q_SIGNALS:
    void finished();

private:
    void slotLoop(int slot);
    void checkFinished();

    std::unique_ptr<RemoteWorkerShared> m_shared;
    std::vector<std::thread> m_threads;
    std::atomic<int> m_live{0};
    std::atomic<bool> m_fatal{false};
    std::atomic<bool> m_started{false};
    mutable QMutex m_receiveErrorMutex;
    QString m_receiveError; // the last receive's error; empty after a good receive
    std::atomic<int> m_counts[kRemoteOutcomeCount] = {};
    QTimer m_watch;
    QTimer m_grace;
    bool m_finished = false;
};

// "<hostname>:<pid>"
QString defaultWorkerName();

} // namespace rendition
