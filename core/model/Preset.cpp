// Preset value type: enum names, the canonical JSON writer, and loading built-ins or
// files. Reading + validation (JSON → Preset with every issue) is in PresetValidator.cpp.

#include "core/model/Preset.h"

#include "core/model/PresetSections.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <mutex>

// Built-ins live in a static library: its resource initializer is only linked in when
// referenced, so register it explicitly. Q_INIT_RESOURCE must be used outside namespaces.
static void initPresetResources()
{
    Q_INIT_RESOURCE(presets);
}

namespace rendition {

namespace {

constexpr auto kBuiltinDir = ":/presets";

void ensureResources()
{
    static std::once_flag once;
    std::call_once(once, initPresetResources);
}

// Name tables: index = enum value; index 0 (Invalid) has no name.
template <typename Enum, size_t N>
QString nameOf(Enum value, const char *const (&names)[N])
{
    const auto i = static_cast<size_t>(value);
    return i > 0 && i < N ? QString::fromLatin1(names[i]) : QString();
}

template <typename Enum, size_t N>
Enum fromName(const QString &s, const char *const (&names)[N])
{
    for (size_t i = 1; i < N; ++i) {
        if (s == QLatin1String(names[i]))
            return static_cast<Enum>(i);
    }
    return Enum::Invalid;
}

const char *const kVideoCodecNames[] = {"", "h264", "hevc", "av1"};
const char *const kRateControlNames[] = {"", "crf", "capped_crf", "vbr", "cbr"};
const char *const kAudioCodecNames[] = {"", "aac", "opus"};
const char *const kHlsSegmentFormatNames[] = {"", "fmp4", "mpegts"};
const char *const kDeinterlaceNames[] = {"", "auto", "off", "on"};

// Which rate_control keys a mode uses. Canonical JSON writes exactly these (so presets
// that differ only in meaningless values hash the same); the validator rejects the rest.
bool modeUsesCrf(RateControlMode m) { return m == RateControlMode::Crf || m == RateControlMode::CappedCrf; }
bool modeUsesBitrate(RateControlMode m) { return m == RateControlMode::Vbr || m == RateControlMode::Cbr; }
bool modeUsesMax(RateControlMode m) { return m != RateControlMode::Crf; }

QJsonObject rateControlToJson(const RateControl &rc)
{
    QJsonObject o{{QStringLiteral("mode"), rateControlName(rc.mode)}};
    if (modeUsesCrf(rc.mode))
        o.insert(QStringLiteral("crf"), rc.crf);
    if (modeUsesBitrate(rc.mode))
        o.insert(QStringLiteral("bitrate_kbps"), rc.bitrateKbps);
    if (modeUsesMax(rc.mode)) {
        o.insert(QStringLiteral("max_kbps"), rc.maxKbps);
        o.insert(QStringLiteral("bufsize_kbps"), rc.bufsizeKbps);
    }
    return o;
}

QJsonObject rungToJson(const Rung &r)
{
    return {{QStringLiteral("name"), r.name},
            {QStringLiteral("codec"), videoCodecName(r.codec)},
            {QStringLiteral("width"), r.width},
            {QStringLiteral("height"), r.height},
            {QStringLiteral("keep_aspect"), r.keepAspect},
            {QStringLiteral("rate_control"), rateControlToJson(r.rateControl)},
            {QStringLiteral("profile"), r.profile},
            {QStringLiteral("level"), r.level},
            {QStringLiteral("speed"), r.speed},
            {QStringLiteral("encoder"), r.encoder},
            {QStringLiteral("audio"), r.audio}};
}

QJsonObject audioToJson(const AudioRendition &a)
{
    return {{QStringLiteral("name"), a.name},
            {QStringLiteral("codec"), audioCodecName(a.codec)},
            {QStringLiteral("bitrate_kbps"), a.bitrateKbps},
            {QStringLiteral("channels"), a.channels},
            {QStringLiteral("sample_rate"), a.sampleRate},
            {QStringLiteral("language"), a.language}};
}

bool looksLikePath(const QString &nameOrPath)
{
    return nameOrPath.contains(QLatin1Char('/')) || nameOrPath.endsWith(QLatin1String(".json"));
}

// Reads a preset file (or resource) and parses it; `label` names it in errors.
Result<Preset> loadPresetFile(const QString &filePath, const QString &label)
{
    QFile file(filePath);
    const bool isFile = QFileInfo(filePath).isFile();
    if (!isFile || !file.open(QIODevice::ReadOnly)) {
        const QString reason = isFile ? file.errorString() : QStringLiteral("not a regular file");
        return makeError(QStringLiteral("preset.unreadable"),
                         QStringLiteral("Cannot read the preset (%1); check that it is a readable "
                                        "JSON file.")
                             .arg(reason),
                         label);
    }
    Result<Preset> preset = parsePreset(file.readAll());
    if (!preset.ok()) {
        Error e = preset.error();
        e.context = label;
        return e;
    }
    return preset;
}

} // namespace

QString videoCodecName(VideoCodec c) { return nameOf(c, kVideoCodecNames); }
VideoCodec videoCodecFromName(const QString &s) { return fromName<VideoCodec>(s, kVideoCodecNames); }
QString rateControlName(RateControlMode m) { return nameOf(m, kRateControlNames); }
RateControlMode rateControlFromName(const QString &s) { return fromName<RateControlMode>(s, kRateControlNames); }
QString audioCodecName(AudioCodec c) { return nameOf(c, kAudioCodecNames); }
AudioCodec audioCodecFromName(const QString &s) { return fromName<AudioCodec>(s, kAudioCodecNames); }
QString hlsSegmentFormatName(HlsSegmentFormat f) { return nameOf(f, kHlsSegmentFormatNames); }
HlsSegmentFormat hlsSegmentFormatFromName(const QString &s)
{
    return fromName<HlsSegmentFormat>(s, kHlsSegmentFormatNames);
}
QString deinterlaceName(Deinterlace d) { return nameOf(d, kDeinterlaceNames); }
Deinterlace deinterlaceFromName(const QString &s) { return fromName<Deinterlace>(s, kDeinterlaceNames); }

const AudioRendition *Preset::audioNamed(const QString &name) const
{
    for (const AudioRendition &a : audio) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

QJsonObject Preset::toJson() const
{
    QJsonArray rungs;
    for (const Rung &r : ladder)
        rungs.append(rungToJson(r));
    QJsonArray audios;
    for (const AudioRendition &a : audio)
        audios.append(audioToJson(a));

    return {{QStringLiteral("schema"), QString::fromLatin1(kPresetSchema)},
            {QStringLiteral("name"), name},
            {QStringLiteral("description"), description},
            {QStringLiteral("version"), version},
            {QStringLiteral("deinterlace"), deinterlaceName(deinterlace)},
            {QStringLiteral("gop"),
             QJsonObject{{QStringLiteral("keyframes_per_segment"), gop.keyframesPerSegment},
                         {QStringLiteral("scene_cut"), gop.sceneCut},
                         {QStringLiteral("b_frames"), gop.bFrames}}},
            {QStringLiteral("ladder"), rungs},
            {QStringLiteral("audio"), audios},
            {QStringLiteral("packaging"),
             QJsonObject{{QStringLiteral("segment_duration_s"), packaging.segmentDurationSeconds},
                         {QStringLiteral("hls"), packaging.hls},
                         {QStringLiteral("dash"), packaging.dash},
                         {QStringLiteral("hls_segment_format"),
                          hlsSegmentFormatName(packaging.hlsSegmentFormat)},
                         {QStringLiteral("progressive_mp4"), packaging.progressiveMp4}}},
            {QStringLiteral("naming"),
             QJsonObject{{QStringLiteral("asset"), naming.asset},
                         {QStringLiteral("rendition"), naming.rendition}}},
            {QStringLiteral("loudness"), detail::loudnessToJson(loudness)},
            {QStringLiteral("thumbnails"), detail::thumbnailsToJson(thumbnails)},
            {QStringLiteral("qc"), detail::qcToJson(qc)},
            {QStringLiteral("drm"), detail::drmToJson(drm)}};
}

QByteArray Preset::canonicalJson() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
}

Result<Preset> parsePreset(const QByteArray &jsonText, QList<PresetIssue> *issues)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(jsonText, &parseError);
    QString problem;
    if (parseError.error != QJsonParseError::NoError) {
        problem = QStringLiteral("JSON syntax error at offset %1: %2")
                      .arg(parseError.offset)
                      .arg(parseError.errorString());
    } else if (!doc.isObject()) {
        problem = QStringLiteral("must be a JSON object");
    }
    if (problem.isEmpty())
        return parsePreset(doc.object(), issues);

    if (issues)
        *issues = {PresetIssue{QString(), problem}};
    return makeError(QStringLiteral("preset.invalid"), problem);
}

QStringList builtinPresetNames()
{
    ensureResources();
    QStringList names;
    const QStringList files =
        QDir(QString::fromLatin1(kBuiltinDir)).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        names.append(file.chopped(5)); // ".json"
    return names;
}

Result<Preset> loadPreset(const QString &nameOrPath)
{
    if (looksLikePath(nameOrPath)) {
        if (!QFileInfo::exists(nameOrPath)) {
            return makeError(QStringLiteral("preset.not_found"),
                             QStringLiteral("The preset file does not exist; check the path."),
                             nameOrPath);
        }
        return loadPresetFile(nameOrPath, nameOrPath);
    }
    if (!builtinPresetNames().contains(nameOrPath)) {
        return makeError(QStringLiteral("preset.not_found"),
                         QStringLiteral("There is no built-in preset with this name; run "
                                        "'rendition-cli presets list' or give a path to a .json file."),
                         nameOrPath);
    }
    return loadPresetFile(QStringLiteral("%1/%2.json").arg(QLatin1String(kBuiltinDir), nameOrPath),
                          nameOrPath);
}

} // namespace rendition
