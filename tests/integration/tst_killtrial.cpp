// The kill -9 trial (issue #5 item 9): `rendition-cli batch` over three short sources is
// SIGKILLed together with its exec-job children (as a machine crash would end them) at random
// moments, restarted, killed again, and finally let finish. Afterwards every job has completed
// and is published exactly once: one v1 per asset, `current` pointing at it, no staging,
// checkpoint or temporary link left, every file the manifest lists present with its size,
// every rendition decoding to as many frames as an uninterrupted run's, and the store saying
// every job succeeded. 3 rounds in `make test`, 10 with RENDITION_TEST_FULL; the seed
// (RENDITION_TEST_SEED to replay one) and every kill time are printed.

#include "tests/integration/IntegrationHelpers.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace itest;

namespace {

const QStringList kAssets{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};

// Children of `pid` (from /proc/<n>/stat: "pid (comm) state ppid ...").
QList<pid_t> childrenOf(pid_t pid)
{
    QList<pid_t> out;
    for (const QString &name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool numeric = false;
        const pid_t n = pid_t(name.toInt(&numeric));
        if (!numeric) continue;
        const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(n));
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0) continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' '); // state ppid ...
        if (fields.size() > 1 && fields.at(1).toInt() == pid) out << n;
    }
    return out;
}

// A power cut for one batch: freeze the runner so it cannot react, SIGKILL its workers (they
// lead their own process groups), then the runner.
void crash(pid_t batch)
{
    ::kill(batch, SIGSTOP);
    for (pid_t child : childrenOf(batch)) ::kill(child, SIGKILL);
    ::kill(batch, SIGKILL);
}

} // namespace

class TestKillTrial : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyJobPublishedExactlyOnce();

private:
    QStringList batchArgs(const QString &round) const
    {
        return {QStringLiteral("batch"), QStringLiteral("--preset"), m_preset, QStringLiteral("--out"), m_tmp.filePath(round + QStringLiteral("/out")),
                QStringLiteral("--data-dir"), m_tmp.filePath(round + QStringLiteral("/data")), m_inputs};
    }
    // Runs one batch; kills it after `killAfterMs` (< 0: lets it finish). Returns the exit code,
    // -1 when it was killed, -2 when it did not finish in time.
    int runBatch(const QString &round, int run, int killAfterMs);
    QString checkRound(const QString &round); // empty when every promise holds, else what broke
    QString lastLine(const QString &round, int run) const // what the batch was doing when it died
    {
        const QList<QByteArray> lines = readAll(m_tmp.filePath(QStringLiteral("%1-run%2.log").arg(round).arg(run))).trimmed().split('\n');
        return lines.isEmpty() || lines.last().isEmpty() ? QStringLiteral("before any progress") : QString::fromUtf8(lines.last());
    }

    QTemporaryDir m_tmp;
    QString m_preset;
    QString m_inputs;
    qint64 m_batchMs = 0;            // an uninterrupted batch
    QHash<QString, int> m_refFrames; // asset → video frames of its rendition (0: audio only)
};

void TestKillTrial::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    PresetSpec spec{QStringLiteral("kill-trial"), {{QStringLiteral("180p"), 320, 180, vbr(300, 450)}}};
    spec.segmentSeconds = 2;
    QJsonObject preset = presetJson(spec);
    // Every stage on, so kills land between and inside many of them.
    preset.insert(QStringLiteral("loudness"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("target_lufs"), -23.0},
                                                          {QStringLiteral("true_peak_dbtp"), -1.0}, {QStringLiteral("over_ceiling"), QStringLiteral("limit")}});
    preset.insert(QStringLiteral("thumbnails"), QJsonObject{{QStringLiteral("enabled"), true}, {QStringLiteral("interval_s"), 1.0}, {QStringLiteral("tile_width"), 160},
                                                            {QStringLiteral("tile_height"), 90}, {QStringLiteral("columns"), 4}, {QStringLiteral("rows"), 4},
                                                            {QStringLiteral("jpeg_quality"), 80}});
    m_preset = writePreset(m_tmp.path(), preset);
    QVERIFY(!m_preset.isEmpty());
    m_inputs = m_tmp.filePath(QStringLiteral("inputs"));
    QDir().mkpath(m_inputs);
    QVERIFY(QFile::copy(good(QStringLiteral("sport_5994.mp4")), m_inputs + QStringLiteral("/a.mp4")));
    QVERIFY(QFile::copy(good(QStringLiteral("video_only.mp4")), m_inputs + QStringLiteral("/b.mp4")));
    QVERIFY(QFile::copy(good(QStringLiteral("ntsc_720p2997.mp4")), m_inputs + QStringLiteral("/c.mp4")));

    // The uninterrupted batch: how long a batch takes (kill times are drawn inside it) and what
    // a complete package decodes to.
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(runBatch(QStringLiteral("reference"), 0, -1), 0);
    m_batchMs = clock.elapsed();
    for (const QString &asset : kAssets) {
        const QString joined = m_tmp.filePath(QStringLiteral("ref-%1.mp4").arg(asset));
        QVERIFY(joinRendition(m_tmp.filePath(QStringLiteral("reference/out/%1/v1/180p").arg(asset)), joined));
        const QJsonArray v = streamsOfType(probeStreams(joined, true), QStringLiteral("video"));
        QCOMPARE(v.size(), 1);
        m_refFrames.insert(asset, v.at(0).toObject().value(QStringLiteral("nb_read_frames")).toString().toInt());
        QVERIFY(m_refFrames.value(asset) > 100);
    }
    const QString broken = checkRound(QStringLiteral("reference"));
    QVERIFY2(broken.isEmpty(), qPrintable(broken));
    qInfo("an uninterrupted 3-job batch took %lld ms", m_batchMs);
}

int TestKillTrial::runBatch(const QString &round, int run, int killAfterMs)
{
    QProcess p;
    const QString log = m_tmp.filePath(QStringLiteral("%1-run%2.log").arg(round).arg(run));
    p.setStandardOutputFile(log);
    p.setStandardErrorFile(log, QIODevice::Append);
    p.start(kCli, batchArgs(round));
    if (!p.waitForStarted(10000)) return -2;
    if (killAfterMs >= 0 && !p.waitForFinished(killAfterMs)) {
        crash(pid_t(p.processId()));
        p.waitForFinished(30000);
        return -1;
    }
    if (p.state() != QProcess::NotRunning && !p.waitForFinished(kCliTimeoutMs)) {
        crash(pid_t(p.processId()));
        p.waitForFinished(30000);
        return -2;
    }
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

QString TestKillTrial::checkRound(const QString &round)
{
    const QString out = m_tmp.filePath(round + QStringLiteral("/out"));
    for (const QString &asset : kAssets) {
        const QString assetDir = QDir(out).filePath(asset);
        if (versionDirs(assetDir) != QStringList{QStringLiteral("v1")})
            return QStringLiteral("%1: versions %2 (published more than once, or never)").arg(asset, versionDirs(assetDir).join(u','));
        if (QFileInfo(assetDir + QStringLiteral("/current")).symLinkTarget() != QFileInfo(assetDir + QStringLiteral("/v1")).absoluteFilePath())
            return asset + QStringLiteral(": `current` does not point at v1");
        const QStringList leftovers = QDir(assetDir).entryList({QStringLiteral(".*")}, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        if (!leftovers.isEmpty()) return asset + QStringLiteral(": left behind ") + leftovers.join(u',');
        const QString version = assetDir + QStringLiteral("/v1");
        const QJsonObject manifest = readManifest(version);
        if (manifest.value(QStringLiteral("status")).toString() != u"published") return asset + QStringLiteral(": manifest status is not 'published'");
        const QJsonArray renditions = manifest.value(QStringLiteral("renditions")).toArray();
        if (renditions.size() != (asset == u"b" ? 1 : 2)) return asset + QStringLiteral(": wrong rendition count in the manifest");
        for (const QJsonValue &rv : renditions) {
            const QJsonObject r = rv.toObject();
            const QJsonArray segments = r.value(QStringLiteral("segments")).toArray();
            if (segments.isEmpty() || segments.size() != r.value(QStringLiteral("segment_count")).toInt()) return asset + QStringLiteral(": segment list incomplete");
            for (const QJsonValue &sv : segments) {
                const QJsonObject s = sv.toObject();
                const QFileInfo f(QDir(version).filePath(s.value(QStringLiteral("file")).toString()));
                if (!f.isFile() || f.size() != qint64(s.value(QStringLiteral("bytes")).toDouble()))
                    return QStringLiteral("%1: %2 missing or not the size the manifest says").arg(asset, s.value(QStringLiteral("file")).toString());
            }
            if (!QFileInfo::exists(QDir(version).filePath(r.value(QStringLiteral("init")).toString())))
                return asset + QStringLiteral(": init segment missing");
        }
        const QString joined = m_tmp.filePath(QStringLiteral("check.mp4"));
        if (!joinRendition(version + QStringLiteral("/180p"), joined)) return asset + QStringLiteral(": 180p cannot be joined");
        const QJsonArray v = streamsOfType(probeStreams(joined, true), QStringLiteral("video"));
        if (v.size() != 1 || v.at(0).toObject().value(QStringLiteral("nb_read_frames")).toString().toInt() != m_refFrames.value(asset, -1))
            return asset + QStringLiteral(": the 180p rendition does not decode to the reference's frame count");
    }
    const ProcessResult list = runCli({QStringLiteral("queue"), QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--data-dir"),
                                       m_tmp.filePath(round + QStringLiteral("/data"))});
    const QJsonArray jobs = QJsonDocument::fromJson(list.out).array();
    if (jobs.size() != 3) return QStringLiteral("the store holds %1 jobs, not 3").arg(jobs.size());
    for (const QJsonValue &j : jobs)
        if (j.toObject().value(QStringLiteral("state")).toString() != u"succeeded")
            return QStringLiteral("job %1 is %2").arg(j.toObject().value(QStringLiteral("id")).toString(), j.toObject().value(QStringLiteral("state")).toString());
    return {};
}

void TestKillTrial::everyJobPublishedExactlyOnce()
{
    const bool full = qEnvironmentVariableIsSet("RENDITION_TEST_FULL");
    const int rounds = full ? 10 : 3;
    const quint32 seed = qEnvironmentVariableIsSet("RENDITION_TEST_SEED") ? quint32(qEnvironmentVariableIntValue("RENDITION_TEST_SEED"))
                                                                          : quint32(QDateTime::currentMSecsSinceEpoch());
    qInfo("kill trial: %d rounds, seed %u (RENDITION_TEST_SEED=%u replays it)", rounds, seed, seed);
    QRandomGenerator random(seed);
    int landed = 0; // kills that hit a running batch
    for (int round = 0; round < rounds; ++round) {
        const QString name = QStringLiteral("round%1").arg(round);
        const int kills = 1 + int(random.bounded(3)); // 1..3 crashes, then a run to the end
        QStringList times;
        for (int k = 0; k < kills; ++k) {
            // Within the first 60% of an uninterrupted batch: a resumed batch has less left to do.
            const int at = int(m_batchMs * (0.03 + 0.57 * random.generateDouble()));
            const int code = runBatch(name, k, at);
            QVERIFY2(code != -2, qPrintable(name + QStringLiteral(": a batch did not finish")));
            times << (code == -1 ? QStringLiteral("killed at %1 ms (%2)").arg(at).arg(lastLine(name, k))
                                 : QStringLiteral("finished before %1 ms").arg(at));
            if (code == -1) ++landed;
        }
        const int last = runBatch(name, kills, -1);
        qInfo("%s: %s; final run exit %d", qPrintable(name), qPrintable(times.join(QStringLiteral(", "))), last);
        QVERIFY2(last == 0, qPrintable(name + QStringLiteral(": the final batch failed; see ") + m_tmp.filePath(name + QStringLiteral("-run*.log"))));
        const QString broken = checkRound(name);
        QVERIFY2(broken.isEmpty(), qPrintable(QStringLiteral("%1 (seed %2): %3").arg(name).arg(seed).arg(broken)));
    }
    QVERIFY2(landed >= rounds, "too few kills hit a running batch for the trial to mean anything");
}

QTEST_GUILESS_MAIN(TestKillTrial)
#include "tst_killtrial.moc"
