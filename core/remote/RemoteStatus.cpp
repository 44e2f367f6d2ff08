#include "core/remote/RemoteStatus.h"

#include "core/remote/SqsClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QtConcurrent>

namespace rendition {

namespace {

struct KindName {
    RemoteEventKind kind;
    const char *name;
};
constexpr KindName kKinds[] = {
    {RemoteEventKind::Received, "received"}, {RemoteEventKind::Progress, "progress"},
    {RemoteEventKind::Published, "published"}, {RemoteEventKind::QcFailed, "qc_failed"},
    {RemoteEventKind::Reused, "reused"}, {RemoteEventKind::Failed, "failed"},
    {RemoteEventKind::Released, "released"}, {RemoteEventKind::Dead, "dead"},
    {RemoteEventKind::AwaitingApproval, "awaiting_approval"}, {RemoteEventKind::Approved, "approved"},
    {RemoteEventKind::Rejected, "rejected"},
};

Error badStatus(const QString &why)
{
    return makeError(QStringLiteral("remote.bad_status"),
                     QStringLiteral("a status-queue message is not a Rendition job event (%1); it was ignored").arg(why));
}

} // namespace

QString remoteEventKindName(RemoteEventKind kind)
{
    for (const KindName &k : kKinds)
        if (k.kind == kind) return QLatin1String(k.name);
    return QStringLiteral("invalid");
}

RemoteEventKind remoteEventKindFromName(const QString &name)
{
    for (const KindName &k : kKinds)
        if (name == QLatin1String(k.name)) return k.kind;
    return RemoteEventKind::Invalid;
}

bool isFinalRemoteEvent(RemoteEventKind kind)
{
    return kind == RemoteEventKind::Published || kind == RemoteEventKind::QcFailed || kind == RemoteEventKind::Reused ||
           kind == RemoteEventKind::Dead || kind == RemoteEventKind::AwaitingApproval ||
           kind == RemoteEventKind::Approved || kind == RemoteEventKind::Rejected;
}

QByteArray RemoteStatusEvent::toBody() const
{
    QJsonObject o{{QStringLiteral("schema"), QLatin1String(kRemoteStatusSchema)},
                  {QStringLiteral("job_id"), jobId},
                  {QStringLiteral("kind"), remoteEventKindName(kind)},
                  {QStringLiteral("worker"), worker},
                  {QStringLiteral("at"), at.toUTC().toString(Qt::ISODateWithMs)}};
    if (!stage.isEmpty()) o.insert(QStringLiteral("stage"), stage);
    if (percent >= 0) o.insert(QStringLiteral("percent"), percent);
    if (attempt > 0) o.insert(QStringLiteral("attempt"), attempt);
    if (!version.isEmpty())
        o.insert(QStringLiteral("published"), QJsonObject{{QStringLiteral("asset"), asset},
                                                          {QStringLiteral("version"), version},
                                                          {QStringLiteral("prefix"), prefix}});
    if (!error.code.isEmpty()) o.insert(QStringLiteral("error"), error.toJson());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<RemoteStatusEvent> RemoteStatusEvent::fromBody(const QByteArray &body)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) return badStatus(QStringLiteral("not a JSON object"));
    const QJsonObject o = doc.object();
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String(kRemoteStatusSchema))
        return badStatus(QStringLiteral("schema is not %1").arg(QLatin1String(kRemoteStatusSchema)));
    RemoteStatusEvent e;
    e.jobId = o.value(QStringLiteral("job_id")).toString();
    e.kind = remoteEventKindFromName(o.value(QStringLiteral("kind")).toString());
    if (e.jobId.isEmpty() || e.kind == RemoteEventKind::Invalid) return badStatus(QStringLiteral("no job_id or unknown kind"));
    e.worker = o.value(QStringLiteral("worker")).toString();
    e.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
    e.stage = o.value(QStringLiteral("stage")).toString();
    e.percent = o.value(QStringLiteral("percent")).toDouble(-1);
    e.attempt = o.value(QStringLiteral("attempt")).toInt();
    const QJsonObject p = o.value(QStringLiteral("published")).toObject();
    e.asset = p.value(QStringLiteral("asset")).toString();
    e.version = p.value(QStringLiteral("version")).toString();
    e.prefix = p.value(QStringLiteral("prefix")).toString();
    const QJsonObject err = o.value(QStringLiteral("error")).toObject();
    e.error = makeError(err.value(QStringLiteral("code")).toString(), err.value(QStringLiteral("message")).toString(),
                        err.value(QStringLiteral("context")).toString());
    return e;
}

RemoteStatusReader::RemoteStatusReader(RemoteProfile profile, AwsCredentials credentials, QObject *parent)
    : QObject(parent), m_profile(std::move(profile))
{
    qRegisterMetaType<rendition::RemoteStatusEvent>();
    qRegisterMetaType<rendition::Error>();
    SqsClientConfig config;
    config.region = m_profile.region;
    config.credentials = std::move(credentials);
    m_sqs = std::make_unique<SqsClient>(std::move(config));
    connect(&m_watcher, &QFutureWatcher<Fetched>::finished, this, &RemoteStatusReader::onPolled);
}

RemoteStatusReader::~RemoteStatusReader()
{
    stop();
    m_watcher.waitForFinished();
}

Status RemoteStatusReader::start(int intervalMs)
{
    if (m_profile.statusQueueUrl.isEmpty())
        return makeError(QStringLiteral("remote.no_status_queue"),
                         QStringLiteral("remote profile \"%1\" has no status queue; set its status queue URL").arg(m_profile.name),
                         m_profile.name);
    if (!m_timer) {
        m_timer = new QTimer(this);
        connect(m_timer, &QTimer::timeout, this, &RemoteStatusReader::poll);
    }
    m_timer->start(intervalMs);
    poll();
    return {};
}

void RemoteStatusReader::stop()
{
    if (m_timer) m_timer->stop();
}

RemoteStatusReader::Fetched RemoteStatusReader::fetch(int waitSeconds)
{
    Fetched out;
    SqsReceiveOptions options;
    options.maxMessages = 10;
    options.waitSeconds = waitSeconds;
    options.attributeNames.clear();
    options.allMessageAttributes = false;
    Result<QList<SqsMessage>> messages = m_sqs->receive(m_profile.statusQueueUrl, options);
    if (!messages) {
        out.error = messages.error();
        return out;
    }
    for (const SqsMessage &m : std::as_const(*messages)) {
        Result<RemoteStatusEvent> e = RemoteStatusEvent::fromBody(m.body);
        if (e) out.events.append(*e);
        // Read (or unreadable): either way it must not come back.
        if (Status s = m_sqs->deleteMessage(m_profile.statusQueueUrl, m.receiptHandle); !s && !out.error) out.error = s.error();
    }
    std::sort(out.events.begin(), out.events.end(),
              [](const RemoteStatusEvent &a, const RemoteStatusEvent &b) { return a.at < b.at; });
    return out;
}

Result<QList<RemoteStatusEvent>> RemoteStatusReader::readOnce(int waitSeconds)
{
    if (m_profile.statusQueueUrl.isEmpty())
        return makeError(QStringLiteral("remote.no_status_queue"),
                         QStringLiteral("remote profile \"%1\" has no status queue; set its status queue URL").arg(m_profile.name),
                         m_profile.name);
    if (m_busy.exchange(true))
        return makeError(QStringLiteral("remote.busy"), QStringLiteral("a status read is already in flight; wait for it"));
    Fetched f = fetch(waitSeconds);
    m_busy.store(false);
    for (const RemoteStatusEvent &e : std::as_const(f.events)) remember(e);
    if (f.error && f.events.isEmpty()) return *f.error;
    return f.events;
}

void RemoteStatusReader::poll()
{
    if (m_busy.exchange(true)) return;
    m_watcher.setFuture(QtConcurrent::run([this] { return fetch(1); }));
}

void RemoteStatusReader::onPolled()
{
    const Fetched f = m_watcher.result();
    m_busy.store(false);
    for (const RemoteStatusEvent &e : f.events) {
        remember(e);
        Q_EMIT jobUpdated(e);
    }
    if (f.error) Q_EMIT readFailed(*f.error);
}

void RemoteStatusReader::remember(const RemoteStatusEvent &event)
{
    // A late progress event never overrides a final state.
    const auto it = m_latest.constFind(event.jobId);
    if (it != m_latest.cend() && isFinalRemoteEvent(it->kind) && !isFinalRemoteEvent(event.kind)) return;
    m_latest.insert(event.jobId, event);
}

} // namespace rendition
