#pragma once
// Published outputs in the bucket (layout in RemoteJobMessage.h): choosing the next version,
// uploading a local version folder with manifest.json LAST (the commit point) followed by the
// publish marker outputs/by-key/<key>.json, finding a key's marker, and downloading a
// published version back to a local folder.
//
// Versions: the next version of an asset is 1 + the highest N whose outputs/<asset>/vN/
// manifest.json exists; a folder without manifest.json (an upload cut short by a dead
// worker) is not published and is overwritten by the next attempt. Two workers publishing
// DIFFERENT jobs of the same asset name at the same instant could pick the same N (S3 has no
// compare-and-swap we can rely on across emulators); the by-key markers stay correct.
//
// All functions block on the given S3Client and so run on its thread.

#include "core/remote/RemoteJobMessage.h"
#include "core/remote/S3Client.h"
#include "core/util/Result.h"

#include <optional>

namespace rendition {

// True for the S3 errors that mean "no such object" (HEAD 404, NoSuchKey).
bool isS3NotFound(const Error &error);

// The highest published version number of `asset` (0: none).
Result<int> highestPublishedVersion(S3Client &s3, const QString &asset);

// The marker of `idempotencyKey`, or nullopt when the key was never published.
Result<std::optional<RemotePublished>> findRemotePublished(S3Client &s3, const QString &idempotencyKey);

struct RemoteUploadRequest {
    QString localVersionDir; // the exec-job's OUT/<asset>/vK (its own numbering is ignored)
    QString asset;
    QString jobId;
    QString idempotencyKey;
    bool qcFailed = false;
    bool awaitingApproval = false; // qc.require_approval: current.json is not moved
    QString worker;
    QString sourceUri;       // s3://bucket/sources/<sha>: replaces the worker's local path in the manifest
};

// Uploads every regular file below localVersionDir (sorted, manifest.json last), then moves
// outputs/<asset>/current.json to this version unless it is qc_failed or awaiting approval
// (those only create current.json with version "" when the asset has none), then the
// marker. Error remote.bad_asset for an asset name that is not a plain file name. manifest.json is uploaded with "version" set to the version in the bucket and
// "source.path" set to sourceUri (the worker's scratch paths mean nothing elsewhere); every
// other byte is uploaded as the job process wrote it. `bytesUploaded` (may be null) gets the payload bytes sent.
Result<RemotePublished> uploadRemoteVersion(S3Client &s3, const RemoteUploadRequest &request,
                                            qint64 *bytesUploaded = nullptr);

// Downloads a published version into <localRoot>/<asset>/<version>/ (resumable per file),
// manifest.json last. Returns that folder. Errors name the key that failed.
Result<QString> downloadRemoteVersion(S3Client &s3, const RemotePublished &published, const QString &localRoot,
                                      qint64 *bytesDownloaded = nullptr);

} // namespace rendition
