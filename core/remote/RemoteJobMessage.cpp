#include "core/remote/RemoteJobMessage.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rendition {

namespace remotekeys {

QString source(const QString &sha256) { return QStringLiteral("sources/") + sha256; }
QString spec(const QString &jobId) { return QStringLiteral("jobs/%1.json").arg(jobId); }
QString assetPrefix(const QString &asset) { return QStringLiteral("outputs/%1/").arg(asset); }
QString versionPrefix(const QString &asset, const QString &version) { return assetPrefix(asset) + version + u'/'; }
QString published(const QString &idempotencyKey) { return QStringLiteral("outputs/by-key/%1.json").arg(idempotencyKey); }
QString current(const QString &asset) { return assetPrefix(asset) + QStringLiteral("current.json"); }
QString jobKey(const QString &jobId) { return QStringLiteral("keys/%1/content.key").arg(jobId); }
QString s3Uri(const QString &bucket, const QString &key) { return QStringLiteral("s3://%1/%2").arg(bucket, key); }

QString keyOfUri(const QString &bucket, const QString &uri)
{
    const QString prefix = QStringLiteral("s3://%1/").arg(bucket);
    return uri.startsWith(prefix) ? uri.mid(prefix.size()) : QString();
}

} // namespace remotekeys

namespace {

Error badMessage(const QString &why)
{
    return makeError(QStringLiteral("remote.bad_message"),
                     QStringLiteral("the queue message is not a Rendition job (%1); it was sent by something else").arg(why));
}

Result<QJsonObject> parseObject(const QByteArray &body, const char *schema)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) return badMessage(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String(schema))
        return badMessage(QStringLiteral("schema is not %1").arg(QLatin1String(schema)));
    return o;
}

QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODateWithMs); }

} // namespace

QByteArray RemoteJobMessage::toBody() const
{
    QJsonObject o{{QStringLiteral("schema"), QLatin1String(kRemoteJobSchema)},
                  {QStringLiteral("job_id"), jobId},
                  {QStringLiteral("idempotency_key"), idempotencyKey},
                  {QStringLiteral("spec_key"), specKey},
                  {QStringLiteral("source_name"), sourceName}};
    if (!inlineSpec.isEmpty()) o.insert(QStringLiteral("spec"), QJsonDocument::fromJson(inlineSpec).object());
    if (!keyRef.isEmpty()) o.insert(QStringLiteral("key_ref"), keyRef);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SqsMessageAttributes RemoteJobMessage::attributes() const
{
    SqsMessageAttributes a;
    a.insert(QStringLiteral("job_id"), SqsMessageAttribute{QStringLiteral("String"), jobId, {}});
    a.insert(QStringLiteral("idempotency_key"), SqsMessageAttribute{QStringLiteral("String"), idempotencyKey, {}});
    return a;
}

namespace {

// Job ids and idempotency keys become parts of object keys and folder names: a plain token only.
bool isPlainToken(const QString &s)
{
    if (s.isEmpty() || s.size() > 128) return false;
    for (const QChar c : s)
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != u'-' && c != u'_' && c != u'.') return false;
    return s != u"." && s != u"..";
}

bool isPlainFileName(const QString &s)
{
    if (s.isEmpty() || s.size() > 255 || s == u"." || s == u"..") return false;
    for (const QChar c : s)
        if (c == u'/' || c == u'\\' || c.unicode() < 0x20 || c.unicode() == 0x7f) return false;
    return true;
}

} // namespace

Result<RemoteJobMessage> RemoteJobMessage::fromBody(const QByteArray &body)
{
    if (body.size() > kMaxMessageBytes)
        return badMessage(QStringLiteral("%1 bytes; a job message is at most %2").arg(body.size()).arg(kMaxMessageBytes));
    if (body.contains('\0')) return badMessage(QStringLiteral("it contains a NUL byte"));
    Result<QJsonObject> o = parseObject(body, kRemoteJobSchema);
    if (!o) return o.error();
    RemoteJobMessage m;
    m.jobId = o->value(QStringLiteral("job_id")).toString();
    m.idempotencyKey = o->value(QStringLiteral("idempotency_key")).toString();
    m.specKey = o->value(QStringLiteral("spec_key")).toString();
    m.sourceName = o->value(QStringLiteral("source_name")).toString();
    m.keyRef = o->value(QStringLiteral("key_ref")).toString();
    if (o->value(QStringLiteral("spec")).isObject())
        m.inlineSpec = QJsonDocument(o->value(QStringLiteral("spec")).toObject()).toJson(QJsonDocument::Compact);
    QStringList missing;
    if (m.jobId.isEmpty()) missing << QStringLiteral("job_id");
    if (m.idempotencyKey.isEmpty()) missing << QStringLiteral("idempotency_key");
    if (m.specKey.isEmpty() && m.inlineSpec.isEmpty()) missing << QStringLiteral("spec_key or spec");
    if (m.sourceName.isEmpty()) missing << QStringLiteral("source_name");
    if (!missing.isEmpty()) return badMessage(QStringLiteral("missing %1").arg(missing.join(QStringLiteral(", "))));
    if (!isPlainToken(m.jobId)) return badMessage(QStringLiteral("job_id is not a plain token (letters, digits, - _ .)"));
    if (!isPlainToken(m.idempotencyKey))
        return badMessage(QStringLiteral("idempotency_key is not a plain token (letters, digits, - _ .)"));
    if (!isPlainFileName(m.sourceName))
        return badMessage(QStringLiteral("source_name \"%1\" is not a plain file name")
                              .arg(QString(m.sourceName).replace(QChar(0), QStringLiteral("\\0"))));
    if (!m.specKey.isEmpty() && m.specKey != remotekeys::spec(m.jobId))
        return badMessage(QStringLiteral("spec_key \"%1\" is not %2").arg(m.specKey, remotekeys::spec(m.jobId)));
    if (!m.keyRef.isEmpty() && m.keyRef != remotekeys::jobKey(m.jobId))
        return badMessage(QStringLiteral("key_ref \"%1\" is not %2; keys are only read from the job's own key-store entry")
                              .arg(m.keyRef, remotekeys::jobKey(m.jobId)));
    return m;
}

QByteArray RemoteDeadLetter::toBody() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schema"), QLatin1String(kDeadLetterSchema)},
                                     {QStringLiteral("job_id"), jobId},
                                     {QStringLiteral("receive_count"), receiveCount},
                                     {QStringLiteral("error"), error.toJson()},
                                     {QStringLiteral("worker"), worker},
                                     {QStringLiteral("at"), iso(at)},
                                     {QStringLiteral("message"), QString::fromUtf8(originalBody)}})
        .toJson(QJsonDocument::Compact);
}

Result<RemoteDeadLetter> RemoteDeadLetter::fromBody(const QByteArray &body)
{
    Result<QJsonObject> o = parseObject(body, kDeadLetterSchema);
    if (!o) return o.error();
    RemoteDeadLetter d;
    d.jobId = o->value(QStringLiteral("job_id")).toString();
    d.receiveCount = o->value(QStringLiteral("receive_count")).toInt();
    const QJsonObject e = o->value(QStringLiteral("error")).toObject();
    d.error = makeError(e.value(QStringLiteral("code")).toString(), e.value(QStringLiteral("message")).toString(),
                        e.value(QStringLiteral("context")).toString());
    d.worker = o->value(QStringLiteral("worker")).toString();
    d.at = QDateTime::fromString(o->value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    d.originalBody = o->value(QStringLiteral("message")).toString().toUtf8();
    return d;
}

QByteArray RemotePublished::toJson() const
{
    return QJsonDocument(QJsonObject{{QStringLiteral("schema"), QLatin1String(kPublishedSchema)},
                                     {QStringLiteral("job_id"), jobId},
                                     {QStringLiteral("idempotency_key"), idempotencyKey},
                                     {QStringLiteral("asset"), asset},
                                     {QStringLiteral("version"), version},
                                     {QStringLiteral("prefix"), prefix},
                                     {QStringLiteral("qc_failed"), qcFailed},
                                     {QStringLiteral("awaiting_approval"), awaitingApproval},
                                     {QStringLiteral("review"), review},
                                     {QStringLiteral("reviewed_by"), reviewedBy},
                                     {QStringLiteral("review_note"), reviewNote},
                                     {QStringLiteral("reviewed_at"), reviewedAt.isValid() ? iso(reviewedAt) : QString()},
                                     {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                                     {QStringLiteral("bytes"), double(bytes)},
                                     {QStringLiteral("worker"), worker},
                                     {QStringLiteral("at"), iso(at)}})
        .toJson(QJsonDocument::Indented);
}

Result<RemotePublished> RemotePublished::fromJson(const QByteArray &json)
{
    Result<QJsonObject> o = parseObject(json, kPublishedSchema);
    if (!o) return makeError(QStringLiteral("remote.bad_marker"),
                             QStringLiteral("the publish marker is unreadable (%1)").arg(o.error().message));
    RemotePublished p;
    p.jobId = o->value(QStringLiteral("job_id")).toString();
    p.idempotencyKey = o->value(QStringLiteral("idempotency_key")).toString();
    p.asset = o->value(QStringLiteral("asset")).toString();
    p.version = o->value(QStringLiteral("version")).toString();
    p.prefix = o->value(QStringLiteral("prefix")).toString();
    p.qcFailed = o->value(QStringLiteral("qc_failed")).toBool();
    p.awaitingApproval = o->value(QStringLiteral("awaiting_approval")).toBool();
    p.review = o->value(QStringLiteral("review")).toString();
    p.reviewedBy = o->value(QStringLiteral("reviewed_by")).toString();
    p.reviewNote = o->value(QStringLiteral("review_note")).toString();
    p.reviewedAt = QDateTime::fromString(o->value(QStringLiteral("reviewed_at")).toString(), Qt::ISODateWithMs);
    for (const QJsonValue &v : o->value(QStringLiteral("files")).toArray()) p.files << v.toString();
    p.bytes = qint64(o->value(QStringLiteral("bytes")).toDouble());
    p.worker = o->value(QStringLiteral("worker")).toString();
    p.at = QDateTime::fromString(o->value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    if (p.prefix.isEmpty() || p.version.isEmpty())
        return makeError(QStringLiteral("remote.bad_marker"), QStringLiteral("the publish marker names no version"));
    return p;
}

} // namespace rendition
