// rendition-cli thumbnails FILE --out DIR [--interval S] [--tile WxH] [--grid CxR]
//                          [--quality Q] [--poster-at S] [--poster-width W] [--threads N] [--json]
// Writes poster.jpg, sprite_N.jpg and thumbnails.vtt into DIR (created if missing).
// Human mode: a short summary on stdout. --json: ThumbnailResult::toJson() on stdout.
// Exit: 0 written, 1 failed (the error on stderr), 2 usage error.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/media/Thumbnails.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

namespace rendition::cli {

namespace {

// "160x90" → {160, 90}; false when malformed.
bool parsePair(const QString &text, int &a, int &b)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{1,5})[xX:](\\d{1,5})$"));
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch()) return false;
    a = m.captured(1).toInt();
    b = m.captured(2).toInt();
    return true;
}

bool parseNumber(const QString &text, double &out)
{
    bool ok = false;
    out = text.toDouble(&ok);
    return ok;
}

} // namespace

int thumbnailsCommand(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = args.value(0, QStringLiteral("rendition-cli thumbnails"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Make a poster, sprite sheets and a WebVTT thumbnail track by decoding only the keyframe nearest each interval."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output folder (created if missing)."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"), QStringLiteral("Seconds per tile (default 2)."),
                                            QStringLiteral("S"));
    const QCommandLineOption tileOption(QStringLiteral("tile"), QStringLiteral("Tile size (default 160x90)."),
                                        QStringLiteral("WxH"));
    const QCommandLineOption gridOption(QStringLiteral("grid"), QStringLiteral("Tiles per sheet (default 10x10)."),
                                        QStringLiteral("CxR"));
    const QCommandLineOption qualityOption(QStringLiteral("quality"), QStringLiteral("JPEG quality 1..100 (default 80)."),
                                           QStringLiteral("Q"));
    const QCommandLineOption posterAtOption(QStringLiteral("poster-at"),
                                            QStringLiteral("Poster time in seconds (default 10% of the duration)."),
                                            QStringLiteral("S"));
    const QCommandLineOption posterWidthOption(QStringLiteral("poster-width"),
                                               QStringLiteral("Poster width, never upscaled (default 1280)."),
                                               QStringLiteral("W"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("Decoder slice threads (default 1)."),
                                           QStringLiteral("N"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the result as JSON."));
    parser.addOptions({outOption, intervalOption, tileOption, gridOption, qualityOption, posterAtOption,
                       posterWidthOption, threadsOption, jsonOption});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The video to make thumbnails of."));

    auto usageError = [&](const QString &message) {
        err << program << ": " << message << "\n\n" << usageText(parser, program);
        return kExitUsage;
    };
    if (!parser.parse(args)) return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        out << usageText(parser, program);
        return kExitOk;
    }
    if (parser.positionalArguments().size() != 1) return usageError(QStringLiteral("give exactly one FILE."));
    if (!parser.isSet(outOption)) return usageError(QStringLiteral("--out DIR is required."));

    ThumbnailOptions options;
    if (parser.isSet(intervalOption) && !parseNumber(parser.value(intervalOption), options.intervalSeconds))
        return usageError(QStringLiteral("--interval takes a number of seconds, e.g. 2 or 0.5."));
    if (parser.isSet(tileOption) && !parsePair(parser.value(tileOption), options.tileWidth, options.tileHeight))
        return usageError(QStringLiteral("--tile takes WIDTHxHEIGHT, e.g. 160x90."));
    if (parser.isSet(gridOption) && !parsePair(parser.value(gridOption), options.columns, options.rows))
        return usageError(QStringLiteral("--grid takes COLUMNSxROWS, e.g. 10x10."));
    double number = 0;
    if (parser.isSet(qualityOption)) {
        if (!parseNumber(parser.value(qualityOption), number)) return usageError(QStringLiteral("--quality takes 1..100."));
        options.jpegQuality = int(number);
    }
    if (parser.isSet(posterAtOption) && !parseNumber(parser.value(posterAtOption), options.posterSeconds))
        return usageError(QStringLiteral("--poster-at takes a number of seconds."));
    if (parser.isSet(posterWidthOption)) {
        if (!parseNumber(parser.value(posterWidthOption), number)) return usageError(QStringLiteral("--poster-width takes pixels."));
        options.posterWidth = int(number);
    }
    if (parser.isSet(threadsOption)) {
        if (!parseNumber(parser.value(threadsOption), number)) return usageError(QStringLiteral("--threads takes a count."));
        options.decoderThreads = int(number);
    }

    const QString file = parser.positionalArguments().constFirst();
    const QString outDir = parser.value(outOption);
    if (!QDir().mkpath(outDir)) {
        err << program << ": " << outDir << ": could not create the output folder; check the path and permissions.\n";
        return kExitFailed;
    }
    const Result<ThumbnailResult> result = makeThumbnails(file, outDir, options, {}, CancelToken());
    if (!result) {
        err << program << ": " << result.error().code << ": " << result.error().toString() << '\n';
        return result.error().code == u"thumbnails.options" ? kExitUsage : kExitFailed;
    }
    if (parser.isSet(jsonOption)) {
        out << QJsonDocument(result->toJson()).toJson(QJsonDocument::Indented);
    } else {
        out << file << '\n'
            << "  duration:       " << QString::number(result->durationSeconds, 'f', 3) << " s\n"
            << "  tiles:          " << result->cues.size() << " in " << result->sheets.size() << " sheet(s): "
            << result->sheets.join(QStringLiteral(", ")) << '\n'
            << "  poster:         " << result->poster << '\n'
            << "  track:          " << result->vtt << '\n'
            << "  frames decoded: " << result->framesDecoded << '\n';
        if (result->missingTiles > 0) out << "  missing tiles:  " << result->missingTiles << " (damaged stretches)\n";
    }
    return kExitOk;
}

} // namespace rendition::cli
