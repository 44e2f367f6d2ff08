#pragma once
// The asset's `current` pointer in the bucket and the approval gate of cluster jobs.
//
// outputs/<asset>/current.json ("rendition.remote-current/1"):
//   {"schema", "asset", "version" ("" while no version is current), "prefix", "job_id",
//    "idempotency_key", "by", "at"}
// It is the bucket's counterpart of the local OUT/<asset>/current symlink: a player or CDN
// origin reads it to find the version to serve. It exists for every asset that published
// anything: uploadRemoteVersion() writes it at the asset's first publish (version "" when that
// version waits for approval or failed QC) and moves it on every publish that needs no
// approval. A PUT of one small object is atomic in S3, so readers see the old or the new
// pointer, never a mix.
//
// Approval (preset qc.require_approval): the worker publishes the version and its marker with
// awaiting_approval = true and leaves current.json alone; the status event is
// "awaiting_approval". `rendition-cli remote approve JOB` moves current.json to that version
// and records the decision in the marker (review "approved", by, at, note); `remote reject JOB
// --note WHY` records "rejected" and leaves current.json alone (the version stays for the
// record). Errors: remote.no_such_job (no jobs/<id>.json), remote.not_published (no marker
// yet), remote.not_awaiting_approval (published normally, or already decided: names which),
// remote.bad_marker, remote.reject_needs_note, and S3 errors. All functions block.

#include "core/remote/RemoteJobMessage.h"
#include "core/remote/S3Client.h"
#include "core/util/Result.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace rendition {

inline constexpr auto kRemoteCurrentSchema = "rendition.remote-current/1";

struct RemoteCurrent {
    QString asset;
    QString version;        // "" when nothing is current yet
    QString prefix;         // outputs/<asset>/<version>/ ("" with version "")
    QString jobId;
    QString idempotencyKey;
    QString by;             // worker name, or user@host of the approver
    QDateTime at;

    QByteArray toJson() const;
    static Result<RemoteCurrent> fromJson(const QByteArray &json); // remote.bad_current
};

// nullopt when the asset has no current.json.
Result<std::optional<RemoteCurrent>> readRemoteCurrent(S3Client &s3, const QString &asset);
Status writeRemoteCurrent(S3Client &s3, const RemoteCurrent &current);

// The publish marker of a job id (through jobs/<id>.json's idempotency key).
Result<RemotePublished> findPublishedJob(S3Client &s3, const QString &jobId);

// Approves / rejects an awaiting job; returns the updated marker. `who` is recorded.
Result<RemotePublished> approveRemoteJob(S3Client &s3, const QString &jobId, const QString &who, const QString &note);
Result<RemotePublished> rejectRemoteJob(S3Client &s3, const QString &jobId, const QString &who, const QString &note);

// "user@host" of this process (for review and key audit records).
QString remoteActor();

} // namespace rendition
