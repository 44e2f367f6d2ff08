#pragma once
// DRM keys of cluster jobs: a key store apart from content, with an audit trail.
//
//   keys/<job id>/content.key    one "KID:KEY" line (hex), PUT with x-amz-server-side-encryption:
//                                AES256. Never under outputs/; the job message carries only the
//                                reference (RemoteJobMessage::keyRef), never the key.
//   audit/keys/<UTC time>-<job id>-<action>-<random>.json   one record per key write or read:
//                                {"schema": "rendition.key-audit/1", "action": "write" | "read" |
//                                 "read_missing", "job_id", "kid" (hex; "" when missing), "who", "at"}
//
// Flow: `submit` obtains the key the preset names (generated, a KID:KEY file or a CPIX
// document: the FIRST key, like a local run) BEFORE anything is uploaded, so a missing or bad
// key file fails the submit with nothing in the bucket; it stores the key and an audit
// record. The worker fetches it (audit "read"), writes it 0600 in its job folder and runs
// exec-job --drm-key-file, so the package uses exactly that key; the job folder (and the
// local keys/ folder exec-job writes beside the package) is deleted after upload and never
// uploaded. `rendition-cli remote key JOB --out FILE` fetches it back (audit "read") into a
// 0600 KID:KEY file to preview / QC the encrypted output.
//
// Errors: remote.key_missing (no key object: permanent, the job is dead-lettered),
// remote.key_unreadable (the object is not one KID:KEY line), remote.key_audit (the audit record
// could not be written: the key is then not handed out), remote.key_write (local file), the
// cenc.* errors of reading key files, and S3 errors. Key bytes never appear in an Error,
// a log line, an event or an audit record: only KIDs. All functions block.

#include "core/media/cenc/CencTypes.h"
#include "core/model/Preset.h"
#include "core/remote/S3Client.h"
#include "core/util/Result.h"

namespace rendition {

inline constexpr auto kKeyAuditSchema = "rendition.key-audit/1";

// The key a submit of `policy` uses (scheme None: error drm.no_scheme, callers check first).
Result<cenc::ContentKey> obtainSubmitKey(const DrmPolicy &policy);

// Stores the key of `jobId` (SSE AES256) and its audit record ("write").
Status storeJobKey(S3Client &s3, const QString &jobId, const cenc::ContentKey &key, const QString &who);

// Reads the key of `jobId` and appends the audit record ("read", or "read_missing" first
// when there is none: remote.key_missing).
Result<cenc::ContentKey> fetchJobKey(S3Client &s3, const QString &jobId, const QString &who);

// Writes "KID:KEY\n" to `path` with mode 0600 (created 0600, never world-readable in between).
Status writeLocalKeyFile(const QString &path, const cenc::ContentKey &key);

} // namespace rendition
