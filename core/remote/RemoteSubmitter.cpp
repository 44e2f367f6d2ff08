#include "core/remote/RemoteSubmitter.h"

#include "core/queue/Intake.h"

#include "core/remote/RemoteApproval.h"
#include "core/remote/RemoteJobMessage.h"
#include "core/remote/RemoteKeyStore.h"
#include "core/remote/RemoteOutputs.h"
#include "core/remote/S3Client.h"
#include "core/remote/SqsClient.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <thread>

namespace rendition {

namespace {

Error canceled()
{
    return makeError(QStringLiteral("canceled"), QStringLiteral("the submission was canceled"));
}

} // namespace

RemoteSubmitter::RemoteSubmitter(RemoteProfile profile, AwsCredentials credentials)
    : m_profile(std::move(profile)),
      m_s3(std::make_unique<S3Client>(m_profile.s3Config(), credentials)),
      m_sqs(std::make_unique<SqsClient>(m_profile.sqsConfig(credentials)))
{
    m_s3->setCancelFlag(&m_cancel);
}

RemoteSubmitter::~RemoteSubmitter() = default;

Status RemoteSubmitter::uploadSource(const ProbeResult &probe, const QString &key, RemoteSubmission &out,
                                     const ProgressSink &progress)
{
    const qint64 size = QFileInfo(probe.path).size();
    Result<S3ObjectInfo> head = m_s3->head(key);
    if (head && head->sizeBytes == size) return {}; // content-addressed: the same bytes are there
    // Without s3:ListBucket, S3 answers a HEAD of a missing key 403 instead of 404: treat it as
    // "not there" and upload (a real permission problem then fails the PUT with its own error).
    if (!head && !isS3NotFound(head.error()) && head.error().code != u"s3.AccessDenied")
        return head.error();
    const QString name = QFileInfo(probe.path).fileName();
    m_s3->setProgressCallback([&progress, name](qint64 done, qint64 total) {
        if (progress && total > 0) progress(ProgressEvent{QStringLiteral("upload"), name, 100.0 * double(done) / double(total), 0, -1, {}});
    });
    Result<S3PutResult> put = m_s3->putFile(key, probe.path);
    m_s3->setProgressCallback({});
    if (!put) return put.error();
    out.sourceUploaded = true;
    out.uploadedBytes += size;
    return {};
}

Result<RemoteSubmission> RemoteSubmitter::submit(const ProbeResult &probe, const Preset &preset,
                                                 const ProgressSink &progress, const CancelToken &cancel)
{
    // Mirror the token into the flag the S3 transfers poll.
    m_cancel.storeRelaxed(0);
    std::atomic<bool> done{false};
    std::thread mirror([&] {
        while (!done.load()) {
            if (cancel.isCanceled()) m_cancel.storeRelaxed(1);
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    struct Join {
        std::atomic<bool> &done;
        std::thread &t;
        ~Join() { done.store(true); t.join(); }
    } join{done, mirror};

    Result<JobSpec> made = makeJobSpec(probe, preset, QStringLiteral("/"));
    if (!made) return made.error();
    // DRM: the key is obtained first, so a missing or bad key file fails before any upload.
    std::optional<cenc::ContentKey> key;
    if (preset.drm.scheme != DrmScheme::None) {
        Result<cenc::ContentKey> k = obtainSubmitKey(preset.drm);
        if (!k) return k.error();
        key = *k;
    }
    RemoteSubmission out;
    out.input = probe.path;
    out.spec = *made;
    out.sourceKey = remotekeys::source(out.spec.source.sha256);
    out.specKey = remotekeys::spec(out.spec.id);
    out.spec.source.uri = remotekeys::s3Uri(m_profile.bucket, out.sourceKey);
    out.spec.outputRoot = remotekeys::s3Uri(m_profile.bucket, QStringLiteral("outputs"));

    // The one intake policy (core/queue/Intake): the bucket's by-key record is the
    // "published version" fact; the cluster's queue has no per-key job state to consult.
    Result<std::optional<RemotePublished>> published = findRemotePublished(*m_s3, out.spec.idempotencyKey);
    if (!published) return published.error();
    IntakeFacts facts;
    if (published->has_value()) facts.publishedDir = (*published)->prefix, facts.publishedDirExists = true;
    if (decideIntake(facts) == IntakeVerdict::Reuse) {
        out.reused = true;
        out.publishedPrefix = (*published)->prefix;
        return out;
    }
    if (cancel.isCanceled()) return canceled();

    QElapsedTimer clock;
    clock.start();
    if (Status s = uploadSource(probe, out.sourceKey, out, progress); !s)
        return cancel.isCanceled() ? canceled() : s.error();
    const QByteArray specJson = out.spec.toJsonBytes();
    S3PutOptions specOptions;
    specOptions.contentType = QStringLiteral("application/json");
    if (Result<S3PutResult> put = m_s3->putBytes(out.specKey, specJson, specOptions); !put)
        return cancel.isCanceled() ? canceled() : put.error();
    out.uploadedBytes += specJson.size();
    if (key) {
        if (Status s = storeJobKey(*m_s3, out.spec.id, *key, remoteActor()); !s) return s.error();
        out.keyId = cenc::keyIdToHex(key->kid);
    }
    out.uploadMs = clock.elapsed();
    if (cancel.isCanceled()) return canceled();

    RemoteJobMessage message;
    message.jobId = out.spec.id;
    message.idempotencyKey = out.spec.idempotencyKey;
    message.specKey = out.specKey;
    message.sourceName = QFileInfo(probe.path).fileName();
    if (key) message.keyRef = remotekeys::jobKey(out.spec.id);
    if (specJson.size() <= kInlineSpecMaxBytes) message.inlineSpec = specJson;
    Result<QString> sent = m_sqs->sendMessage(m_profile.jobsQueueUrl, message.toBody(), message.attributes());
    if (!sent) return sent.error();
    out.messageId = *sent;
    return out;
}

} // namespace rendition
