#include "core/model/PresetSections.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>

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

QString drmSchemeName(DrmScheme s)
{
    switch (s) {
    case DrmScheme::None: return QStringLiteral("none");
    case DrmScheme::Cenc: return QStringLiteral("cenc");
    case DrmScheme::HlsAes128: return QStringLiteral("hls-aes128");
    case DrmScheme::Invalid: break;
    }
    return {};
}

DrmScheme drmSchemeFromName(const QString &s)
{
    if (s == u"none") return DrmScheme::None;
    if (s == u"cenc") return DrmScheme::Cenc;
    if (s == u"hls-aes128") return DrmScheme::HlsAes128;
    return DrmScheme::Invalid;
}

QString keySourceName(KeySource s)
{
    switch (s) {
    case KeySource::Generate: return QStringLiteral("generate");
    case KeySource::KeyFile: return QStringLiteral("key_file");
    case KeySource::Cpix: return QStringLiteral("cpix");
    case KeySource::Invalid: break;
    }
    return {};
}

KeySource keySourceFromName(const QString &s)
{
    if (s == u"generate") return KeySource::Generate;
    if (s == u"key_file") return KeySource::KeyFile;
    if (s == u"cpix") return KeySource::Cpix;
    return KeySource::Invalid;
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
    // The manual approval gate (core/queue/Approval.h); independent of "enabled": a preset may
    // skip the automatic checks and still want a person to sign a version off.
    r.readBool(QStringLiteral("require_approval"), out.requireApproval);
    if (r.has(QStringLiteral("rules"))) {
        out.rules.clear();
        readArrayOf<QcRule>(r, QStringLiteral("rules"), Presence::Optional, out.rules, issues, readRule);
    }
}

namespace {

inline constexpr auto kClearKey = "clearkey";
inline constexpr auto kWidevine = "widevine";
inline constexpr auto kPlayReady = "playready";

// "systems": a subset of clearkey, widevine, playready. ClearKey is always signalled, so it may be
// listed or left out; each name at most once.
void readSystems(PresetReader &r, DrmPolicy &out, QList<PresetIssue> &issues)
{
    QJsonArray array;
    const auto key = QStringLiteral("systems");
    if (r.readArray(key, array) != Read::Ok) return;
    out.widevine = false;
    out.playReady = false;
    QStringList seen;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = indexed(r.pathOf(key), i);
        if (!array.at(i).isString()) {
            issues.append({path, QStringLiteral("must be a string")});
            continue;
        }
        const QString name = array.at(i).toString();
        if (name != QLatin1String(kClearKey) && name != QLatin1String(kWidevine) && name != QLatin1String(kPlayReady)) {
            issues.append(
                {path, QStringLiteral("must be one of clearkey, widevine or playready (got \"%1\")").arg(name)});
            continue;
        }
        if (seen.contains(name)) {
            issues.append({path, QStringLiteral("\"%1\" is listed twice").arg(name)});
            continue;
        }
        seen.append(name);
        out.widevine = out.widevine || name == QLatin1String(kWidevine);
        out.playReady = out.playReady || name == QLatin1String(kPlayReady);
    }
}

// The HLS key URI: {kid} (hex KID) is its only token; it goes between quotes in EXT-X-KEY.
void checkKeyUri(PresetReader &r, const QString &uri)
{
    const auto key = QStringLiteral("key_uri");
    if (!uri.contains(QLatin1String("{kid}")))
        r.fail(key, QStringLiteral("must contain {kid} so that every key has its own URI, e.g. \"/keys/{kid}\""));
    if (std::any_of(uri.begin(), uri.end(), [](QChar c) { return c.isSpace(); }))
        r.fail(key, QStringLiteral("must not contain whitespace; percent-encode it as %20"));
    else if (uri.contains(QLatin1Char('"')) || uri.contains(QLatin1Char(',')))
        r.fail(key, QStringLiteral("must not contain '\"' or ','; percent-encode them"));
    else if (QString(uri).remove(QLatin1String("{kid}")).contains(QLatin1Char('{')))
        r.fail(key, QStringLiteral("has an unknown token; {kid} is the only one"));
}

// Rules that tie the scheme to the packaging and the ladder. Reported on drm.scheme.
void checkDrmAgainstOutputs(PresetReader &r, const Packaging &packaging, const QList<Rung> &ladder,
                            const DrmPolicy &drm)
{
    const auto scheme = QStringLiteral("scheme");
    if (drm.scheme == DrmScheme::None || drm.scheme == DrmScheme::Invalid) return;
    const QString name = drmSchemeName(drm.scheme);
    if (packaging.progressiveMp4)
        r.fail(scheme, QStringLiteral("%1 does not protect progressive MP4 files; set packaging.progressive_mp4 to "
                                      "false or scheme to none").arg(name));
    if (drm.scheme == DrmScheme::Cenc) {
        // TS-HLS next to DASH is served from CMAF, so either gives fMP4 segments.
        const bool fmp4 = packaging.dash || (packaging.hls && packaging.hlsSegmentFormat == HlsSegmentFormat::Fmp4);
        if (!fmp4 && (packaging.hls || packaging.dash))
            r.fail(scheme, QStringLiteral("cenc needs fMP4 segments; set packaging.hls_segment_format to fmp4 or "
                                          "packaging.dash to true (use hls-aes128 for MPEG-TS)"));
        for (qsizetype i = 0; i < ladder.size(); ++i) {
            if (ladder.at(i).codec == VideoCodec::Av1)
                r.fail(scheme, QStringLiteral("av1 is not supported by the CENC encryptor yet (%1); use h264 or hevc "
                                              "rungs, or set scheme to none")
                                   .arg(indexed(QStringLiteral("ladder"), i)));
        }
    } else if (drm.scheme == DrmScheme::HlsAes128) {
        if (!packaging.hls)
            r.fail(scheme, QStringLiteral("hls-aes128 encrypts HLS segments only; set packaging.hls to true"));
        if (packaging.dash)
            r.fail(scheme, QStringLiteral("hls-aes128 cannot protect DASH; set packaging.dash to false or use cenc"));
        if (packaging.hls && packaging.hlsSegmentFormat != HlsSegmentFormat::MpegTs)
            r.fail(scheme, QStringLiteral("hls-aes128 needs packaging.hls_segment_format mpegts; use cenc for fmp4"));
        if (drm.widevine || drm.playReady)
            r.fail(QStringLiteral("systems"), QStringLiteral("widevine and playready need scheme cenc; hls-aes128 "
                                                             "only has a key URI"));
    }
}

} // namespace

void readDrm(PresetReader &top, const Packaging &packaging, const QList<Rung> &ladder, DrmPolicy &out,
             QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("drm"), object) != Read::Ok) return;
    PresetReader r(object, QStringLiteral("drm"), issues);
    const Read scheme =
        r.readEnum(QStringLiteral("scheme"), out.scheme, drmSchemeFromName, "none, cenc or hls-aes128");
    const Read source =
        r.readEnum(QStringLiteral("key_source"), out.keySource, keySourceFromName, "generate, key_file or cpix");
    const auto keyFile = QStringLiteral("key_file");
    if (r.readString(keyFile, out.keyFile) != Read::Rejected && source != Read::Rejected) {
        const bool needsFile = out.keySource == KeySource::KeyFile || out.keySource == KeySource::Cpix;
        if (needsFile && out.keyFile.isEmpty())
            r.fail(keyFile, QStringLiteral("is required for key_source %1; give the path of the %2")
                                .arg(keySourceName(out.keySource),
                                     out.keySource == KeySource::Cpix ? QStringLiteral("CPIX document")
                                                                      : QStringLiteral("KID:KEY file")));
        else if (!needsFile && !out.keyFile.isEmpty())
            r.fail(keyFile, QStringLiteral("is not used by key_source generate; remove it or use key_file or cpix"));
    }
    readSystems(r, out, issues);
    const auto provider = QStringLiteral("widevine_provider"), contentId = QStringLiteral("content_id");
    if (r.readString(provider, out.widevineProvider) == Read::Ok && !out.widevineProvider.isEmpty() && !out.widevine)
        r.fail(provider, QStringLiteral("is only used with widevine in systems; add it there or remove this"));
    if (r.readString(contentId, out.contentId) == Read::Ok && !out.contentId.isEmpty() && !out.widevine)
        r.fail(contentId, QStringLiteral("is only used with widevine in systems; add it there or remove this"));
    const auto laUrl = QStringLiteral("playready_la_url");
    if (r.readString(laUrl, out.playReadyLaUrl) == Read::Ok && !out.playReadyLaUrl.isEmpty()) {
        const QUrl url(out.playReadyLaUrl, QUrl::StrictMode);
        if (!out.playReady)
            r.fail(laUrl, QStringLiteral("is only used with playready in systems; add it there or remove this"));
        else if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            r.fail(laUrl, QStringLiteral("must be an http:// or https:// URL, or empty"));
    }
    if (r.readString(QStringLiteral("key_uri"), out.keyUri) == Read::Ok)
        checkKeyUri(r, out.keyUri);
    if (scheme != Read::Rejected)
        checkDrmAgainstOutputs(r, packaging, ladder, out);
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
    QJsonObject o{{QStringLiteral("enabled"), p.enabled}, {QStringLiteral("rules"), rules}};
    // Only when set: presets without the gate keep their canonical bytes and idempotency keys.
    if (p.requireApproval) o.insert(QStringLiteral("require_approval"), true);
    return o;
}

QJsonObject drmToJson(const DrmPolicy &p)
{
    QJsonArray systems{QString::fromLatin1(kClearKey)};
    if (p.widevine) systems.append(QString::fromLatin1(kWidevine));
    if (p.playReady) systems.append(QString::fromLatin1(kPlayReady));
    return {{QStringLiteral("scheme"), drmSchemeName(p.scheme)},
            {QStringLiteral("key_source"), keySourceName(p.keySource)},
            {QStringLiteral("key_file"), p.keyFile},
            {QStringLiteral("systems"), systems},
            {QStringLiteral("widevine_provider"), p.widevineProvider},
            {QStringLiteral("content_id"), p.contentId},
            {QStringLiteral("playready_la_url"), p.playReadyLaUrl},
            {QStringLiteral("key_uri"), p.keyUri}};
}

} // namespace detail
} // namespace rendition
