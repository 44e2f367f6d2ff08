#include "model/PresetSections.h"

#include <QJsonArray>

namespace rendition {

QString truePeakPolicyName(TruePeakPolicy p)
{
    switch (p) {
    case TruePeakPolicy::Limit: return QStringLiteral("limit");
    case TruePeakPolicy::ReduceGain: return QStringLiteral("reduce_gain");
    case TruePeakPolicy::Invalid: break;
    }
    return {};
}

TruePeakPolicy truePeakPolicyFromName(const QString &s)
{
    if (s == u"limit") return TruePeakPolicy::Limit;
    if (s == u"reduce_gain") return TruePeakPolicy::ReduceGain;
    return TruePeakPolicy::Invalid;
}

namespace detail {

void readLoudness(PresetReader &top, LoudnessPolicy &out, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("loudness"), object) != Read::Ok) return;
    PresetReader r(object, QStringLiteral("loudness"), issues);
    r.readBool(QStringLiteral("enabled"), out.enabled);
    r.readNumber(QStringLiteral("target_lufs"), out.targetLufs, -70, -5);
    r.readNumber(QStringLiteral("true_peak_dbtp"), out.truePeakDbtp, -12, 0);
    r.readEnum(QStringLiteral("over_ceiling"), out.overCeiling, truePeakPolicyFromName, "limit or reduce_gain");
}

void readThumbnails(PresetReader &top, ThumbnailPolicy &out, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("thumbnails"), object) != Read::Ok) return;
    PresetReader r(object, QStringLiteral("thumbnails"), issues);
    r.readBool(QStringLiteral("enabled"), out.enabled);
    r.readNumber(QStringLiteral("interval_s"), out.intervalSeconds, 0.5, 600);
    if (r.readInt(QStringLiteral("tile_width"), out.tileWidth, {16, 1920}) == Read::Ok && out.tileWidth % 2)
        r.fail(QStringLiteral("tile_width"), QStringLiteral("must be even"));
    if (r.readInt(QStringLiteral("tile_height"), out.tileHeight, {16, 1080}) == Read::Ok && out.tileHeight % 2)
        r.fail(QStringLiteral("tile_height"), QStringLiteral("must be even"));
    r.readInt(QStringLiteral("columns"), out.columns, {1, 50});
    r.readInt(QStringLiteral("rows"), out.rows, {1, 50});
    r.readInt(QStringLiteral("jpeg_quality"), out.jpegQuality, {1, 100});
    if (qint64(out.tileWidth) * out.columns > 16384 || qint64(out.tileHeight) * out.rows > 16384)
        r.fail(QString(), QStringLiteral("a sprite sheet would be larger than 16384 pixels on a side; use fewer columns or rows"));
}

namespace {

void readRule(const QJsonObject &object, const QString &path, QcRule &rule, QList<PresetIssue> &issues)
{
    PresetReader r(object, path, issues);
    QString check;
    if (r.readString(QStringLiteral("check"), check, Presence::Required) == Read::Ok) {
        if (qcCheckNames().contains(check)) rule.check = check;
        else r.fail(QStringLiteral("check"), QStringLiteral("must be one of %1 (got \"%2\")").arg(qcCheckNames().join(QStringLiteral(", ")), check));
    }
    r.readNumber(QStringLiteral("threshold"), rule.threshold, -1000, 1000000);
    r.readNumber(QStringLiteral("min_duration_s"), rule.minDurationSeconds, 0, 3600);
    r.readEnum(QStringLiteral("severity"), rule.severity, qcSeverityFromName, "warn or fail", Presence::Required);
    using namespace qccheck;
    if (rule.check == QLatin1String(Black) && (rule.threshold < 0 || rule.threshold > 1))
        r.fail(QStringLiteral("threshold"), QStringLiteral("is the black pixel level and must be between 0 and 1"));
    if ((rule.check == QLatin1String(Freeze) || rule.check == QLatin1String(Silence)) && rule.threshold > 0)
        r.fail(QStringLiteral("threshold"), QStringLiteral("is a level in dB and must be 0 or below"));
    if (rule.check == QLatin1String(Ssim) && (rule.threshold < 0 || rule.threshold > 1))
        r.fail(QStringLiteral("threshold"), QStringLiteral("is an SSIM and must be between 0 and 1"));
}

} // namespace

void readQc(PresetReader &top, QcPolicy &out, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("qc"), object) != Read::Ok) return;
    PresetReader r(object, QStringLiteral("qc"), issues);
    r.readBool(QStringLiteral("enabled"), out.enabled);
    if (r.has(QStringLiteral("rules"))) {
        out.rules.clear();
        readArrayOf<QcRule>(r, QStringLiteral("rules"), Presence::Optional, out.rules, issues, readRule);
    }
}

QJsonObject loudnessToJson(const LoudnessPolicy &p)
{
    return {{QStringLiteral("enabled"), p.enabled},
            {QStringLiteral("target_lufs"), p.targetLufs},
            {QStringLiteral("true_peak_dbtp"), p.truePeakDbtp},
            {QStringLiteral("over_ceiling"), truePeakPolicyName(p.overCeiling)}};
}

QJsonObject thumbnailsToJson(const ThumbnailPolicy &p)
{
    return {{QStringLiteral("enabled"), p.enabled},         {QStringLiteral("interval_s"), p.intervalSeconds},
            {QStringLiteral("tile_width"), p.tileWidth},    {QStringLiteral("tile_height"), p.tileHeight},
            {QStringLiteral("columns"), p.columns},         {QStringLiteral("rows"), p.rows},
            {QStringLiteral("jpeg_quality"), p.jpegQuality}};
}

QJsonObject qcToJson(const QcPolicy &p)
{
    QJsonArray rules;
    for (const QcRule &r : p.rules) rules.append(r.toJson());
    return {{QStringLiteral("enabled"), p.enabled}, {QStringLiteral("rules"), rules}};
}

} // namespace detail
} // namespace rendition
