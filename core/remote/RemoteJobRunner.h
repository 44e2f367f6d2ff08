#pragma once
// Handles ONE jobs-queue message on a worker slot thread, end to end:
//   parse the envelope (unreadable → dead-letter queue at once) → too many receives → DLQ →
//   heartbeat (ChangeMessageVisibility every heartbeatS while working) → status "received" →
//   key already published (outputs/by-key/<key>.json) → acknowledge only ("reused") →
//   spec (inline or jobs/<id>.json, idempotency key checked) → source from the local cache or
//   downloaded (resumable .part, SHA-256 verified) → a local copy of the spec (file:// source,
//   local output root) → DRM: the key from the key store (RemoteKeyStore.h) into a 0600 file →
//   child `<program> exec-job [--drm-key-file F] spec.json` (same pipeline as local runs;
//   JSON-lines progress → status events + stage metrics; the child dies with this thread) →
//   upload the version folder (manifest.json last) + current.json + publish marker → delete the
//   message. An awaiting_approval outcome (qc.require_approval) is a success: published without
//   moving current.json, status "awaiting_approval" (RemoteApproval.h).
// Permanent errors (a bad message or spec, a missing or different source, a missing key, an
// unsafe asset name) send the message to the DLQ at once, before anything is published.
// Failure of an attempt: status "failed"; when ApproximateReceiveCount ≥ maxReceives the
// message goes to the DLQ with the error (send + delete), else it becomes visible again after
// retryDelayS. hardStop (grace over): the child is stopped and the message released
// (visibility 0, status "released").
//
// Threading: owned and used by one slot thread only (its S3/SQS clients are per thread); the
// heartbeat runs on a helper thread with its own SqsClient.

#include "core/remote/RemoteJobMessage.h"
#include "core/remote/RemoteStatus.h"
#include "core/remote/RemoteWorkerTypes.h"
#include "core/remote/SqsXml.h"

#include <memory>

namespace rendition {

class S3Client;
class SqsClient;

enum class RemoteOutcome { Invalid = 0, Published, QcFailed, Reused, Failed, DeadLettered, Released, AwaitingApproval };
inline constexpr int kRemoteOutcomeCount = int(RemoteOutcome::AwaitingApproval) + 1;
QString remoteOutcomeName(RemoteOutcome outcome); // "published", …

class RemoteJobRunner {
public:
    RemoteJobRunner(RemoteWorkerShared &shared, QString workerName);
    ~RemoteJobRunner();
    RemoteJobRunner(const RemoteJobRunner &) = delete;
    RemoteJobRunner &operator=(const RemoteJobRunner &) = delete;

    RemoteOutcome handle(const SqsMessage &message);

private:
    struct Attempt;
    Result<RemotePublished> runJob(const RemoteJobMessage &job, Attempt &attempt);
    Result<QString> fetchSource(const QString &sha256, const QString &key);
    Result<QJsonObject> runChild(const QString &specPath, const QString &keyFile, Attempt &attempt);
    RemoteOutcome fail(const SqsMessage &message, const QString &jobId, const Error &error);
    RemoteOutcome deadLetter(const SqsMessage &message, const QString &jobId, const Error &error);
    void sendStatus(RemoteStatusEvent event);
    // WorkerLog line with this runner's worker, job and stage (and the error's code and class).
    void log(const QString &line, const Error &error = {}) const;

    RemoteWorkerShared &m_shared;
    QString m_jobId, m_stage; // of the message being handled (log context)
    QString m_worker;
    std::unique_ptr<S3Client> m_s3;
    std::unique_ptr<SqsClient> m_sqs;
};

} // namespace rendition
