// The unhappy paths of `rendition-cli run`: bad inputs mixed with good ones, non-media in
// scanned folders, usage errors, the --json-events contract, hardware encoder fallback on a
// machine without a GPU, and interrupted runs (SIGKILL, SIGINT) leaving no half-published
// package behind.

#include "tests/integration/IntegrationHelpers.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace itest;

namespace {

bool isTranscodePastTenPercent(const QJsonObject &e)
{
    return e.value(QStringLiteral("event")).toString() == u"progress" && e.value(QStringLiteral("stage")).toString() == u"transcode" &&
           e.value(QStringLiteral("percent")).toDouble() > 10;
}

bool gpuPresent()
{
    return QFileInfo::exists(QStringLiteral("/dev/nvidia0")) || QFileInfo::exists(QStringLiteral("/dev/dri"));
}

} // namespace

class TestFailures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void mixedInputsExitOneAndPublishTheGood();
    void badInputReportedWithReason_data();
    void badInputReportedWithReason();
    void nonMediaInScannedFolderIsIgnored();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void jsonEventsAreValidJsonLines();
    void hardwareEncoderFallsBackToSoftware();
    void killedRunLeavesNoVersionAndNextRunRecovers();
    void interruptedRunExitsOneAndCleansUp();

private:
    QStringList mixedInputs() const { return {m_mixedDir, m_textRenamed}; }

    QTemporaryDir m_tmp;
    QString m_preset;      // 2 small rungs + AAC
    QString m_longPreset;  // 1 rung, for runs to interrupt (bars_1080p25: ~3 s of work)
    QString m_mixedDir;    // clip.mp4, readme.txt, sub/{truncated_moov_at_end.mp4, unknown_codec.mov}
    QString m_textRenamed; // named explicitly: a text file called .mp4
    ProcessResult m_mixedRun;
    QString m_mixedOut;
};

void TestFailures::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_preset = writePreset(m_tmp.path(), presetJson({QStringLiteral("itest-failures"),
                                                     {{QStringLiteral("360p"), 640, 360, vbr(800, 1200)},
                                                      {QStringLiteral("180p"), 320, 180, vbr(300, 450)}}}));
    m_longPreset = writePreset(m_tmp.path(), presetJson({QStringLiteral("itest-interrupt"), {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}}}));
    QVERIFY(!m_preset.isEmpty() && !m_longPreset.isEmpty());

    m_mixedDir = m_tmp.filePath(QStringLiteral("mixed"));
    QVERIFY(QDir().mkpath(m_mixedDir + QStringLiteral("/sub")));
    QVERIFY(makeLavfiSource(m_mixedDir + QStringLiteral("/clip.mp4"), 640, 360, QStringLiteral("25"), 3));
    QVERIFY(QFile::copy(bad(QStringLiteral("truncated_moov_at_end.mp4")), m_mixedDir + QStringLiteral("/sub/truncated_moov_at_end.mp4")));
    QVERIFY(QFile::copy(bad(QStringLiteral("unknown_codec.mov")), m_mixedDir + QStringLiteral("/sub/unknown_codec.mov")));
    QFile readme(m_mixedDir + QStringLiteral("/readme.txt"));
    QVERIFY(readme.open(QIODevice::WriteOnly));
    readme.write("Delivery notes, not media.\n");
    readme.close();
    m_textRenamed = m_tmp.filePath(QStringLiteral("text_renamed.mp4"));
    QVERIFY(QFile::copy(bad(QStringLiteral("text_renamed.mp4")), m_textRenamed));

    m_mixedOut = m_tmp.filePath(QStringLiteral("out-mixed"));
    m_mixedRun = runRendition(m_preset, m_mixedOut, mixedInputs());
    QVERIFY2(m_mixedRun.finished, qPrintable(m_mixedRun.describe()));
}

void TestFailures::mixedInputsExitOneAndPublishTheGood()
{
    QCOMPARE(m_mixedRun.exitCode, 1);
    // Only the good input has an asset folder, and it is fully published.
    QCOMPARE(QDir(m_mixedOut).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("clip")});
    const QString asset = QDir(m_mixedOut).filePath(QStringLiteral("clip"));
    QCOMPARE(versionDirs(asset), QStringList{QStringLiteral("v1")});
    QVERIFY(QFileInfo(asset + QStringLiteral("/current")).isSymLink());
    const QJsonObject manifest = readManifest(asset + QStringLiteral("/current"));
    QCOMPARE(manifest.value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.manifest/1"));
    QCOMPARE(renditionsOfType(manifest, QStringLiteral("video")).size(), 2);
    QVERIFY(stagingDirs(asset).isEmpty());
    QVERIFY2(QString::fromUtf8(m_mixedRun.out).contains(QStringLiteral("1 published, 3 failed, 1 non-media files ignored")),
             qPrintable(QString::fromUtf8(m_mixedRun.out)));
}

void TestFailures::badInputReportedWithReason_data()
{
    QTest::addColumn<QString>("relativePath"); // under the temp dir
    QTest::addColumn<QString>("code");
    QTest::newRow("truncated_in_folder") << QStringLiteral("mixed/sub/truncated_moov_at_end.mp4") << QStringLiteral("ingest.truncated");
    QTest::newRow("unknown_codec_in_folder") << QStringLiteral("mixed/sub/unknown_codec.mov") << QStringLiteral("ingest.unsupported_codec");
    QTest::newRow("text_named_explicitly") << QStringLiteral("text_renamed.mp4") << QStringLiteral("ingest.not_media");
}

void TestFailures::badInputReportedWithReason()
{
    QFETCH(QString, relativePath);
    QFETCH(QString, code);
    const QString path = m_tmp.filePath(relativePath);
    const QStringList lines = QString::fromUtf8(m_mixedRun.err).split(u'\n');
    QStringList matching;
    for (const QString &l : lines)
        if (l.startsWith(QStringLiteral("FAILED ")) && l.contains(path)) matching << l;
    QVERIFY2(matching.size() == 1, qPrintable(QString::fromUtf8(m_mixedRun.err)));
    // "FAILED <path>: <reason> [<code>]", the reason being a sentence, not just a code.
    const QString reason = matching.first().section(path + QStringLiteral(": "), 1).section(QStringLiteral(" ["), 0, 0);
    QVERIFY2(reason.size() > 20, qPrintable(matching.first()));
    QVERIFY2(matching.first().endsWith(QStringLiteral("[%1]").arg(code)), qPrintable(matching.first()));
    QVERIFY(!QFileInfo::exists(QDir(m_mixedOut).filePath(QFileInfo(path).completeBaseName())));
}

void TestFailures::nonMediaInScannedFolderIsIgnored()
{
    // Non-media files (a text note, an empty .mp4) inside a folder are skipped, not failures.
    const QString dir = m_tmp.filePath(QStringLiteral("clean"));
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::copy(m_mixedDir + QStringLiteral("/clip.mp4"), dir + QStringLiteral("/clip.mp4")));
    QVERIFY(QFile::copy(m_mixedDir + QStringLiteral("/readme.txt"), dir + QStringLiteral("/readme.txt")));
    QVERIFY(QFile::copy(bad(QStringLiteral("empty.mp4")), dir + QStringLiteral("/empty.mp4")));
    const QString out = m_tmp.filePath(QStringLiteral("out-clean"));
    const ProcessResult run = runRendition(m_preset, out, {dir}, true);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));
    QVERIFY(run.eventsOfType(QStringLiteral("failed")).isEmpty());
    const QList<QJsonObject> summary = run.eventsOfType(QStringLiteral("summary"));
    QCOMPARE(summary.size(), 1);
    QCOMPARE(summary.first().value(QStringLiteral("published")).toInt(), 1);
    QCOMPARE(summary.first().value(QStringLiteral("failed")).toInt(), 0);
    QStringList ignored;
    for (const QJsonValue &v : summary.first().value(QStringLiteral("ignored")).toArray()) ignored << QFileInfo(v.toString()).fileName();
    ignored.sort();
    QCOMPARE(ignored, (QStringList{QStringLiteral("empty.mp4"), QStringLiteral("readme.txt")}));
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{QStringLiteral("clip")});
}

void TestFailures::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("args"); // OUT stands for a fresh output folder, CLIP for a good input
    QTest::addColumn<QString>("stderrMentions");
    const QString clip = QStringLiteral("CLIP");
    QTest::newRow("unknown_preset") << QStringList{QStringLiteral("run"), QStringLiteral("--preset"), QStringLiteral("no-such-preset"), QStringLiteral("--out"), QStringLiteral("OUT"), clip}
                                    << QStringLiteral("no-such-preset");
    QTest::newRow("missing_out") << QStringList{QStringLiteral("run"), QStringLiteral("--preset"), QStringLiteral("PRESET"), clip} << QStringLiteral("--out");
    QTest::newRow("missing_input") << QStringList{QStringLiteral("run"), QStringLiteral("--preset"), QStringLiteral("PRESET"), QStringLiteral("--out"), QStringLiteral("OUT")}
                                   << QStringLiteral("INPUT");
    QTest::newRow("invalid_preset_file") << QStringList{QStringLiteral("run"), QStringLiteral("--preset"), QStringLiteral("BADPRESET"), QStringLiteral("--out"), QStringLiteral("OUT"), clip}
                                         << QStringLiteral("ladder[0].height");
    QTest::newRow("unknown_option") << QStringList{QStringLiteral("run"), QStringLiteral("--no-such-option"), QStringLiteral("--preset"), QStringLiteral("PRESET"), QStringLiteral("--out"), QStringLiteral("OUT"), clip}
                                    << QStringLiteral("no-such-option");
}

void TestFailures::usageErrorsExitTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, stderrMentions);
    QJsonObject badPreset = presetJson({QStringLiteral("itest-bad"), {{QStringLiteral("odd"), 640, 361, vbr(800, 1200)}}});
    const QString badPresetPath = writePreset(m_tmp.path(), badPreset);
    const QString out = m_tmp.filePath(QStringLiteral("out-usage-") + QString::fromLatin1(QTest::currentDataTag()));
    for (QString &a : args) {
        if (a == u"OUT") a = out;
        else if (a == u"CLIP") a = m_mixedDir + QStringLiteral("/clip.mp4");
        else if (a == u"PRESET") a = m_preset;
        else if (a == u"BADPRESET") a = badPresetPath;
    }
    const ProcessResult run = runCli(args);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(QString::fromUtf8(run.err).contains(stderrMentions), qPrintable(QString::fromUtf8(run.err)));
    QVERIFY2(!QFileInfo::exists(out) || QDir(out).isEmpty(), "a usage error must not produce output");
}

void TestFailures::jsonEventsAreValidJsonLines()
{
    const QString out = m_tmp.filePath(QStringLiteral("out-json"));
    const ProcessResult run = runRendition(m_preset, out, mixedInputs(), true);
    QVERIFY(run.finished);
    QCOMPARE(run.exitCode, 1);
    QStringList invalid;
    const QList<QJsonObject> events = run.events(&invalid);
    QVERIFY2(invalid.isEmpty(), qPrintable(invalid.join(u'\n')));
    QVERIFY(!events.isEmpty());

    const QStringList known{QStringLiteral("progress"), QStringLiteral("published"), QStringLiteral("failed"), QStringLiteral("summary")};
    QSet<QString> seen;
    double lastTranscode = -1;
    for (const QJsonObject &e : events) {
        const QString type = e.value(QStringLiteral("event")).toString();
        QVERIFY2(known.contains(type), qPrintable(QString::fromUtf8(QJsonDocument(e).toJson(QJsonDocument::Compact))));
        seen.insert(type);
        if (type == u"progress") {
            QVERIFY(!e.value(QStringLiteral("asset")).toString().isEmpty());
            QVERIFY(!e.value(QStringLiteral("stage")).toString().isEmpty());
            const double pct = e.value(QStringLiteral("percent")).toDouble(-1);
            QVERIFY2(pct >= 0 && pct <= 100, qPrintable(QString::number(pct)));
            if (e.value(QStringLiteral("stage")).toString() == u"transcode") {
                QVERIFY2(pct >= lastTranscode, "transcode progress went backwards");
                lastTranscode = pct;
            }
        } else if (type == u"published") {
            QCOMPARE(e.value(QStringLiteral("asset")).toString(), QStringLiteral("clip"));
            QCOMPARE(e.value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
            QVERIFY(QFileInfo(e.value(QStringLiteral("dir")).toString()).isDir());
            QVERIFY(QFileInfo::exists(e.value(QStringLiteral("manifest")).toString()));
            QVERIFY(QFileInfo::exists(e.value(QStringLiteral("hls")).toString()));
            QVERIFY(QFileInfo::exists(e.value(QStringLiteral("dash")).toString()));
        } else if (type == u"failed") {
            QVERIFY(QFileInfo::exists(e.value(QStringLiteral("input")).toString()));
            QVERIFY2(e.value(QStringLiteral("code")).toString().startsWith(QStringLiteral("ingest.")), qPrintable(e.value(QStringLiteral("code")).toString()));
            QVERIFY(e.value(QStringLiteral("message")).toString().size() > 20);
        }
    }
    QCOMPARE(seen, QSet<QString>(known.begin(), known.end()));
    QCOMPARE(run.eventsOfType(QStringLiteral("failed")).size(), 3);
    QCOMPARE(run.eventsOfType(QStringLiteral("summary")).size(), 1);
    const QJsonObject summary = events.last();
    QCOMPARE(summary.value(QStringLiteral("event")).toString(), QStringLiteral("summary"));
    QCOMPARE(summary.value(QStringLiteral("published")).toInt(), 1);
    QCOMPARE(summary.value(QStringLiteral("failed")).toInt(), 3);
    QCOMPARE(summary.value(QStringLiteral("ignored")).toArray().size(), 1);
    QVERIFY(summary.value(QStringLiteral("ignored")).toArray().first().toString().endsWith(QStringLiteral("/readme.txt")));
}

void TestFailures::hardwareEncoderFallsBackToSoftware()
{
    if (gpuPresent()) QSKIP("a GPU device node exists; this test covers machines without one");
    RungSpec nvenc{QStringLiteral("360p"), 640, 360, vbr(800, 1200)};
    nvenc.encoder = QStringLiteral("h264_nvenc");
    RungSpec automatic{QStringLiteral("180p"), 320, 180, vbr(300, 450)};
    automatic.encoder = QStringLiteral("auto");
    const QString preset = writePreset(m_tmp.path(), presetJson({QStringLiteral("itest-hw"), {nvenc, automatic}}));
    const QString out = m_tmp.filePath(QStringLiteral("out-hw"));
    const ProcessResult run = runRendition(preset, out, {m_mixedDir + QStringLiteral("/clip.mp4")});
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));

    const QString root = QDir(out).filePath(QStringLiteral("clip/v1"));
    const QJsonObject manifest = readManifest(root);
    for (const auto &[name, requested] : {std::pair{QStringLiteral("360p"), QStringLiteral("h264_nvenc")}, std::pair{QStringLiteral("180p"), QStringLiteral("auto")}}) {
        const QJsonObject enc = renditionNamed(manifest, name).value(QStringLiteral("encoder")).toObject();
        QCOMPARE(enc.value(QStringLiteral("requested")).toString(), requested);
        QCOMPARE(enc.value(QStringLiteral("encoder")).toString(), QStringLiteral("libx264"));
        QVERIFY(enc.contains(QStringLiteral("hardware")));
        QCOMPARE(enc.value(QStringLiteral("hardware")).toBool(true), false);
        const QString reason = enc.value(QStringLiteral("fallback_reason")).toString();
        QVERIFY2(reason.contains(QStringLiteral("h264_nvenc")), qPrintable(name + QStringLiteral(": ") + reason));
        // The fallback really produced H.264.
        const QString joined = m_tmp.filePath(QStringLiteral("hw-") + name + QStringLiteral(".mp4"));
        QVERIFY(joinRendition(QDir(root).filePath(name), joined));
        QCOMPARE(streamsOfType(probeStreams(joined), QStringLiteral("video")).first().toObject().value(QStringLiteral("codec_name")).toString(),
                 QStringLiteral("h264"));
    }
}

void TestFailures::killedRunLeavesNoVersionAndNextRunRecovers()
{
    // `make test` kills once; `make test-full` (RENDITION_TEST_FULL=1) kills ten times in a row,
    // each at a different point, before letting a run finish.
    const int rounds = qEnvironmentVariableIsSet("RENDITION_TEST_FULL") ? 10 : 1;
    const QString out = m_tmp.filePath(QStringLiteral("out-kill"));
    const QString source = good(QStringLiteral("bars_1080p25.mp4"));
    const QStringList args{QStringLiteral("run"), QStringLiteral("--preset"), m_longPreset, QStringLiteral("--out"), out, QStringLiteral("--json-events"), source};
    const QString asset = QDir(out).filePath(QStringLiteral("bars_1080p25"));

    QStringList stale;
    for (int round = 0; round < rounds; ++round) {
        QProcess p;
        p.start(kCli, args);
        QVERIFY(p.waitForStarted());
        QByteArray seen;
        const bool reached = waitForEvent(p, isTranscodePastTenPercent, &seen);
        if (!reached) {
            p.kill();
            p.waitForFinished(5000);
        }
        QVERIFY2(reached, seen.constData());
        if (round > 0) QTest::qWait(137 * round % 900); // vary where the kill lands
        p.kill(); // SIGKILL: no chance to clean up
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);

        QVERIFY(!QFileInfo(asset + QStringLiteral("/current")).exists());
        QVERIFY(!QFileInfo(asset + QStringLiteral("/current")).isSymLink());
        QVERIFY2(versionDirs(asset).isEmpty(), qPrintable(versionDirs(asset).join(u' ')));
        stale = stagingDirs(asset); // allowed to remain; the next run removes it
        QVERIFY(stale.size() <= 1);  // each run removed the previous run's leftovers
    }

    const ProcessResult again = runCli(args);
    QVERIFY2(again.finished && again.exitCode == 0, qPrintable(again.describe()));
    QCOMPARE(versionDirs(asset), QStringList{QStringLiteral("v1")});
    QCOMPARE(QFile::symLinkTarget(asset + QStringLiteral("/current")), asset + QStringLiteral("/v1"));
    QCOMPARE(readManifest(asset + QStringLiteral("/current")).value(QStringLiteral("version")).toString(), QStringLiteral("v1"));
    QVERIFY2(stagingDirs(asset).isEmpty(), qPrintable(QStringLiteral("stale staging left: ") + stagingDirs(asset).join(u' ') +
                                                      QStringLiteral(" (after kill: ") + stale.join(u' ') + u')'));
}

void TestFailures::interruptedRunExitsOneAndCleansUp()
{
    const QString out = m_tmp.filePath(QStringLiteral("out-sigint"));
    const QString asset = QDir(out).filePath(QStringLiteral("bars_1080p25"));
    QProcess p;
    p.start(kCli, {QStringLiteral("run"), QStringLiteral("--preset"), m_longPreset, QStringLiteral("--out"), out, QStringLiteral("--json-events"),
                   good(QStringLiteral("bars_1080p25.mp4"))});
    QVERIFY(p.waitForStarted());
    QByteArray seen;
    const bool reached = waitForEvent(p, isTranscodePastTenPercent, &seen);
    if (!reached) {
        p.kill();
        p.waitForFinished(5000);
    }
    QVERIFY2(reached, seen.constData());
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(60000));
    seen += p.readAllStandardOutput();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 1);

    ProcessResult result;
    result.out = seen;
    const QList<QJsonObject> failed = result.eventsOfType(QStringLiteral("failed"));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().value(QStringLiteral("code")).toString(), QStringLiteral("canceled"));
    QVERIFY(result.eventsOfType(QStringLiteral("published")).isEmpty());
    const QList<QJsonObject> summary = result.eventsOfType(QStringLiteral("summary"));
    QCOMPARE(summary.size(), 1);
    QCOMPARE(summary.first().value(QStringLiteral("published")).toInt(), 0);

    QVERIFY(!QFileInfo(asset + QStringLiteral("/current")).isSymLink());
    QVERIFY(versionDirs(asset).isEmpty());
    QVERIFY2(stagingDirs(asset).isEmpty(), qPrintable(stagingDirs(asset).join(u' ')));
}

QTEST_GUILESS_MAIN(TestFailures)
#include "tst_failures.moc"
