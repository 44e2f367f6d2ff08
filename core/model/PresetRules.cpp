// Rules for single preset fields; see PresetRules.h.

#include "core/model/PresetRules.h"

#include <QHash>
#include <QRegularExpression>

namespace rendition::detail {

namespace {

IntRange crfRange(VideoCodec codec)
{
    return codec == VideoCodec::Av1 ? IntRange{0, 63} : IntRange{0, 51};
}

// Reads `key` when `mode` uses it; otherwise reports it (if present) as meaningless.
bool fieldUsed(PresetReader &r, const QString &key, RateControlMode mode, bool used, const QString &hint = {})
{
    if (used || mode == RateControlMode::Invalid)
        return true;
    if (r.take(key, Presence::Optional)) {
        r.fail(key, QStringLiteral("is not used by mode %1; remove it%2")
                        .arg(rateControlName(mode), hint.isEmpty() ? QString() : QStringLiteral(" or ") + hint));
    }
    return false;
}

void requireForMode(PresetReader &r, const QString &key, RateControlMode mode)
{
    if (!r.has(key))
        r.fail(key, QStringLiteral("is required for mode %1").arg(rateControlName(mode)));
}

} // namespace

// ---- names and templates ------------------------------------------------------------

void checkPresetName(PresetReader &r, const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    else if (!re.match(name).hasMatch())
        r.fail(QStringLiteral("name"), QStringLiteral("must use only letters, digits, '_', '.' and '-'"));
    else if (name == u"." || name == u"..")
        r.fail(QStringLiteral("name"), QStringLiteral("must not be '.' or '..'"));
}

// Rung and audio names become folder names.
void checkFolderName(PresetReader &r, const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    else if (!re.match(name).hasMatch())
        r.fail(QStringLiteral("name"),
               QStringLiteral("must use only letters, digits, '_' and '-' (it becomes a folder name)"));
}

// A naming template is one folder name with {token}s; returns whether it is usable.
bool checkTemplate(PresetReader &r, const QString &key, const QString &text, const QStringList &tokens)
{
    const QString allowed = QLatin1Char('{') + tokens.join(QStringLiteral("} {")) + QLatin1Char('}');
    if (text.isEmpty()) {
        r.fail(key, QStringLiteral("must not be empty"));
        return false;
    }
    if (text.contains(QLatin1Char('/')) || text.contains(QLatin1Char('\\'))) {
        r.fail(key, QStringLiteral("must not contain '/' or '\\' (it names one folder)"));
        return false;
    }
    if (text.contains(QLatin1String("..")) || text == u".") {
        r.fail(key, QStringLiteral("must not contain '..' or be '.'"));
        return false;
    }
    static const QRegularExpression tokenRe(QStringLiteral("\\{([^{}]*)\\}"));
    bool ok = true;
    for (const QRegularExpressionMatch &m : tokenRe.globalMatch(text)) {
        if (!tokens.contains(m.captured(1))) {
            r.fail(key, QStringLiteral("unknown token %1; use %2").arg(m.captured(0), allowed));
            ok = false;
        }
    }
    QString rest = text;
    rest.remove(tokenRe);
    if (rest.contains(QLatin1Char('{')) || rest.contains(QLatin1Char('}'))) {
        r.fail(key, QStringLiteral("has an unmatched '{' or '}'"));
        ok = false;
    }
    return ok;
}

// ---- rung fields ----------------------------------------------------------------------

Read readDimension(PresetReader &r, const QString &key, int &out)
{
    int v = 0;
    const Read read = r.readInt(key, v, kAnyInt);
    if (read != Read::Ok)
        return read;
    if (v != 0 && (v < 16 || v > 8192))
        r.fail(key, QStringLiteral("must be 0 (derived from the source) or between 16 and 8192"));
    else if (v % 2 != 0)
        r.fail(key, QStringLiteral("must be even"));
    else
        out = v;
    return out == v ? Read::Ok : Read::Rejected;
}

void readRateControl(PresetReader &rung, VideoCodec codec, RateControl &rc, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (rung.readObject(QStringLiteral("rate_control"), object, Presence::Required) != Read::Ok)
        return;
    PresetReader r(object, rung.pathOf(QStringLiteral("rate_control")), issues);
    const auto crf = QStringLiteral("crf"), bitrate = QStringLiteral("bitrate_kbps");
    const auto max = QStringLiteral("max_kbps"), bufsize = QStringLiteral("bufsize_kbps");
    r.readEnum(QStringLiteral("mode"), rc.mode, rateControlFromName, "crf, capped_crf, vbr or cbr",
               Presence::Required);
    const RateControlMode m = rc.mode;
    const bool usesCrf = m == RateControlMode::Crf || m == RateControlMode::CappedCrf;
    const bool usesBitrate = m == RateControlMode::Vbr || m == RateControlMode::Cbr;

    if (fieldUsed(r, crf, m, usesCrf)) {
        r.readInt(crf, rc.crf, codec == VideoCodec::Invalid ? kAnyInt : crfRange(codec));
        if (usesCrf)
            requireForMode(r, crf, m);
    }
    if (fieldUsed(r, bitrate, m, usesBitrate)) {
        r.readInt(bitrate, rc.bitrateKbps, kBitrateKbps);
        if (usesBitrate)
            requireForMode(r, bitrate, m);
    }
    // max_kbps: 0 means "no cap" (vbr) or "same as the target" (cbr).
    int maxKbps = 0;
    const bool maxRead = fieldUsed(r, max, m, m != RateControlMode::Crf, QStringLiteral("use capped_crf"))
                         && r.readInt(max, maxKbps, {0, kBitrateKbps.max}) == Read::Ok;
    if (maxRead && maxKbps != 0 && maxKbps < kBitrateKbps.min)
        r.fail(max, QStringLiteral("must be 0 (none) or between 16 and 200000"));
    else if (maxRead)
        rc.maxKbps = maxKbps;
    if (m == RateControlMode::CappedCrf && (!r.has(max) || (maxRead && maxKbps == 0)))
        r.fail(max, QStringLiteral("is required for mode capped_crf (the bitrate cap)"));
    if (rc.maxKbps != 0 && rc.bitrateKbps != 0) {
        if (m == RateControlMode::Vbr && rc.maxKbps < rc.bitrateKbps)
            r.fail(max, QStringLiteral("must be at least bitrate_kbps (%1)").arg(rc.bitrateKbps));
        if (m == RateControlMode::Cbr && rc.maxKbps != rc.bitrateKbps)
            r.fail(max, QStringLiteral("must equal bitrate_kbps (%1) for cbr, or be left out").arg(rc.bitrateKbps));
    }
    if (fieldUsed(r, bufsize, m, m != RateControlMode::Crf, QStringLiteral("use capped_crf")))
        r.readInt(bufsize, rc.bufsizeKbps, {0, INT_MAX});
}

void checkProfile(PresetReader &r, VideoCodec codec, const QString &profile)
{
    static const QHash<VideoCodec, QStringList> kProfiles{
        {VideoCodec::H264, {QStringLiteral("baseline"), QStringLiteral("main"), QStringLiteral("high"),
                            QStringLiteral("high10")}},
        {VideoCodec::Hevc, {QStringLiteral("main"), QStringLiteral("main10")}},
        {VideoCodec::Av1, {QStringLiteral("main")}}};
    const QStringList allowed = kProfiles.value(codec);
    if (!profile.isEmpty() && !allowed.isEmpty() && !allowed.contains(profile)) {
        r.fail(QStringLiteral("profile"), QStringLiteral("must be one of %1 for %2, or empty")
                                              .arg(allowed.join(QStringLiteral(", ")), videoCodecName(codec)));
    }
}

// Levels as written in specs: "4.1", "5" (= "5.0"), and H.264's "1b".
void checkLevel(PresetReader &r, VideoCodec codec, const QString &level)
{
    static const QHash<VideoCodec, QList<int>> kLevels{ // level × 10
        {VideoCodec::H264, {10, 11, 12, 13, 20, 21, 22, 30, 31, 32, 40, 41, 42, 50, 51, 52, 60, 61, 62}},
        {VideoCodec::Hevc, {10, 20, 21, 30, 31, 40, 41, 50, 51, 52, 60, 61, 62}},
        {VideoCodec::Av1, {20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43, 50, 51, 52, 53, 60, 61, 62,
                           63, 70, 71, 72, 73}}};
    if (level.isEmpty() || codec == VideoCodec::Invalid)
        return;
    static const QRegularExpression format(QStringLiteral("^([1-7])(?:\\.([0-9]))?$"));
    const QRegularExpressionMatch m = format.match(level);
    const int tenths = m.hasMatch() ? m.captured(1).toInt() * 10 + m.captured(2).toInt() : -1;
    const bool ok = kLevels.value(codec).contains(tenths) || (codec == VideoCodec::H264 && level == u"1b");
    if (!ok) {
        const QList<int> &all = kLevels.value(codec);
        r.fail(QStringLiteral("level"), QStringLiteral("must be a level for %1 from %2 to %3, like \"4.1\", or empty")
                                            .arg(videoCodecName(codec))
                                            .arg(all.first() / 10.0, 0, 'f', 1)
                                            .arg(all.last() / 10.0, 0, 'f', 1));
    }
}

// Speed is the x264/x265 preset for H.264/HEVC and the SVT-AV1 preset (0 slowest .. 13) for AV1.
void checkSpeed(PresetReader &r, VideoCodec codec, const QString &speed)
{
    static const QStringList kX264Presets{
        QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
        QStringLiteral("faster"),    QStringLiteral("fast"),      QStringLiteral("medium"),
        QStringLiteral("slow"),      QStringLiteral("slower"),    QStringLiteral("veryslow"),
        QStringLiteral("placebo")};
    if (speed.isEmpty() || codec == VideoCodec::Invalid)
        return;
    static const QRegularExpression svtPreset(QStringLiteral("^([0-9]|1[0-3])$"));
    if (codec == VideoCodec::Av1) {
        if (!svtPreset.match(speed).hasMatch()) {
            r.fail(QStringLiteral("speed"),
                   QStringLiteral("must be an SVT-AV1 preset from 0 (slowest) to 13 (fastest), or empty"));
        }
    } else if (!kX264Presets.contains(speed)) {
        r.fail(QStringLiteral("speed"), QStringLiteral("must be one of %1, or empty")
                                            .arg(kX264Presets.join(QStringLiteral(", "))));
    }
}

// "software", "auto", or an FFmpeg encoder for the rung's codec.
void checkEncoder(PresetReader &r, VideoCodec codec, const QString &encoder)
{
    struct Family {
        QStringList names;
        QString prefix;
    };
    static const QHash<VideoCodec, Family> kFamilies{
        {VideoCodec::H264, {{QStringLiteral("libx264")}, QStringLiteral("h264_")}},
        {VideoCodec::Hevc, {{QStringLiteral("libx265")}, QStringLiteral("hevc_")}},
        {VideoCodec::Av1, {{QStringLiteral("libsvtav1"), QStringLiteral("libaom-av1"), QStringLiteral("librav1e")},
                           QStringLiteral("av1_")}}};
    static const QRegularExpression nameRe(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
    const auto key = QStringLiteral("encoder");
    if (encoder == u"software" || encoder == u"auto")
        return;
    if (!nameRe.match(encoder).hasMatch()) {
        r.fail(key, QStringLiteral("must be software, auto or an FFmpeg encoder name such as libx264"));
        return;
    }
    if (codec == VideoCodec::Invalid)
        return;
    const Family &f = kFamilies[codec];
    const bool matches = f.names.contains(encoder)
                         || (encoder.startsWith(f.prefix) && encoder.size() > f.prefix.size());
    if (!matches) {
        r.fail(key, QStringLiteral("\"%1\" does not encode %2; use software, auto, %3 or %4*")
                        .arg(encoder, videoCodecName(codec), f.names.join(QStringLiteral(", ")), f.prefix));
    }
}

} // namespace rendition::detail
