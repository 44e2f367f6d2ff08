// ProbeResult JSON (schema "rendition.probe/1") and queries.
// Keys are snake_case. Rationals (SAR, DAR, frame rate) are written as "num:den" / "num/den"
// strings so they round-trip exactly; type-specific stream keys are only written for that type.

#include "core/model/ProbeResult.h"

#include <QJsonArray>

#include <algorithm>

namespace rendition {

namespace {

constexpr auto kSchema = "rendition.probe/1";

QString ratioText(int num, int den, QChar sep) { return QString::number(num) + sep + QString::number(den); }

// Parses "a:b" or "a/b"; leaves num/den untouched when the text is malformed.
void parseRatio(const QJsonValue &v, int &num, int &den)
{
    const QString s = v.toString();
    qsizetype sep = s.indexOf(u':');
    if (sep < 0) sep = s.indexOf(u'/');
    if (sep <= 0) return;
    bool okNum = false, okDen = false;
    const int n = s.left(sep).toInt(&okNum);
    const int d = s.mid(sep + 1).toInt(&okDen);
    if (okNum && okDen) {
        num = n;
        den = d;
    }
}

Error schemaError(const QString &message, const QString &context)
{
    return makeError(QStringLiteral("probe.bad_json"), message, context);
}

} // namespace

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Fatal: return QStringLiteral("fatal");
    case Severity::Invalid: break;
    }
    return {};
}

Severity severityFromName(const QString &s)
{
    if (s == u"warning") return Severity::Warning;
    if (s == u"fatal") return Severity::Fatal;
    return Severity::Invalid;
}

QJsonObject ProbeProblem::toJson() const
{
    QJsonObject o{{QStringLiteral("code"), code},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("severity"), severityName(severity)}};
    if (streamIndex >= 0) o.insert(QStringLiteral("stream_index"), streamIndex);
    return o;
}

ProbeProblem ProbeProblem::fromJson(const QJsonObject &o)
{
    ProbeProblem p;
    p.code = o.value(u"code").toString();
    p.message = o.value(u"message").toString();
    p.severity = severityFromName(o.value(u"severity").toString());
    p.streamIndex = o.value(u"stream_index").toInt(-1);
    return p;
}

QJsonObject StreamInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("index"), index},
                  {QStringLiteral("type"), type},
                  {QStringLiteral("codec"), codec},
                  {QStringLiteral("codec_long"), codecLong},
                  {QStringLiteral("profile"), profile},
                  {QStringLiteral("bitrate_bps"), bitrateBps},
                  {QStringLiteral("duration_s"), durationSeconds},
                  {QStringLiteral("language"), language},
                  {QStringLiteral("default"), isDefault}};
    if (type == u"video") {
        o.insert(QStringLiteral("width"), width);
        o.insert(QStringLiteral("height"), height);
        o.insert(QStringLiteral("sar"), ratioText(sarNum, sarDen, u':'));
        o.insert(QStringLiteral("dar"), ratioText(darNum, darDen, u':'));
        o.insert(QStringLiteral("frame_rate"), ratioText(frameRateNum, frameRateDen, u'/'));
        o.insert(QStringLiteral("fps"), frameRate()); // informative; frame_rate is authoritative
        o.insert(QStringLiteral("vfr"), variableFrameRate);
        o.insert(QStringLiteral("pix_fmt"), pixelFormat);
        o.insert(QStringLiteral("bit_depth"), bitDepth);
        o.insert(QStringLiteral("field_order"), fieldOrder);
        o.insert(QStringLiteral("attached_pic"), attachedPicture);
    } else if (type == u"audio") {
        o.insert(QStringLiteral("sample_rate"), sampleRate);
        o.insert(QStringLiteral("channels"), channels);
        o.insert(QStringLiteral("channel_layout"), channelLayout);
        o.insert(QStringLiteral("sample_fmt"), sampleFormat);
    }
    return o;
}

StreamInfo StreamInfo::fromJson(const QJsonObject &o)
{
    StreamInfo s;
    s.index = o.value(u"index").toInt(-1);
    s.type = o.value(u"type").toString();
    s.codec = o.value(u"codec").toString();
    s.codecLong = o.value(u"codec_long").toString();
    s.profile = o.value(u"profile").toString();
    s.bitrateBps = o.value(u"bitrate_bps").toInteger();
    s.durationSeconds = o.value(u"duration_s").toDouble();
    s.language = o.value(u"language").toString();
    s.isDefault = o.value(u"default").toBool();

    s.width = o.value(u"width").toInt();
    s.height = o.value(u"height").toInt();
    parseRatio(o.value(u"sar"), s.sarNum, s.sarDen);
    parseRatio(o.value(u"dar"), s.darNum, s.darDen);
    parseRatio(o.value(u"frame_rate"), s.frameRateNum, s.frameRateDen);
    s.variableFrameRate = o.value(u"vfr").toBool();
    s.pixelFormat = o.value(u"pix_fmt").toString();
    s.bitDepth = o.value(u"bit_depth").toInt();
    s.fieldOrder = o.value(u"field_order").toString();
    s.attachedPicture = o.value(u"attached_pic").toBool();

    s.sampleRate = o.value(u"sample_rate").toInt();
    s.channels = o.value(u"channels").toInt();
    s.channelLayout = o.value(u"channel_layout").toString();
    s.sampleFormat = o.value(u"sample_fmt").toString();
    return s;
}

bool ProbeResult::hasFatal() const
{
    return std::any_of(problems.cbegin(), problems.cend(),
                       [](const ProbeProblem &p) { return p.severity == Severity::Fatal; });
}

Error ProbeResult::rejection() const
{
    QStringList reasons;
    QString code;
    for (const ProbeProblem &p : problems) {
        if (p.severity != Severity::Fatal) continue;
        reasons << p.message;
        if (code.isEmpty()) code = QStringLiteral("ingest.") + p.code;
    }
    if (code.isEmpty()) return {};
    return makeError(code, reasons.join(QStringLiteral("; ")), path);
}

bool ProbeResult::hasProblem(const QString &code) const
{
    return std::any_of(problems.cbegin(), problems.cend(),
                       [&](const ProbeProblem &p) { return p.code == code; });
}

const StreamInfo *ProbeResult::bestVideo() const
{
    const StreamInfo *best = nullptr;
    for (const StreamInfo &s : streams) {
        if (s.type != u"video" || s.attachedPicture) continue;
        if (!best || qint64(s.width) * s.height > qint64(best->width) * best->height) best = &s;
    }
    return best;
}

const StreamInfo *ProbeResult::bestAudio() const
{
    const StreamInfo *best = nullptr;
    for (const StreamInfo &s : streams) {
        if (s.type != u"audio") continue;
        if (!best || s.channels > best->channels) best = &s;
    }
    return best;
}

int ProbeResult::subtitleCount() const
{
    return int(std::count_if(streams.cbegin(), streams.cend(),
                             [](const StreamInfo &s) { return s.type == u"subtitle"; }));
}

QJsonObject ProbeResult::toJson() const
{
    QJsonArray streamArray;
    for (const StreamInfo &s : streams) streamArray.append(s.toJson());
    QJsonArray problemArray;
    for (const ProbeProblem &p : problems) problemArray.append(p.toJson());
    return {{QStringLiteral("schema"), QLatin1String(kSchema)},
            {QStringLiteral("path"), path},
            {QStringLiteral("container"), container},
            {QStringLiteral("container_long"), containerLong},
            {QStringLiteral("duration_s"), durationSeconds},
            {QStringLiteral("bitrate_bps"), bitrateBps},
            {QStringLiteral("size_bytes"), sizeBytes},
            {QStringLiteral("sha256"), sha256},
            {QStringLiteral("start_s"), startSeconds},
            {QStringLiteral("streams"), streamArray},
            {QStringLiteral("problems"), problemArray}};
}

Result<ProbeResult> ProbeResult::fromJson(const QJsonObject &o)
{
    const QString schema = o.value(u"schema").toString();
    if (schema != QLatin1String(kSchema))
        return schemaError(QStringLiteral("Unsupported probe schema '%1'; expected '%2'.")
                               .arg(schema, QLatin1String(kSchema)),
                           QStringLiteral("schema"));
    if (!o.value(u"path").isString())
        return schemaError(QStringLiteral("The probe result has no path."), QStringLiteral("path"));
    if (!o.value(u"streams").isArray() || !o.value(u"problems").isArray())
        return schemaError(QStringLiteral("The probe result needs 'streams' and 'problems' arrays."),
                           QStringLiteral("streams"));

    ProbeResult r;
    r.path = o.value(u"path").toString();
    r.container = o.value(u"container").toString();
    r.containerLong = o.value(u"container_long").toString();
    r.durationSeconds = o.value(u"duration_s").toDouble();
    r.bitrateBps = o.value(u"bitrate_bps").toInteger();
    r.sizeBytes = o.value(u"size_bytes").toInteger();
    r.sha256 = o.value(u"sha256").toString();
    r.startSeconds = o.value(u"start_s").toDouble();

    const QJsonArray streamArray = o.value(u"streams").toArray();
    for (qsizetype i = 0; i < streamArray.size(); ++i) {
        if (!streamArray.at(i).isObject())
            return schemaError(QStringLiteral("Each stream must be a JSON object."),
                               QStringLiteral("streams[%1]").arg(i));
        r.streams.append(StreamInfo::fromJson(streamArray.at(i).toObject()));
    }
    const QJsonArray problemArray = o.value(u"problems").toArray();
    for (qsizetype i = 0; i < problemArray.size(); ++i) {
        const ProbeProblem p = ProbeProblem::fromJson(problemArray.at(i).toObject());
        if (p.code.isEmpty() || p.severity == Severity::Invalid)
            return schemaError(QStringLiteral("Each problem needs a code and a severity of "
                                              "'warning' or 'fatal'."),
                               QStringLiteral("problems[%1]").arg(i));
        r.problems.append(p);
    }
    return r;
}

} // namespace rendition
