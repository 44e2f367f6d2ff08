#pragma once
// Status back from the cluster: workers send job events to the status queue; the
// workstation (GUI queue panel, `rendition-cli submit --wait`) reads them.
//
// Event body "rendition.remote-status/1" (compact JSON):
//   {"schema", "job_id", "kind", "worker", "at", "stage"?, "percent"?, "attempt"?,
//    "published"?: {asset, version, prefix, qc_failed}, "error"?: {code, message, context}}
// kinds: received (a worker took the job), progress (stage + percent; throttled by the worker
// to about one event per stage change or 2 s), published, qc_failed, reused (the key was
// already published: acknowledged only), failed (this attempt failed; SQS redelivers),
// released (worker shut down; the job goes back to the queue), dead (moved to the DLQ),
// awaiting_approval (published without moving `current`: qc.require_approval), approved /
// rejected (sent by `remote approve|reject`).
// Final kinds: published, qc_failed, reused, dead, awaiting_approval (the worker is done).
//
// RemoteStatusReader: polls the status queue (short long-polls, up to 10 messages each),
// deletes what it read, keeps the latest state per job and emits jobUpdated(). The status
// queue is a single-consumer channel: run ONE reader per status queue (one workstation);
// events of jobs it was not told to follow are still reported (the GUI may show them).
//
// Threading: the reader is a QObject whose blocking SQS calls run on a private worker thread
// (QtConcurrent); signals are delivered in the reader's thread. GUI usage:
//   auto *reader = new RemoteStatusReader(profile, credentials, this);
//   connect(reader, &RemoteStatusReader::jobUpdated, model, &RemoteJobsModel::update);
//   reader->start(); ... reader->stop();
// SQS errors are reported by readFailed() and polling continues (with a back-off).

#include "core/remote/AwsCredentials.h"
#include "core/remote/RemoteProfile.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

class QTimer;

namespace rendition {

inline constexpr auto kRemoteStatusSchema = "rendition.remote-status/1";

enum class RemoteEventKind {
    Invalid = 0, Received, Progress, Published, QcFailed, Reused, Failed, Released, Dead,
    AwaitingApproval, Approved, Rejected
};
QString remoteEventKindName(RemoteEventKind kind); // "received", "progress", …
RemoteEventKind remoteEventKindFromName(const QString &name);
bool isFinalRemoteEvent(RemoteEventKind kind);

struct RemoteStatusEvent {
    QString jobId;
    RemoteEventKind kind = RemoteEventKind::Invalid;
    QString worker;     // "host:pid"
    QDateTime at;       // UTC
    QString stage;      // progress: "transcode", …
    double percent = -1;// progress: 0..100; -1 when not applicable
    int attempt = 0;    // ApproximateReceiveCount of the delivery
    QString asset, version, prefix; // published / qc_failed / reused
    Error error;        // failed / dead

    QByteArray toBody() const;
    // Error "remote.bad_status" for anything that is not such an event.
    static Result<RemoteStatusEvent> fromBody(const QByteArray &body);
};

class SqsClient;

class RemoteStatusReader : public QObject {
    Q_OBJECT
public:
    RemoteStatusReader(RemoteProfile profile, AwsCredentials credentials, QObject *parent = nullptr);
    ~RemoteStatusReader() override; // stops and waits for a read in flight (≤ ~1 s)

    // Starts polling every `intervalMs` (each poll long-polls up to 1 s). Error
    // "remote.no_status_queue" when the profile has no status queue.
    Status start(int intervalMs = 500);
    void stop();

    // One blocking read (≤ waitSeconds), for callers without an event loop (the CLI):
    // reads, deletes and returns the events, and updates latest().
    Result<QList<RemoteStatusEvent>> readOnce(int waitSeconds);

    // The latest event per job seen so far.
    QHash<QString, RemoteStatusEvent> latest() const { return m_latest; }

Q_SIGNALS:
    void jobUpdated(const rendition::RemoteStatusEvent &event);
    void readFailed(const rendition::Error &error);

private:
    struct Fetched {
        QList<RemoteStatusEvent> events;
        std::optional<Error> error;
    };
    Fetched fetch(int waitSeconds); // blocking; touches only m_sqs
    void poll();
    void onPolled();
    void remember(const RemoteStatusEvent &event);

    RemoteProfile m_profile;
    std::unique_ptr<SqsClient> m_sqs;
    QTimer *m_timer = nullptr;
    QFutureWatcher<Fetched> m_watcher;
    QHash<QString, RemoteStatusEvent> m_latest;
    std::atomic<bool> m_busy{false};
};

} // namespace rendition

Q_DECLARE_METATYPE(rendition::RemoteStatusEvent)
