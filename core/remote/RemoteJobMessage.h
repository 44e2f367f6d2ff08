#pragma once
// What travels between the workstation and the cluster, and where things live in the bucket.
//
// Bucket layout (keys; nothing else is written):
//   sources/<sha256>                 a source, content-addressed (uploaded once)
//   jobs/<job id>.json               the JobSpec (rendition.job/1; source.uri s3://bucket/sources/<sha>,
//                                    output_root s3://bucket/outputs)
//   outputs/<asset>/v<N>/...         a published version folder; manifest.json is written LAST
//                                    (a version without manifest.json is not published)
//   outputs/by-key/<idempotency key>.json   the publish marker (RemotePublished), written after
//                                    manifest.json: a redelivered job whose marker exists is only
//                                    acknowledged. It also records the review (approval) decision.
//   outputs/<asset>/current.json     the asset's `current` pointer (RemoteCurrent, RemoteApproval.h):
//                                    written at the asset's first publish (version "" while nothing
//                                    is approved) and moved by each publish that needs no approval
//                                    and by `remote approve`
//   keys/<job id>/content.key        a DRM job's content key (KID:KEY), SSE AES256; never under
//                                    outputs/ (RemoteKeyStore.h)
//   audit/keys/<time>-<job>-<action>-<n>.json  one record per key read/write (who, when, KID, job)
//
// The jobs-queue message body is JSON "rendition.remote-job/1":
//   {"schema", "job_id", "idempotency_key", "spec_key", "source_name", "spec": {...}?, "key_ref"?}
// ("key_ref": the key-store object of a DRM job, always keys/<job id>/content.key; the key
// itself never travels in a message)
// ("spec" inline when the spec is small, else the worker reads spec_key). job_id and
// idempotency_key are also sent as message attributes (for filtering/inspection); the body is
// authoritative because some SQS emulators drop attributes.
// Dead-letter bodies are "rendition.dead-letter/1": {"schema", "job_id", "receive_count",
// "error": {code, message, context}, "worker", "at", "message": <original body text>}.

#include "core/remote/SqsXml.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace rendition {

inline constexpr auto kRemoteJobSchema = "rendition.remote-job/1";
inline constexpr auto kDeadLetterSchema = "rendition.dead-letter/1";
inline constexpr auto kPublishedSchema = "rendition.remote-published/1";
inline constexpr qsizetype kInlineSpecMaxBytes = 128 * 1024; // SQS allows 256 KiB per message
inline constexpr qsizetype kMaxMessageBytes = 192 * 1024;    // a job message is never larger (spec inline ≤ 128 KiB)

namespace remotekeys {
QString source(const QString &sha256);                      // "sources/<sha>"
QString spec(const QString &jobId);                         // "jobs/<id>.json"
QString versionPrefix(const QString &asset, const QString &version); // "outputs/<asset>/<v>/"
QString assetPrefix(const QString &asset);                  // "outputs/<asset>/"
QString published(const QString &idempotencyKey);           // "outputs/by-key/<key>.json"
QString current(const QString &asset);                      // "outputs/<asset>/current.json"
QString jobKey(const QString &jobId);                       // "keys/<id>/content.key"
inline constexpr auto kKeyAuditPrefix = "audit/keys/";
QString s3Uri(const QString &bucket, const QString &key);   // "s3://bucket/key"
// "s3://bucket/key" → key (empty when the URI is not in `bucket`).
QString keyOfUri(const QString &bucket, const QString &uri);
} // namespace remotekeys

struct RemoteJobMessage {
    QString jobId;
    QString idempotencyKey;
    QString specKey;
    QString sourceName;   // the original file name ("clip.mov"): names the asset like a local run
    QByteArray inlineSpec; // the spec JSON when small; empty otherwise
    QString keyRef;       // DRM jobs: remotekeys::jobKey(jobId); empty otherwise

    QByteArray toBody() const;
    SqsMessageAttributes attributes() const; // job_id, idempotency_key
    // Error "remote.bad_message" naming the problem (not JSON, wrong schema, missing fields,
    // a body over kMaxMessageBytes, a job id / idempotency key that is not a plain token, a
    // source name that is not a plain file name (separators, "..", NUL, control characters), a
    // key_ref other than keys/<job id>/content.key).
    static Result<RemoteJobMessage> fromBody(const QByteArray &body);
};

struct RemoteDeadLetter {
    QString jobId;
    int receiveCount = 0;
    Error error;
    QString worker;
    QDateTime at;
    QByteArray originalBody;

    QByteArray toBody() const;
    static Result<RemoteDeadLetter> fromBody(const QByteArray &body);
};

// The publish marker: which version a key published and what it holds.
struct RemotePublished {
    QString jobId;
    QString idempotencyKey;
    QString asset;
    QString version;       // "v1"
    QString prefix;        // "outputs/<asset>/v1/"
    bool qcFailed = false; // published for review only
    bool awaitingApproval = false; // published without moving `current` (qc.require_approval)
    QString review;        // "", "approved" or "rejected" (remote approve/reject)
    QString reviewedBy, reviewNote;
    QDateTime reviewedAt;
    QStringList files;     // keys relative to prefix, manifest.json last
    qint64 bytes = 0;
    QString worker;
    QDateTime at;

    QByteArray toJson() const;
    static Result<RemotePublished> fromJson(const QByteArray &json);
};

} // namespace rendition
