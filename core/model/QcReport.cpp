#include "core/model/QcReport.h"

#include <QJsonArray>
#include <QStringList>

namespace rendition {

QString qcSeverityName(QcSeverity s)
{
    switch (s) {
    case QcSeverity::Warn: return QStringLiteral("warn");
    case QcSeverity::Fail: return QStringLiteral("fail");
    case QcSeverity::Invalid: break;
    }
    return {};
}

QcSeverity qcSeverityFromName(const QString &s)
{
    if (s == u"warn") return QcSeverity::Warn;
    if (s == u"fail") return QcSeverity::Fail;
    return QcSeverity::Invalid;
}

QStringList qcCheckNames()
{
    using namespace qccheck;
    return {QString::fromLatin1(Black),        QString::fromLatin1(Freeze),      QString::fromLatin1(Silence),
            QString::fromLatin1(Loudness),     QString::fromLatin1(TruePeak),    QString::fromLatin1(LoudSection),
            QString::fromLatin1(AvDuration),   QString::fromLatin1(RenditionDuration),
            QString::fromLatin1(Bitrate),      QString::fromLatin1(Psnr),        QString::fromLatin1(Ssim),
            QString::fromLatin1(DecodeErrors)};
}

QJsonObject QcRule::toJson() const
{
    return {{QStringLiteral("check"), check},
            {QStringLiteral("threshold"), threshold},
            {QStringLiteral("min_duration_s"), minDurationSeconds},
            {QStringLiteral("severity"), qcSeverityName(severity)}};
}

QList<QcRule> defaultQcRules()
{
    using namespace qccheck;
    auto rule = [](const char *check, double threshold, double minDuration, QcSeverity s) {
        return QcRule{QString::fromLatin1(check), threshold, minDuration, s};
    };
    return {rule(Black, 0.10, 2.0, QcSeverity::Warn),       rule(Freeze, -60, 2.0, QcSeverity::Warn),
            rule(Silence, -60, 4.0, QcSeverity::Warn),      rule(Loudness, 1.0, 0, QcSeverity::Fail),
            rule(TruePeak, 0.0, 0, QcSeverity::Fail),       rule(LoudSection, 8.0, 1.0, QcSeverity::Warn),
            rule(AvDuration, 0.5, 0, QcSeverity::Fail),     rule(RenditionDuration, 0.5, 0, QcSeverity::Fail),
            rule(Bitrate, 25, 0, QcSeverity::Warn),         rule(Psnr, 30, 0, QcSeverity::Warn),
            rule(Ssim, 0.90, 0, QcSeverity::Warn),          rule(DecodeErrors, 0, 0, QcSeverity::Fail)};
}

QJsonObject QcEvent::toJson() const
{
    QJsonObject o{{QStringLiteral("check"), check},
                  {QStringLiteral("severity"), qcSeverityName(severity)},
                  {QStringLiteral("value"), value},
                  {QStringLiteral("threshold"), threshold},
                  {QStringLiteral("message"), message}};
    if (!rendition.isEmpty()) o.insert(QStringLiteral("rendition"), rendition);
    if (startSeconds >= 0) o.insert(QStringLiteral("start_s"), startSeconds);
    if (endSeconds >= 0) o.insert(QStringLiteral("end_s"), endSeconds);
    return o;
}

QcEvent QcEvent::fromJson(const QJsonObject &o)
{
    QcEvent e;
    e.check = o.value(QStringLiteral("check")).toString();
    e.severity = qcSeverityFromName(o.value(QStringLiteral("severity")).toString());
    e.rendition = o.value(QStringLiteral("rendition")).toString();
    e.startSeconds = o.value(QStringLiteral("start_s")).toDouble(-1);
    e.endSeconds = o.value(QStringLiteral("end_s")).toDouble(-1);
    e.value = o.value(QStringLiteral("value")).toDouble();
    e.threshold = o.value(QStringLiteral("threshold")).toDouble();
    e.message = o.value(QStringLiteral("message")).toString();
    return e;
}

bool QcReport::passed() const { return count(QcSeverity::Fail) == 0; }

int QcReport::count(QcSeverity s) const
{
    return int(std::count_if(events.begin(), events.end(), [s](const QcEvent &e) { return e.severity == s; }));
}

QJsonObject QcReport::toJson() const
{
    QJsonArray ev, ru;
    for (const QcEvent &e : events) ev.append(e.toJson());
    for (const QcRule &r : rules) ru.append(r.toJson());
    return {{QStringLiteral("schema"), QString::fromLatin1(kQcSchema)},
            {QStringLiteral("passed"), passed()},
            {QStringLiteral("fail_count"), count(QcSeverity::Fail)},
            {QStringLiteral("warn_count"), count(QcSeverity::Warn)},
            {QStringLiteral("events"), ev},
            {QStringLiteral("metrics"), metrics},
            {QStringLiteral("rules"), ru}};
}

QJsonObject QcReport::summaryJson() const
{
    QJsonArray failing;
    for (const QcEvent &e : events)
        if (e.severity == QcSeverity::Fail) failing.append(e.toJson());
    return {{QStringLiteral("passed"), passed()},
            {QStringLiteral("fail_count"), count(QcSeverity::Fail)},
            {QStringLiteral("warn_count"), count(QcSeverity::Warn)},
            {QStringLiteral("report"), QStringLiteral("qc.json")},
            {QStringLiteral("failures"), failing}};
}

Result<QcReport> QcReport::fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("schema")).toString() != QLatin1String(kQcSchema))
        return makeError(QStringLiteral("qc.bad_json"), QStringLiteral("not a QC report (schema must be %1)").arg(QLatin1String(kQcSchema)));
    QcReport r;
    for (const QJsonValue &v : o.value(QStringLiteral("events")).toArray()) r.events.append(QcEvent::fromJson(v.toObject()));
    for (const QJsonValue &v : o.value(QStringLiteral("rules")).toArray()) {
        const QJsonObject ro = v.toObject();
        r.rules.append(QcRule{ro.value(QStringLiteral("check")).toString(), ro.value(QStringLiteral("threshold")).toDouble(),
                              ro.value(QStringLiteral("min_duration_s")).toDouble(),
                              qcSeverityFromName(ro.value(QStringLiteral("severity")).toString())});
    }
    r.metrics = o.value(QStringLiteral("metrics")).toObject();
    return r;
}

} // namespace rendition
