// Reading a preset from JSON and checking every rule in the same pass. Each field is
// type-checked, range-checked and copied into the Preset; problems are collected with
// their JSON path ("ladder[2].height") and reading continues, so one run reports all
// of them. Cross-field rules (references, uniqueness, naming collisions) run last.
// The type-checking reader is in PresetReader.cpp, the rules for single fields in
// PresetRules.cpp; this file walks the document and checks the cross-field rules.

#include "core/model/Preset.h"

#include "core/model/PresetReader.h"
#include "core/model/PresetRules.h"
#include "core/model/PresetSections.h"

#include <QHash>
#include <QRegularExpression>

namespace rendition {

using namespace detail; // PresetReader.h, PresetRules.h, PresetSections.h

namespace {

void readRung(const QJsonObject &object, const QString &path, Rung &rung, QList<PresetIssue> &issues)
{
    PresetReader r(object, path, issues);
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
    PresetReader r(object, path, issues);
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

void readGop(PresetReader &top, GopPolicy &gop, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("gop"), object) != Read::Ok)
        return;
    PresetReader r(object, QStringLiteral("gop"), issues);
    r.readInt(QStringLiteral("keyframes_per_segment"), gop.keyframesPerSegment, {1, 10});
    r.readBool(QStringLiteral("scene_cut"), gop.sceneCut);
    r.readInt(QStringLiteral("b_frames"), gop.bFrames, {0, 16});
}

void readPackaging(PresetReader &top, Packaging &p, QList<PresetIssue> &issues)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("packaging"), object) != Read::Ok)
        return;
    PresetReader r(object, QStringLiteral("packaging"), issues);
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

void readNaming(PresetReader &top, Naming &n, QList<PresetIssue> &issues, bool *renditionOk)
{
    QJsonObject object;
    if (top.readObject(QStringLiteral("naming"), object) != Read::Ok)
        return;
    PresetReader r(object, QStringLiteral("naming"), issues);
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
        PresetReader r(json, QString(), issues);
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
        readLoudness(r, p.loudness, issues);
        readThumbnails(r, p.thumbnails, issues);
        readQc(r, p.qc, issues);
        readDrm(r, p.packaging, p.ladder, p.drm, issues);
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
