#include "core/remote/RemoteApproval.h"

#include "core/model/JobSpec.h"
#include "core/remote/RemoteOutputs.h"

#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace rendition {

namespace {

QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }

Result<RemotePublished> decide(S3Client &s3, const QString &jobId, const QString &who, const QString &note, bool approve)
{
    Result<RemotePublished> marker = findPublishedJob(s3, jobId);
    if (!marker) return marker.error();
    if (!marker->awaitingApproval)
        return makeError(QStringLiteral("remote.not_awaiting_approval"),
                         QStringLiteral("job %1 was published as %2 without an approval gate; there is nothing to %3")
                             .arg(jobId, marker->version, approve ? QStringLiteral("approve") : QStringLiteral("reject")),
                         marker->prefix);
    if (!marker->review.isEmpty())
        return makeError(QStringLiteral("remote.not_awaiting_approval"),
                         QStringLiteral("job %1 (%2) was already %3 by %4 at %5")
                             .arg(jobId, marker->version, marker->review, marker->reviewedBy, iso(marker->reviewedAt)),
                         marker->prefix);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (approve) {
        RemoteCurrent c{marker->asset, marker->version, marker->prefix, marker->jobId, marker->idempotencyKey, who, now};
        if (Status s = writeRemoteCurrent(s3, c); !s) return s.error();
    }
    marker->review = approve ? QStringLiteral("approved") : QStringLiteral("rejected");
    marker->reviewedBy = who;
    marker->reviewNote = note;
    marker->reviewedAt = now;
    S3PutOptions options;
    options.contentType = QStringLiteral("application/json");
    if (Result<S3PutResult> put = s3.putBytes(remotekeys::published(marker->idempotencyKey), marker->toJson(), options); !put)
        return put.error();
    return marker;
}

} // namespace

QByteArray RemoteCurrent::toJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schema"), QLatin1String(kRemoteCurrentSchema)},
                                     {QStringLiteral("asset"), asset},
                                     {QStringLiteral("version"), version},
                                     {QStringLiteral("prefix"), prefix},
                                     {QStringLiteral("job_id"), jobId},
                                     {QStringLiteral("idempotency_key"), idempotencyKey},
                                     {QStringLiteral("by"), by},
                                     {QStringLiteral("at"), iso(at)}})
        .toJson(QJsonDocument::Indented);
}

Result<RemoteCurrent> RemoteCurrent::fromJson(const QByteArray &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String(kRemoteCurrentSchema) ||
        o.value(QStringLiteral("asset")).toString().isEmpty())
        return makeError(QStringLiteral("remote.bad_current"),
                         QStringLiteral("the current pointer is not a %1 document").arg(QLatin1String(kRemoteCurrentSchema)));
    RemoteCurrent c;
    c.asset = o.value(QStringLiteral("asset")).toString();
    c.version = o.value(QStringLiteral("version")).toString();
    c.prefix = o.value(QStringLiteral("prefix")).toString();
    c.jobId = o.value(QStringLiteral("job_id")).toString();
    c.idempotencyKey = o.value(QStringLiteral("idempotency_key")).toString();
    c.by = o.value(QStringLiteral("by")).toString();
    c.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    return c;
}

Result<std::optional<RemoteCurrent>> readRemoteCurrent(S3Client &s3, const QString &asset)
{
    Result<QByteArray> got = s3.getBytes(remotekeys::current(asset));
    if (!got) {
        if (isS3NotFound(got.error())) return std::optional<RemoteCurrent>();
        return got.error();
    }
    Result<RemoteCurrent> c = RemoteCurrent::fromJson(*got);
    if (!c) return makeError(c.error().code, c.error().message, remotekeys::current(asset));
    return std::optional<RemoteCurrent>(*c);
}

Status writeRemoteCurrent(S3Client &s3, const RemoteCurrent &current)
{
    S3PutOptions options;
    options.contentType = QStringLiteral("application/json");
    Result<S3PutResult> put = s3.putBytes(remotekeys::current(current.asset), current.toJson(), options);
    if (!put) return put.error();
    return {};
}

Result<RemotePublished> findPublishedJob(S3Client &s3, const QString &jobId)
{
    Result<QByteArray> specJson = s3.getBytes(remotekeys::spec(jobId));
    if (!specJson) {
        if (isS3NotFound(specJson.error()))
            return makeError(QStringLiteral("remote.no_such_job"),
                             QStringLiteral("no job %1 was submitted to this bucket; check the job id").arg(jobId),
                             remotekeys::spec(jobId));
        return specJson.error();
    }
    Result<JobSpec> spec = JobSpec::fromJson(*specJson);
    if (!spec) return spec.error();
    Result<std::optional<RemotePublished>> marker = findRemotePublished(s3, spec->idempotencyKey);
    if (!marker) return marker.error();
    if (!marker->has_value())
        return makeError(QStringLiteral("remote.not_published"),
                         QStringLiteral("job %1 has not published a version yet; wait for its status").arg(jobId),
                         remotekeys::published(spec->idempotencyKey));
    return **marker;
}

Result<RemotePublished> approveRemoteJob(S3Client &s3, const QString &jobId, const QString &who, const QString &note)
{
    return decide(s3, jobId, who, note, true);
}

Result<RemotePublished> rejectRemoteJob(S3Client &s3, const QString &jobId, const QString &who, const QString &note)
{
    if (note.trimmed().isEmpty())
        return makeError(QStringLiteral("remote.reject_needs_note"),
                         QStringLiteral("a rejection needs a reason (--note); it is recorded with the version"), jobId);
    return decide(s3, jobId, who, note, false);
}

QString remoteActor()
{
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty()) user = QStringLiteral("uid%1").arg(::getuid());
    return user + u'@' + QHostInfo::localHostName();
}

} // namespace rendition
