// Reading a preset from JSON and checking every rule in the same pass. Each field is
// type-checked, range-checked and copied into the Preset; problems are collected with
// their JSON path ("ladder[2].height") and reading continues, so one run reports all
// of them. Cross-field rules (references, uniqueness, naming collisions) run last.

#include "model/Preset.h"

#include <QHash>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <climits>
#include <cmath>

namespace rendition {

namespace {

enum class Presence { Invalid = 0, Optional, Required };
enum class Read { Invalid = 0, Absent, Rejected, Ok };

struct IntRange {
    qint64 min = INT_MIN;
    qint64 max = INT_MAX;
};

constexpr IntRange kAnyInt{};
constexpr IntRange kBitrateKbps{16, 200000};
constexpr double kMaxExactDouble = 9007199254740992.0; // 2^53

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// Reads the fields of one JSON object with type checks. Every key asked for is
// remembered; when the reader goes out of scope the remaining keys are reported as
// "unknown field". Issues go to the list given at construction.
class ObjectReader {
public:
    ObjectReader(const QJsonObject &object, QString path, QList<PresetIssue> &issues)
        : m_object(object), m_path(std::move(path)), m_issues(issues)
    {
    }
    ~ObjectReader() { reportUnknownFields(); }
    ObjectReader(const ObjectReader &) = delete;
    ObjectReader &operator=(const ObjectReader &) = delete;

    QString pathOf(const QString &key) const
    {
        return key.isEmpty() ? m_path : m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
    }
    bool has(const QString &key) const { return m_object.contains(key); }
    void fail(const QString &key, const QString &message) { m_issues.append({pathOf(key), message}); }

    // Marks `key` as known; reports "is required" when it is absent and required.
    bool take(const QString &key, Presence presence)
    {
        m_known.insert(key);
        if (m_object.contains(key))
            return true;
        if (presence == Presence::Required)
            fail(key, QStringLiteral("is required"));
        return false;
    }

    Read readString(const QString &key, QString &out, Presence presence = Presence::Optional)
    {
        if (!take(key, presence))
            return Read::Absent;
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            return reject(key, QStringLiteral("must be a string"));
        out = v.toString();
        return Read::Ok;
    }

    Read readBool(const QString &key, bool &out)
    {
        if (!take(key, Presence::Optional))
            return Read::Absent;
        const QJsonValue v = m_object.value(key);
        if (!v.isBool())
            return reject(key, QStringLiteral("must be true or false"));
        out = v.toBool();
        return Read::Ok;
    }

    // JSON numbers are doubles: an integer is one without a fraction (4.0 is fine, 4.5 is not).
    Read readInt(const QString &key, int &out, IntRange range, Presence presence = Presence::Optional)
    {
        if (!take(key, presence))
            return Read::Absent;
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        if (!v.isDouble() || std::trunc(d) != d || std::abs(d) > kMaxExactDouble)
            return reject(key, QStringLiteral("must be an integer"));
        if (d < double(range.min) || d > double(range.max))
            return reject(key, QStringLiteral("must be between %1 and %2").arg(range.min).arg(range.max));
        out = int(d);
        return Read::Ok;
    }

    Read readNumber(const QString &key, double &out, double min, double max)
    {
        if (!take(key, Presence::Optional))
            return Read::Absent;
        const QJsonValue v = m_object.value(key);
        if (!v.isDouble())
            return reject(key, QStringLiteral("must be a number"));
        if (v.toDouble() < min || v.toDouble() > max)
            return reject(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
        out = v.toDouble();
        return Read::Ok;
    }

    Read readObject(const QString &key, QJsonObject &out, Presence presence = Presence::Optional)
    {
        if (!take(key, presence))
            return Read::Absent;
        if (!m_object.value(key).isObject())
            return reject(key, QStringLiteral("must be an object"));
        out = m_object.value(key).toObject();
        return Read::Ok;
    }

    Read readArray(const QString &key, QJsonArray &out, Presence presence = Presence::Optional)
    {
        if (!take(key, presence))
            return Read::Absent;
        if (!m_object.value(key).isArray())
            return reject(key, QStringLiteral("must be an array"));
        out = m_object.value(key).toArray();
        return Read::Ok;
    }

    // `choices` is the human list of names, e.g. "h264, hevc or av1".
    template <typename Enum>
    Read readEnum(const QString &key, Enum &out, Enum (*fromName)(const QString &), const char *choices,
                  Presence presence = Presence::Optional)
    {
        QString name;
        const Read read = readString(key, name, presence);
        if (read != Read::Ok)
            return read;
        const Enum value = fromName(name);
        if (value == Enum::Invalid) {
            return reject(key, QStringLiteral("must be one of %1 (got \"%2\")")
                                   .arg(QLatin1String(choices), name));
        }
        out = value;
        return Read::Ok;
    }

private:
    Read reject(const QString &key, const QString &message)
    {
        fail(key, message);
        return Read::Rejected;
    }

    void reportUnknownFields()
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (m_known.contains(it.key()))
                continue;
            QString message = QStringLiteral("unknown field");
            QString closest;
            int best = 3; // suggest only near misses
            for (const QString &known : std::as_const(m_known)) {
                // A truncated key ("bitrat" for "bitrate_kbps") counts as a near miss.
                const bool prefix = it.key().size() >= 3 && known.startsWith(it.key());
                const int d = prefix ? 2 : editDistance(it.key(), known);
                if (d < best || (d == best && !closest.isEmpty() && known < closest)) {
                    best = d;
                    closest = known;
                }
            }
            if (!closest.isEmpty())
                message += QStringLiteral(" (did you mean \"%1\"?)").arg(closest);
            fail(it.key(), message);
        }
    }

    const QJsonObject &m_object;
    QString m_path;
    QList<PresetIssue> &m_issues;
    QSet<QString> m_known;
};

QString indexed(const QString &arrayPath, qsizetype i)
{
    return QStringLiteral("%1[%2]").arg(arrayPath).arg(i);
}

// ---- names and templates ------------------------------------------------------------

void checkPresetName(ObjectReader &r, const QString &name)
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
void checkFolderName(ObjectReader &r, const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    else if (!re.match(name).hasMatch())
        r.fail(QStringLiteral("name"),
               QStringLiteral("must use only letters, digits, '_' and '-' (it becomes a folder name)"));
}

// A naming template is one folder name with {token}s; returns whether it is usable.
bool checkTemplate(ObjectReader &r, const QString &key, const QString &text, const QStringList &tokens)
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

IntRange crfRange(VideoCodec codec)
{
    return codec == VideoCodec::Av1 ? IntRange{0, 63} : IntRange{0, 51};
}

Read readDimension(ObjectReader &r, const QString &key, int &out)
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

// Reads `key` when `mode` uses it; otherwise reports it (if present) as meaningless.
bool fieldUsed(ObjectReader &r, const QString &key, RateControlMode mode, bool used, const QString &hint = {})
{
    if (used || mode == RateControlMode::Invalid)
        return true;
    if (r.take(key, Presence::Optional)) {
        r.fail(key, QStringLiteral("is not used by mode %1; remove it%2")
                        .arg(rateControlName(mode), hint.isEmpty() ? QString() : QStringLiteral(" or ") + hint));
    }
    return false;
}

void requireForMode(ObjectReader &r, const QString &key, RateControlMode mode)
{
    if (!r.has(key))
        r.fail(key, QStringLiteral("is required for mode %1").arg(rateControlName(mode)));
}

void readRateControl(ObjectReader &rung, VideoCodec codec, RateControl &rc, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (rung.readObject(QStringLiteral("rate_control"), object, Presence::Required) != Read::Ok)
        return;
    ObjectReader r(object, rung.pathOf(QStringLiteral("rate_control")), issues);
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

void checkProfile(ObjectReader &r, VideoCodec codec, const QString &profile)
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
void checkLevel(ObjectReader &r, VideoCodec codec, const QString &level)
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
void checkSpeed(ObjectReader &r, VideoCodec codec, const QString &speed)
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
void checkEncoder(ObjectReader &r, VideoCodec codec, const QString &encoder)
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

void readRung(const QJsonObject &object, const QString &path, Rung &rung, QList<PresetIssue> &issues)
{
    ObjectReader r(object, path, issues);
    if (r.readString(QStringLiteral("name"), rung.name, Presence::Required) == Read::Ok)
        checkFolderName(r, rung.name);
    r.readEnum(QStringLiteral("codec"), rung.codec, videoCodecFromName, "h264, hevc or av1", Presence::Required);
    // A size is missing when neither dimension was given as a non-zero value (bad values
    // are reported on their own).
    const Read width = readDimension(r, QStringLiteral("width"), rung.width);
    const Read height = readDimension(r, QStringLiteral("height"), rung.height);
    const bool noWidth = width == Read::Absent || (width == Read::Ok && rung.width == 0);
    const bool noHeight = height == Read::Absent || (height == Read::Ok && rung.height == 0);
    if (noWidth && noHeight)
        r.fail(QString(), QStringLiteral("needs a width or a height (0 or absent means derived from the source)"));
    r.readBool(QStringLiteral("keep_aspect"), rung.keepAspect);
    readRateControl(r, rung.codec, rung.rateControl, issues);
    if (r.readString(QStringLiteral("profile"), rung.profile) == Read::Ok)
        checkProfile(r, rung.codec, rung.profile);
    if (r.readString(QStringLiteral("level"), rung.level) == Read::Ok)
        checkLevel(r, rung.codec, rung.level);
    if (r.readString(QStringLiteral("speed"), rung.speed) == Read::Ok)
        checkSpeed(r, rung.codec, rung.speed);
    if (r.readString(QStringLiteral("encoder"), rung.encoder) == Read::Ok)
        checkEncoder(r, rung.codec, rung.encoder);
    r.readString(QStringLiteral("audio"), rung.audio);
}

// ---- audio, gop, packaging, naming ------------------------------------------------------

void readAudioRendition(const QJsonObject &object, const QString &path, AudioRendition &a,
                        QList<PresetIssue> &issues)
{
    static const QList<int> kSampleRates{8000,  11025, 12000, 16000, 22050, 24000,
                                         32000, 44100, 48000, 64000, 88200, 96000};
    static const QList<int> kOpusRates{8000, 12000, 16000, 24000, 48000};
    static const QRegularExpression languageRe(QStringLiteral("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"));
    ObjectReader r(object, path, issues);
    if (r.readString(QStringLiteral("name"), a.name, Presence::Required) == Read::Ok)
        checkFolderName(r, a.name);
    r.readEnum(QStringLiteral("codec"), a.codec, audioCodecFromName, "aac or opus", Presence::Required);

    const IntRange bitrate = a.codec == AudioCodec::Aac    ? IntRange{16, 512}
                             : a.codec == AudioCodec::Opus ? IntRange{16, 510}
                                                           : kBitrateKbps;
    if (r.readInt(QStringLiteral("bitrate_kbps"), a.bitrateKbps, kAnyInt, Presence::Required) == Read::Ok
        && (a.bitrateKbps < bitrate.min || a.bitrateKbps > bitrate.max)) {
        r.fail(QStringLiteral("bitrate_kbps"), QStringLiteral("must be between %1 and %2 for %3")
                                                   .arg(bitrate.min).arg(bitrate.max).arg(audioCodecName(a.codec)));
    }
    if (r.readInt(QStringLiteral("channels"), a.channels, kAnyInt) == Read::Ok && a.channels != 1
        && a.channels != 2 && a.channels != 6) {
        r.fail(QStringLiteral("channels"), QStringLiteral("must be 1 (mono), 2 (stereo) or 6 (5.1)"));
    }
    if (r.readInt(QStringLiteral("sample_rate"), a.sampleRate, kAnyInt) == Read::Ok) {
        const auto key = QStringLiteral("sample_rate");
        if (!kSampleRates.contains(a.sampleRate))
            r.fail(key, QStringLiteral("must be a standard rate from 8000 to 96000 Hz, such as 44100 or 48000"));
        else if (a.codec == AudioCodec::Opus && !kOpusRates.contains(a.sampleRate))
            r.fail(key, QStringLiteral("must be 8000, 12000, 16000, 24000 or 48000 for opus"));
    }
    if (r.readString(QStringLiteral("language"), a.language) == Read::Ok && !a.language.isEmpty()
        && !languageRe.match(a.language).hasMatch()) {
        r.fail(QStringLiteral("language"),
               QStringLiteral("must be a language tag such as \"en\" or \"pt-BR\", or empty"));
    }
}

void readGop(ObjectReader &top, GopPolicy &gop, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("gop"), object) != Read::Ok)
        return;
    ObjectReader r(object, QStringLiteral("gop"), issues);
    r.readInt(QStringLiteral("keyframes_per_segment"), gop.keyframesPerSegment, {1, 10});
    r.readBool(QStringLiteral("scene_cut"), gop.sceneCut);
    r.readInt(QStringLiteral("b_frames"), gop.bFrames, {0, 16});
}

void readPackaging(ObjectReader &top, Packaging &p, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("packaging"), object) != Read::Ok)
        return;
    ObjectReader r(object, QStringLiteral("packaging"), issues);
    r.readNumber(QStringLiteral("segment_duration_s"), p.segmentDurationSeconds, 1, 30);
    const Read hls = r.readBool(QStringLiteral("hls"), p.hls);
    const Read dash = r.readBool(QStringLiteral("dash"), p.dash);
    r.readEnum(QStringLiteral("hls_segment_format"), p.hlsSegmentFormat, hlsSegmentFormatFromName, "fmp4 or mpegts");
    const Read mp4 = r.readBool(QStringLiteral("progressive_mp4"), p.progressiveMp4);
    const bool typesOk = hls != Read::Rejected && dash != Read::Rejected && mp4 != Read::Rejected;
    if (typesOk && !p.hls && !p.dash && !p.progressiveMp4)
        r.fail(QString(), QStringLiteral("produces nothing; set at least one of hls, dash or progressive_mp4 to true"));
    if (hls == Read::Ok && !p.hls && p.hlsSegmentFormat == HlsSegmentFormat::MpegTs)
        r.fail(QStringLiteral("hls_segment_format"),
               QStringLiteral("mpegts is only used by HLS; set hls to true or use fmp4"));
}

void readNaming(ObjectReader &top, Naming &n, QList<PresetIssue> &issues, bool *renditionOk)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("naming"), object) != Read::Ok)
        return;
    ObjectReader r(object, QStringLiteral("naming"), issues);
    const auto asset = QStringLiteral("asset"), rendition = QStringLiteral("rendition");
    if (r.readString(asset, n.asset) == Read::Ok
        && checkTemplate(r, asset, n.asset, {QStringLiteral("stem"), QStringLiteral("preset")})
        && !n.asset.contains(QLatin1String("{stem}"))) {
        r.fail(asset, QStringLiteral("must contain {stem} so that every input gets its own folder"));
    }
    const Read read = r.readString(rendition, n.rendition);
    *renditionOk = read != Read::Rejected
                   && (read == Read::Absent
                       || checkTemplate(r, rendition, n.rendition,
                                        {QStringLiteral("name"), QStringLiteral("width"), QStringLiteral("height"),
                                         QStringLiteral("codec")}));
}

// ---- whole document ---------------------------------------------------------------------

template <typename T>
void readArrayOf(ObjectReader &top, const QString &key, Presence presence, QList<T> &out, QList<PresetIssue> &issues,
                 void (*readOne)(const QJsonObject &, const QString &, T &, QList<PresetIssue> &))
{
    QJsonArray array;
    if (top.readArray(key, array, presence) != Read::Ok)
        return;
    if (array.isEmpty() && presence == Presence::Required)
        top.fail(key, QStringLiteral("must not be empty"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        out.append(T{}); // keep indices aligned with the JSON even for bad elements
        if (!array.at(i).isObject())
            issues.append({indexed(key, i), QStringLiteral("must be an object")});
        else
            readOne(array.at(i).toObject(), indexed(key, i), out.last(), issues);
    }
}

// Names must be unique within a list, and rungs and audio renditions share the folder namespace.
void checkUniqueNames(const Preset &p, QList<PresetIssue> &issues)
{
    QHash<QString, QString> firstPath;
    auto check = [&](const QString &name, const QString &path) {
        if (name.isEmpty())
            return;
        if (firstPath.contains(name))
            issues.append({path + QStringLiteral(".name"), QStringLiteral("\"%1\" is already used by %2")
                                                                .arg(name, firstPath.value(name))});
        else
            firstPath.insert(name, path);
    };
    for (qsizetype i = 0; i < p.ladder.size(); ++i)
        check(p.ladder.at(i).name, indexed(QStringLiteral("ladder"), i));
    for (qsizetype i = 0; i < p.audio.size(); ++i)
        check(p.audio.at(i).name, indexed(QStringLiteral("audio"), i));
}

void checkCrossReferences(const Preset &p, bool renditionTemplateOk, QList<PresetIssue> &issues)
{
    checkUniqueNames(p, issues);
    QHash<QString, qsizetype> folders;
    const bool mpegts = p.packaging.hls && p.packaging.hlsSegmentFormat == HlsSegmentFormat::MpegTs;
    for (qsizetype i = 0; i < p.ladder.size(); ++i) {
        const Rung &rung = p.ladder.at(i);
        const QString path = indexed(QStringLiteral("ladder"), i);
        if (!rung.audio.isEmpty() && !p.audioNamed(rung.audio)) {
            issues.append({path + QStringLiteral(".audio"),
                           QStringLiteral("no audio rendition is named \"%1\"").arg(rung.audio)});
        }
        if (rung.codec == VideoCodec::Av1 && mpegts)
            issues.append({QStringLiteral("packaging.hls_segment_format"),
                           QStringLiteral("mpegts cannot carry av1 (%1); use fmp4").arg(path)});
        QString folder = p.naming.rendition;
        folder.replace(QLatin1String("{name}"), rung.name)
            .replace(QLatin1String("{width}"), QString::number(rung.width))
            .replace(QLatin1String("{height}"), QString::number(rung.height))
            .replace(QLatin1String("{codec}"), videoCodecName(rung.codec));
        if (renditionTemplateOk && folders.contains(folder)) {
            issues.append({QStringLiteral("naming.rendition"),
                           QStringLiteral("gives ladder[%1] and %2 the same folder \"%3\"; add {name}")
                               .arg(folders.value(folder)).arg(path, folder)});
        }
        folders.insert(folder, i);
    }
}

Preset readPreset(const QJsonObject &json, QList<PresetIssue> &issues)
{
    Preset p;
    bool renditionTemplateOk = true;
    {
        ObjectReader r(json, QString(), issues);
        QString schema;
        if (r.readString(QStringLiteral("schema"), schema, Presence::Required) == Read::Ok
            && schema != QLatin1String(kPresetSchema)) {
            r.fail(QStringLiteral("schema"), QStringLiteral("must be \"%1\" (got \"%2\")")
                                                 .arg(QLatin1String(kPresetSchema), schema));
        }
        if (r.readString(QStringLiteral("name"), p.name, Presence::Required) == Read::Ok)
            checkPresetName(r, p.name);
        r.readString(QStringLiteral("description"), p.description);
        r.readInt(QStringLiteral("version"), p.version, {1, INT_MAX});
        r.readEnum(QStringLiteral("deinterlace"), p.deinterlace, deinterlaceFromName, "auto, off or on");
        readGop(r, p.gop, issues);
        readArrayOf<Rung>(r, QStringLiteral("ladder"), Presence::Required, p.ladder, issues, readRung);
        readArrayOf<AudioRendition>(r, QStringLiteral("audio"), Presence::Optional, p.audio, issues,
                                    readAudioRendition);
        readPackaging(r, p.packaging, issues);
        readNaming(r, p.naming, issues, &renditionTemplateOk);
    } // unknown top-level fields are reported here
    checkCrossReferences(p, renditionTemplateOk, issues);
    return p;
}

} // namespace

QList<PresetIssue> validatePreset(const QJsonObject &json)
{
    QList<PresetIssue> issues;
    readPreset(json, issues);
    return issues;
}

Result<Preset> parsePreset(const QJsonObject &json, QList<PresetIssue> *issues)
{
    QList<PresetIssue> found;
    Preset preset = readPreset(json, found);
    if (issues)
        *issues = found;
    if (found.isEmpty())
        return preset;
    QStringList lines;
    for (const PresetIssue &issue : std::as_const(found))
        lines.append(issue.toString());
    return makeError(QStringLiteral("preset.invalid"), lines.join(QLatin1Char('\n')));
}

} // namespace rendition
