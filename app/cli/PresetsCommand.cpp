// rendition-cli presets: list the built-ins, show one, validate a preset file, export
// canonical JSON. Exit codes follow Commands.h: 0 ok, 1 invalid preset or failed write,
// 2 usage error or a preset that cannot be found or read.

#include "app/cli/Commands.h"

#include "core/model/Preset.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

namespace rendition::cli {

namespace {

constexpr auto kUsage =
    "Usage: rendition-cli presets <action> [options]\n\n"
    "Actions:\n"
    "  list                      built-in presets with a one-line summary\n"
    "  show NAME|FILE            ladder, audio, GOP and packaging of a preset\n"
    "  validate FILE|NAME        check a preset; prints every problem as 'path: message'\n"
    "                            (exit 0 valid, 1 invalid, 2 missing or unreadable)\n"
    "  export NAME|FILE          canonical JSON (all defaults written) to stdout\n\n"
    "Options:\n"
    "  --out FILE                export: write to FILE instead of stdout\n"
    "  --compact                 export: the exact compact bytes that are hashed\n"
    "  -h, --help                this help\n";

// Where a preset's text comes from: a built-in resource or a file, with the label
// used in messages.
struct PresetSource {
    QString label;
    QByteArray text;
};

bool isBuiltinName(const QString &arg)
{
    return !arg.contains(QLatin1Char('/')) && !arg.endsWith(QLatin1String(".json"))
           && !QFileInfo::exists(arg) && builtinPresetNames().contains(arg);
}

// Reads a built-in by name or a file by path; an Error means exit 2.
Result<PresetSource> readSource(const QString &arg)
{
    const QString path = isBuiltinName(arg) ? QStringLiteral(":/presets/%1.json").arg(arg) : arg;
    QFile file(path);
    if (!file.exists()) {
        const bool looksLikeName = !arg.contains(QLatin1Char('/')) && !arg.endsWith(QLatin1String(".json"));
        return makeError(QStringLiteral("preset.not_found"),
                         looksLikeName ? QStringLiteral("no such file or built-in preset; run "
                                                        "'rendition-cli presets list' for the built-ins")
                                       : QStringLiteral("no such file; check the path"),
                         arg);
    }
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("preset.unreadable"),
                         QStringLiteral("cannot read it (%1); give a readable JSON file")
                             .arg(QFileInfo(path).isFile() ? file.errorString() : QStringLiteral("not a regular file")),
                         arg);
    }
    return PresetSource{arg, file.readAll()};
}

QString rungLabel(const Rung &r)
{
    if (r.height > 0)
        return QStringLiteral("%1p").arg(r.height);
    return QStringLiteral("%1w").arg(r.width);
}

QString rateControlSummary(const RateControl &rc)
{
    switch (rc.mode) {
    case RateControlMode::Crf:
        return QStringLiteral("crf %1").arg(rc.crf);
    case RateControlMode::CappedCrf:
        return QStringLiteral("crf %1, max %2 kbps").arg(rc.crf).arg(rc.maxKbps);
    case RateControlMode::Vbr:
        return rc.maxKbps ? QStringLiteral("vbr %1 kbps, max %2 kbps").arg(rc.bitrateKbps).arg(rc.maxKbps)
                          : QStringLiteral("vbr %1 kbps").arg(rc.bitrateKbps);
    case RateControlMode::Cbr:
        return QStringLiteral("cbr %1 kbps").arg(rc.bitrateKbps);
    case RateControlMode::Invalid:
        break;
    }
    return QStringLiteral("?");
}

QString channelsName(int channels)
{
    return channels == 1 ? QStringLiteral("mono") : channels == 2 ? QStringLiteral("stereo") : QStringLiteral("5.1");
}

// Segments only matter for HLS/DASH; a progressive-only preset still has a keyframe interval.
QString packagingSummary(const Preset &preset)
{
    const Packaging &p = preset.packaging;
    QStringList outputs;
    if (p.hls)
        outputs.append(QStringLiteral("HLS (%1)").arg(hlsSegmentFormatName(p.hlsSegmentFormat)));
    if (p.dash)
        outputs.append(QStringLiteral("DASH"));
    if (p.progressiveMp4)
        outputs.append(QStringLiteral("progressive MP4"));
    if (!p.hls && !p.dash) {
        return QStringLiteral("%1, keyframe every %2 s")
            .arg(outputs.join(QStringLiteral(" + ")))
            .arg(p.segmentDurationSeconds / preset.gop.keyframesPerSegment);
    }
    return QStringLiteral("%1, %2 s segments").arg(outputs.join(QStringLiteral(" + "))).arg(p.segmentDurationSeconds);
}

// "h264 360p 540p 720p 1080p · aac 128k · HLS (fmp4) + DASH, 4 s segments"
QString oneLineSummary(const Preset &p)
{
    QStringList parts;
    QString lastCodec;
    for (const Rung &r : p.ladder) {
        const QString codec = videoCodecName(r.codec);
        parts.append(codec == lastCodec ? rungLabel(r) : codec + QLatin1Char(' ') + rungLabel(r));
        lastCodec = codec;
    }
    QString line = parts.join(QLatin1Char(' '));
    for (const AudioRendition &a : p.audio)
        line += QStringLiteral(" · %1 %2k").arg(audioCodecName(a.codec)).arg(a.bitrateKbps);
    return line + QStringLiteral(" · ") + packagingSummary(p);
}

int listPresets(QTextStream &out, QTextStream &err)
{
    int status = kExitOk;
    for (const QString &name : builtinPresetNames()) {
        const Result<Preset> preset = loadPreset(name);
        if (!preset.ok()) { // a broken built-in is a bug; say so but list the others
            err << "rendition-cli presets: built-in " << preset.error().toString() << '\n';
            status = kExitFailed;
            continue;
        }
        out << name.leftJustified(18) << ' ' << preset->description << '\n'
            << QString(19, QLatin1Char(' ')) << oneLineSummary(*preset) << '\n';
    }
    return status;
}

void printPreset(QTextStream &out, const Preset &p)
{
    out << "Preset      " << p.name << " (version " << p.version << ")\n";
    if (!p.description.isEmpty())
        out << "            " << p.description << '\n';
    out << "Ladder      " << p.ladder.size() << (p.ladder.size() == 1 ? " rung" : " rungs")
        << ", deinterlace " << deinterlaceName(p.deinterlace) << '\n';
    for (const Rung &r : p.ladder) {
        out << "  " << r.name.leftJustified(10) << ' ' << videoCodecName(r.codec).leftJustified(5)
            << QStringLiteral("%1x%2").arg(r.width).arg(r.height).leftJustified(10) << ' '
            << rateControlSummary(r.rateControl);
        if (!r.profile.isEmpty())
            out << ", profile " << r.profile;
        if (!r.level.isEmpty())
            out << ", level " << r.level;
        if (!r.speed.isEmpty())
            out << ", speed " << r.speed;
        out << ", encoder " << r.encoder;
        if (!r.keepAspect)
            out << ", stretch";
        out << ", audio " << (r.audio.isEmpty() ? QStringLiteral("(first)") : r.audio) << '\n';
    }
    out << "Audio       "
        << (p.audio.isEmpty() ? QStringLiteral("none (video only)")
                              : QStringLiteral("%1 rendition(s)").arg(p.audio.size()))
        << '\n';
    for (const AudioRendition &a : p.audio) {
        out << "  " << a.name.leftJustified(10) << ' ' << audioCodecName(a.codec) << ' '
            << channelsName(a.channels) << ' ' << a.bitrateKbps << " kbps " << a.sampleRate << " Hz"
            << ", language " << (a.language.isEmpty() ? QStringLiteral("(from source)") : a.language) << '\n';
    }
    out << "GOP         " << p.gop.keyframesPerSegment << " keyframe(s) per segment (every "
        << p.packaging.segmentDurationSeconds / p.gop.keyframesPerSegment << " s), " << p.gop.bFrames
        << " B-frames, scene cut " << (p.gop.sceneCut ? "on" : "off") << '\n';
    out << "Packaging   " << packagingSummary(p) << '\n';
    out << "Naming      asset \"" << p.naming.asset << "\", rendition \"" << p.naming.rendition << "\"\n";
}

// Parses a source; prints issues as "path: message" lines to `issuesOut`. Exit code on failure.
int parseSource(const QString &arg, Preset *preset, QTextStream &issuesOut, QTextStream &err)
{
    const Result<PresetSource> source = readSource(arg);
    if (!source.ok()) {
        err << "rendition-cli presets: " << source.error().toString() << '\n';
        return kExitUsage;
    }
    QList<PresetIssue> issues;
    Result<Preset> parsed = parsePreset(source->text, &issues);
    if (!parsed.ok()) {
        for (const PresetIssue &issue : std::as_const(issues))
            issuesOut << issue.toString() << '\n';
        err << "rendition-cli presets: " << source->label << ": invalid preset (" << issues.size()
            << (issues.size() == 1 ? " problem)\n" : " problems)\n");
        return kExitFailed;
    }
    *preset = std::move(parsed).value();
    return kExitOk;
}

int exportPreset(const Preset &preset, const QCommandLineParser &parser, QTextStream &out, QTextStream &err)
{
    const QByteArray bytes = parser.isSet(QStringLiteral("compact"))
                                 ? preset.canonicalJson()
                                 : QJsonDocument(preset.toJson()).toJson(QJsonDocument::Indented);
    const QString outPath = parser.value(QStringLiteral("out"));
    if (outPath.isEmpty()) {
        out << QString::fromUtf8(bytes);
        return kExitOk;
    }
    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        err << "rendition-cli presets: " << outPath << ": cannot write the preset (" << file.errorString()
            << "); check the folder exists and is writable\n";
        return kExitFailed;
    }
    err << "Wrote " << preset.name << " to " << outPath << '\n';
    return kExitOk;
}

} // namespace

int presetsCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("out"), QStringLiteral("export: write to FILE"), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("compact"), QStringLiteral("export: compact canonical bytes")});
    parser.addOption({{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help")});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, show, validate or export"));
    parser.addPositionalArgument(QStringLiteral("preset"), QStringLiteral("preset name or file"));

    if (!parser.parse(args)) {
        err << "rendition-cli presets: " << parser.errorText() << "\n\n" << kUsage;
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << kUsage;
        return kExitOk;
    }
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const qsizetype wanted = action == u"list" ? 1 : 2;
    const bool known = action == u"list" || action == u"show" || action == u"validate" || action == u"export";
    const bool exportOnly = parser.isSet(QStringLiteral("out")) || parser.isSet(QStringLiteral("compact"));
    if (!known || pos.size() != wanted || (exportOnly && action != u"export")) {
        err << "rendition-cli presets: "
            << (action.isEmpty()  ? QStringLiteral("missing action")
                : !known          ? QStringLiteral("unknown action '%1'").arg(action)
                : exportOnly && action != u"export" ? QStringLiteral("--out and --compact only apply to export")
                : wanted == 1     ? QStringLiteral("list takes no arguments")
                                  : QStringLiteral("%1 needs exactly one preset name or file").arg(action))
            << "\n\n" << kUsage;
        return kExitUsage;
    }

    if (action == u"list")
        return listPresets(out, err);
    Preset preset;
    // validate reports issues as its output; show and export keep stdout for the preset.
    const int status = parseSource(pos.at(1), &preset, action == u"validate" ? out : err, err);
    if (status != kExitOk)
        return status;
    if (action == u"show")
        printPreset(out, preset);
    else if (action == u"validate")
        out << pos.at(1) << ": valid preset \"" << preset.name << "\" (" << preset.ladder.size() << " rungs, "
            << preset.audio.size() << " audio)\n";
    else
        return exportPreset(preset, parser, out, err);
    return kExitOk;
}

} // namespace rendition::cli
