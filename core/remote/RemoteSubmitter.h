#pragma once
// Sends jobs to the cluster: for one probed source and a preset,
//   1. makes the JobSpec (same idempotency key as a local job of the same source + preset),
//      with source.uri = s3://bucket/sources/<sha256> and output_root = s3://bucket/outputs;
//   2. if outputs/by-key/<key>.json exists, the job was published before: nothing is sent
//      (RemoteSubmission::reused, like `batch` reusing a published version);
//   3. uploads the source once under its content address (HEAD first; skipped when an object
//      of the same size is there);
//   4. writes the spec to jobs/<id>.json;
//   5. DRM presets: stores the content key in the key store (RemoteKeyStore.h; obtained before
//      step 1's uploads, so a missing key file uploads nothing);
//   6. sends the jobs-queue message (RemoteJobMessage; spec inline when small; key_ref for DRM).
// Used by `rendition-cli submit` and by the GUI queue's "Run on cluster" action.
//
// Threading: blocking and NOT thread-safe (owns one S3Client and one SqsClient); the GUI
// runs submit() on a worker thread (QtConcurrent::run) with one RemoteSubmitter per thread.
// Cancel: the token is polled between steps and aborts an upload in flight.

#include "core/media/Probe.h"
#include "core/model/JobSpec.h"
#include "core/model/Preset.h"
#include "core/remote/RemoteProfile.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QAtomicInt>

#include <memory>

namespace rendition {

class S3Client;
class SqsClient;

struct RemoteSubmission {
    QString input;            // the local source path
    JobSpec spec;
    QString sourceKey;        // sources/<sha>
    QString specKey;          // jobs/<id>.json
    QString messageId;        // empty when reused
    bool sourceUploaded = false; // false: it was already in the bucket
    qint64 uploadedBytes = 0;
    qint64 uploadMs = 0;      // time spent uploading the source + spec
    bool reused = false;      // already published: nothing sent
    QString publishedPrefix;  // reused: outputs/<asset>/vN/
    QString keyId;            // DRM: the KID (hex) of the stored key; never the key
};

class RemoteSubmitter {
public:
    RemoteSubmitter(RemoteProfile profile, AwsCredentials credentials);
    ~RemoteSubmitter();
    RemoteSubmitter(const RemoteSubmitter &) = delete;
    RemoteSubmitter &operator=(const RemoteSubmitter &) = delete;

    // `progress` gets stage "upload" events (percent of the source's bytes) with item = the file name.
    Result<RemoteSubmission> submit(const ProbeResult &probe, const Preset &preset, const ProgressSink &progress,
                                    const CancelToken &cancel);

    const RemoteProfile &profile() const { return m_profile; }

private:
    Status uploadSource(const ProbeResult &probe, const QString &key, RemoteSubmission &out,
                        const ProgressSink &progress);

    RemoteProfile m_profile;
    std::unique_ptr<S3Client> m_s3;
    std::unique_ptr<SqsClient> m_sqs;
    QAtomicInt m_cancel{0};
};

} // namespace rendition
