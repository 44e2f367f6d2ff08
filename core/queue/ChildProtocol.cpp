#include "core/queue/ChildProtocol.h"

#include "core/util/RetryPolicy.h"

#include <QJsonDocument>

#include <array>
#include <utility>

namespace rendition::child {

namespace {

constexpr std::array<std::pair<EventKind, const char *>, 6> kNames{{
    {EventKind::Progress, "progress"},
    {EventKind::Published, "published"},
    {EventKind::QcFailed, "qc_failed"},
    {EventKind::AwaitingApproval, "awaiting_approval"},
    {EventKind::Failed, "failed"},
    {EventKind::Canceled, "canceled"},
}};

} // namespace

QString eventName(EventKind kind)
{
    for (const auto &[k, name] : kNames)
        if (k == kind) return QString::fromLatin1(name);
    return {};
}

Event parseLine(const QByteArray &line)
{
    Event e;
    e.kind = EventKind::NotAnEvent;
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) return e;
    e.object = doc.object();
    const QString name = e.object.value(QStringLiteral("event")).toString();
    for (const auto &[k, n] : kNames)
        if (name == QLatin1String(n)) e.kind = k;
    if (e.kind == EventKind::Progress) e.progress = ProgressEvent::fromJson(e.object);
    if (e.kind == EventKind::Failed)
        e.error = makeError(e.object.value(QStringLiteral("code")).toString(), e.object.value(QStringLiteral("message")).toString(),
                            e.object.value(QStringLiteral("context")).toString());
    return e;
}

QJsonObject progressLine(const ProgressEvent &e)
{
    QJsonObject o = e.toJson();
    o.insert(QStringLiteral("event"), eventName(EventKind::Progress));
    return o;
}

QJsonObject failedLine(const Error &e)
{
    return {{QStringLiteral("event"), eventName(EventKind::Failed)},
            {QStringLiteral("code"), e.code},
            {QStringLiteral("message"), e.message},
            {QStringLiteral("context"), e.context},
            {QStringLiteral("transient"), RetryPolicy::isTransient(e)}};
}

QJsonObject canceledLine() { return {{QStringLiteral("event"), eventName(EventKind::Canceled)}}; }

int exitCodeFor(const Error &e) { return RetryPolicy::isTransient(e) ? kExitTransient : kExitFailed; }

} // namespace rendition::child
