// rendition-cli run --preset NAME|FILE --out DIR [--json-events] INPUT...
// Scans the inputs (folders recursively, media found by probing), runs every asset
// through the pipeline and publishes it. Progress: a live line on a terminal, or
// JSON lines with --json-events. Exit 0 when everything was published, 1 when any
// input was rejected or failed (each reported with its reason), 2 on usage errors.

#include "app/cli/CliSupport.h"
#include "app/cli/Commands.h"

#include "core/pipeline/AssetPipeline.h"
#include "core/pipeline/Scanner.h"

#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace rendition::cli {

namespace {

CancelToken g_cancel;
std::atomic<bool> *g_cancelFlag = nullptr;

class Reporter {
public:
    explicit Reporter(bool json) : m_json(json), m_tty(::isatty(STDERR_FILENO)), m_out(stdout), m_err(stderr) {}

    void event(QJsonObject o)
    {
        m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        m_out.flush();
    }

    void progress(const QString &asset, int index, int total, const ProgressEvent &e)
    {
        if (m_json) {
            QJsonObject o = e.toJson();
            o.insert(QStringLiteral("event"), QStringLiteral("progress"));
            o.insert(QStringLiteral("asset"), asset);
            event(o);
            return;
        }
        QString line = QStringLiteral("[%1/%2] %3: %4 %5%").arg(index).arg(total).arg(asset, e.stage).arg(e.percent, 0, 'f', 1);
        if (e.fps > 0) line += QStringLiteral("  %1 fps").arg(e.fps, 0, 'f', 1);
        if (e.etaSeconds >= 0) line += QStringLiteral("  ETA %1:%2").arg(int(e.etaSeconds) / 60).arg(int(e.etaSeconds) % 60, 2, 10, QLatin1Char('0'));
        if (m_tty) {
            m_err << '\r' << line.leftJustified(m_lastWidth) << Qt::flush;
            m_lastWidth = int(line.size());
        } else if (e.stage != m_lastStage || e.percent >= m_lastPercent + 25 || e.percent >= 100) {
            m_err << line << '\n' << Qt::flush;
            m_lastPercent = e.percent;
        }
        m_lastStage = e.stage;
    }

    void endLine()
    {
        if (m_tty && m_lastWidth) m_err << '\n' << Qt::flush;
        m_lastWidth = 0;
        m_lastPercent = -100;
        m_lastStage.clear();
    }

    bool json() const { return m_json; }
    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }

private:
    bool m_json;
    bool m_tty;
    QTextStream m_out;
    QTextStream m_err;
    int m_lastWidth = 0;
    double m_lastPercent = -100;
    QString m_lastStage;
};

extern "C" void onSignal(int)
{
    if (g_cancelFlag) g_cancelFlag->store(true);
}

void reportFailure(Reporter &rep, const QString &input, const Error &e)
{
    if (rep.json()) {
        QJsonObject o = e.toJson();
        o.insert(QStringLiteral("event"), QStringLiteral("failed"));
        o.insert(QStringLiteral("input"), input);
        rep.event(o);
    } else {
        rep.err() << "FAILED " << input << ": " << e.message;
        if (!e.context.isEmpty() && e.context != input) rep.err() << " (" << e.context << ')'; // e.g. the key file and line
        rep.err() << " [" << e.code << "]\n" << Qt::flush;
    }
}

void reportPublished(Reporter &rep, const PublishedAsset &a)
{
    const QJsonObject pkg = a.manifest.value(QStringLiteral("package")).toObject();
    const QDir dir(a.versionDir);
    // A preset that requires approval publishes for review: `current` stays where it was.
    const bool gated = a.status == PublishedAsset::Status::AwaitingApproval;
    if (rep.json()) {
        QJsonObject o{{QStringLiteral("event"), gated ? QStringLiteral("awaiting_approval") : QStringLiteral("published")},
                      {QStringLiteral("asset"), a.assetName},
                      {QStringLiteral("version"), a.version},
                      {QStringLiteral("dir"), a.versionDir},
                      {QStringLiteral("manifest"), dir.filePath(QStringLiteral("manifest.json"))}};
        for (const QString &k : {QStringLiteral("hls"), QStringLiteral("dash"), QStringLiteral("mp4")})
            if (pkg.contains(k)) o.insert(k, dir.filePath(pkg.value(k).toString()));
        rep.event(o);
        return;
    }
    rep.out() << "published " << a.assetName << " " << a.version << " -> " << a.versionDir
              << (gated ? " (awaiting approval: 'current' not moved)" : "") << '\n';
    for (const QString &k : {QStringLiteral("hls"), QStringLiteral("dash"), QStringLiteral("mp4")})
        if (pkg.contains(k)) rep.out() << "  " << k.toUpper() << ": " << dir.filePath(pkg.value(k).toString()) << '\n';
    rep.out().flush();
}

// QC failed: the version exists for review, `current` did not move.
void reportQcFailed(Reporter &rep, const QString &input, const PublishedAsset &a)
{
    const QJsonObject qc = a.manifest.value(QStringLiteral("qc")).toObject();
    const QJsonArray failures = qc.value(QStringLiteral("failures")).toArray();
    if (rep.json()) {
        rep.event({{QStringLiteral("event"), QStringLiteral("qc_failed")},
                   {QStringLiteral("input"), input},
                   {QStringLiteral("asset"), a.assetName},
                   {QStringLiteral("version"), a.version},
                   {QStringLiteral("dir"), a.versionDir},
                   {QStringLiteral("failures"), failures}});
        return;
    }
    rep.err() << "QC FAILED " << input << ": " << failures.size() << " failing check(s); version " << a.version
              << " kept for review at " << a.versionDir << " ('current' not moved)\n";
    for (const QJsonValue &f : failures) rep.err() << "  - " << f.toObject().value(QStringLiteral("message")).toString() << '\n';
    rep.err().flush();
}

} // namespace

int runCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Transcode and package every media file among INPUTs with a preset."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("preset"), QStringLiteral("Built-in preset name or preset JSON file."), QStringLiteral("NAME|FILE")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Output root; assets land in DIR/<asset>/<version>/."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("json-events"), QStringLiteral("Print JSON-lines events on stdout instead of human progress.")});
    parser.addPositionalArgument(QStringLiteral("INPUT"), QStringLiteral("Files or folders (searched recursively)."), QStringLiteral("INPUT..."));
    QTextStream err(stderr);
    if (const std::optional<int> done = parseArguments(parser, args)) return *done;
    if (!parser.isSet(QStringLiteral("preset")) || !parser.isSet(QStringLiteral("out")) || parser.positionalArguments().isEmpty()) {
        err << "run: --preset, --out and at least one INPUT are required\n\n" << usageText(parser, args.value(0));
        return kExitUsage;
    }
    Result<Preset> preset = loadPreset(parser.value(QStringLiteral("preset")));
    if (!preset) {
        err << "run: " << preset.error().toString() << '\n';
        return kExitUsage;
    }
    const QString outRoot = QDir(parser.value(QStringLiteral("out"))).absolutePath();
    if (!QDir().mkpath(outRoot)) {
        err << "run: cannot create the output folder " << outRoot << "; check the path and permissions\n";
        return kExitUsage;
    }

    g_cancelFlag = g_cancel.rawFlag();
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    CancelToken cancel = g_cancel;

    Reporter rep(parser.isSet(QStringLiteral("json-events")));

    ScanResult scan = scanInputs(parser.positionalArguments(), ProbeOptions{}, {}, cancel);
    int failures = 0;
    for (const ProbeResult &r : scan.rejected) {
        reportFailure(rep, r.path, r.rejection());
        ++failures;
    }
    if (scan.media.isEmpty() && scan.rejected.isEmpty()) {
        reportFailure(rep, parser.positionalArguments().join(u' '), makeError(QStringLiteral("ingest.no_media"), QStringLiteral("no media files found in the inputs")));
        return kExitFailed;
    }
    int published = 0;
    const int total = int(scan.media.size());
    const QStringList assetNames = assetNamesFor(scan.media, *preset);
    for (int i = 0; i < total; ++i) {
        const ProbeResult &probe = scan.media.at(i);
        const QString asset = assetNames.at(i);
        auto sink = [&rep, &asset, i, total](const ProgressEvent &e) { rep.progress(asset, i + 1, total, e); };
        Result<PublishedAsset> res = runAsset(probe.path, *preset, AssetRunOptions{outRoot, asset, {}}, sink, cancel, &probe);
        rep.endLine();
        if (res && res->status == PublishedAsset::Status::QcFailed) {
            reportQcFailed(rep, probe.path, *res);
            ++failures;
        } else if (res) {
            reportPublished(rep, *res);
            ++published;
        } else {
            reportFailure(rep, probe.path, res.error());
            ++failures;
        }
        if (cancel.isCanceled()) break;
    }
    if (rep.json()) {
        rep.event({{QStringLiteral("event"), QStringLiteral("summary")}, {QStringLiteral("published"), published},
                   {QStringLiteral("failed"), failures}, {QStringLiteral("ignored"), QJsonArray::fromStringList(scan.ignored)}});
    } else {
        rep.out() << published << " published, " << failures << " failed";
        if (!scan.ignored.isEmpty()) rep.out() << ", " << scan.ignored.size() << " non-media files ignored";
        rep.out() << '\n';
    }
    return failures == 0 && !cancel.isCanceled() ? kExitOk : kExitFailed;
}

} // namespace rendition::cli
