// StageCheckpoint: checkpoints written atomically with the outputs' size and SHA-256; resume
// keeps the longest verified prefix of each chain, drops the rest and prunes their partial
// outputs; tampered, truncated or missing outputs, another job key, unreadable checkpoints
// and data that does not load all send a stage back to run; a canceled write stops.

#include "core/pipeline/StageCheckpoint.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;

namespace {

const QString kKey = QStringLiteral("key-aaaa");

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestStageCheckpoint : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void writesAndVerifies();
    void damagedOutputRunsAgain_data();
    void damagedOutputRunsAgain();
    void keepsTheVerifiedPrefix();
    void laterStageMayRewriteEarlierFiles();
    void chainsAreIndependent();
    void otherKeyIsNeverReused();
    void unreadableCheckpointIsDropped();
    void dataThatDoesNotLoadRunsAgain();
    void prunesPartialOutputs();
    void canceledWriteStops();

private:
    QString staging(const QString &rel = {}) const { return rel.isEmpty() ? m_staging : QDir(m_staging).filePath(rel); }
    StageCheckpoint store(const QString &key = kKey) const { return StageCheckpoint(m_staging, m_checkpoints, key); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_staging;
    QString m_checkpoints;
};

void TestStageCheckpoint::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_staging = m_tmp->filePath(QStringLiteral(".staging-job-1"));
    m_checkpoints = m_staging + QStringLiteral(".checkpoints");
}

void TestStageCheckpoint::writesAndVerifies()
{
    StageCheckpoint cp = store();
    QCOMPARE(cp.open().value(), false); // nothing earlier
    QVERIFY(writeFile(staging(QStringLiteral("720p/init.mp4")), "init"));
    QVERIFY(writeFile(staging(QStringLiteral("720p/seg_00001.m4s")), QByteArray(5000, 'x')));
    const QJsonObject data{{QStringLiteral("gain_db"), 3.141592653589793}};
    QVERIFY(cp.write(QStringLiteral("transcode"), data, {QStringLiteral("720p")}).ok());

    const Result<Checkpoint> read = cp.read(QStringLiteral("transcode"));
    QVERIFY2(read.ok(), qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->files.size(), 2);
    QCOMPARE(read->files.at(1).path, QStringLiteral("720p/seg_00001.m4s"));
    QCOMPARE(read->files.at(1).sizeBytes, 5000);
    QCOMPARE(read->files.at(1).sha256.size(), 64);
    QCOMPARE(read->data.value(QStringLiteral("gain_db")).toDouble(), 3.141592653589793); // exact
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/transcode.json.part")));

    StageCheckpoint again = store(); // the next attempt
    QCOMPARE(again.open().value(), true);
    const ResumeState state = again.resume({{QStringLiteral("transcode")}}, {});
    QVERIFY(state.verified.contains(QStringLiteral("transcode")));
    QCOMPARE(state.data.value(QStringLiteral("transcode")), data);
    QCOMPARE(readFile(staging(QStringLiteral("720p/seg_00001.m4s"))).size(), 5000); // kept
}

void TestStageCheckpoint::damagedOutputRunsAgain_data()
{
    QTest::addColumn<QString>("damage");
    QTest::newRow("tampered, same size") << QStringLiteral("tamper");
    QTest::newRow("truncated") << QStringLiteral("truncate");
    QTest::newRow("missing") << QStringLiteral("remove");
    QTest::newRow("zeroed, same size") << QStringLiteral("zero");
}

void TestStageCheckpoint::damagedOutputRunsAgain()
{
    QFETCH(QString, damage);
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    const QString seg = staging(QStringLiteral("720p/seg_00001.m4s"));
    QVERIFY(writeFile(seg, QByteArray(4096, 'v')));
    QVERIFY(writeFile(staging(QStringLiteral("720p/seg_00002.m4s")), QByteArray(4096, 'w')));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("720p")}).ok());
    if (damage == u"tamper") QVERIFY(writeFile(seg, QByteArray(4095, 'v') + 'X'));
    else if (damage == u"truncate") QVERIFY(QFile::resize(seg, 1000));
    else if (damage == u"zero") QVERIFY(writeFile(seg, QByteArray(4096, '\0')));
    else QVERIFY(QFile::remove(seg));

    StageCheckpoint again = store();
    QCOMPARE(again.open().value(), true);
    QStringList log;
    const ResumeState state = again.resume({{QStringLiteral("transcode")}}, {}, [&](const QString &l) { log << l; });
    QVERIFY(state.verified.isEmpty());
    QCOMPARE(state.discarded, QStringList{QStringLiteral("transcode")});
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/transcode.json")));
    QVERIFY2(log.join(u'\n').contains(QStringLiteral("seg_00001.m4s")), qPrintable(log.join(u'\n'))); // names the file
    QVERIFY(!QFileInfo::exists(seg)); // partial outputs pruned, so the stage starts clean
    QVERIFY(!QFileInfo::exists(staging(QStringLiteral("720p"))));
}

void TestStageCheckpoint::keepsTheVerifiedPrefix()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(cp.write(QStringLiteral("loudness"), {{QStringLiteral("gain"), -4.5}}, {}).ok()); // data only
    QVERIFY(writeFile(staging(QStringLiteral("v/seg.m4s")), "video"));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}).ok());
    QVERIFY(writeFile(staging(QStringLiteral("qc.json")), "{}"));
    QVERIFY(cp.write(QStringLiteral("qc"), {}, {QStringLiteral("qc.json")}).ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg.m4s")), "VIDEO")); // transcode's output damaged

    StageCheckpoint again = store();
    QVERIFY(again.open().ok());
    const QStringList chain{QStringLiteral("loudness"), QStringLiteral("transcode"), QStringLiteral("qc")};
    const ResumeState state = again.resume({chain}, {});
    QCOMPARE(state.verified, QSet<QString>{QStringLiteral("loudness")});
    QCOMPARE(state.data.value(QStringLiteral("loudness")).value(QStringLiteral("gain")).toDouble(), -4.5);
    QVERIFY(state.discarded.contains(QStringLiteral("transcode")) && state.discarded.contains(QStringLiteral("qc")));
    QVERIFY(QFileInfo::exists(m_checkpoints + QStringLiteral("/loudness.json")));
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/qc.json"))); // later stages go too
    QVERIFY(!QFileInfo::exists(staging(QStringLiteral("qc.json"))));
}

void TestStageCheckpoint::laterStageMayRewriteEarlierFiles()
{
    // encrypt rewrites transcode's tracks in place: after encrypt's checkpoint both verify;
    // killed half-way through the rewrite (no encrypt checkpoint), transcode no longer does.
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_1.m4s")), "clear-1"));
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_2.m4s")), "clear-2"));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}).ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_1.m4s")), "secret-1"));
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_2.m4s")), "secret-2"));
    QVERIFY(cp.write(QStringLiteral("encrypt"), {}, {QStringLiteral("v")}).ok());
    const QList<QStringList> chains{{QStringLiteral("transcode"), QStringLiteral("encrypt")}};
    {
        StageCheckpoint again = store();
        QVERIFY(again.open().ok());
        const ResumeState state = again.resume(chains, {});
        QCOMPARE(state.verified, (QSet<QString>{QStringLiteral("transcode"), QStringLiteral("encrypt")}));
        QCOMPARE(readFile(staging(QStringLiteral("v/seg_2.m4s"))), QByteArray("secret-2"));
    }
    cp.remove(QStringLiteral("encrypt"));
    {
        StageCheckpoint again = store();
        QVERIFY(again.open().ok());
        const ResumeState state = again.resume(chains, {});
        QVERIFY(state.verified.isEmpty()); // half-encrypted tracks are never taken for clear ones
        QVERIFY(!QFileInfo::exists(staging(QStringLiteral("v/seg_1.m4s"))));
    }
}

void TestStageCheckpoint::chainsAreIndependent()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(staging(QStringLiteral("thumbnails/sprite_0.jpg")), "jpeg"));
    QVERIFY(cp.write(QStringLiteral("thumbnails"), {}, {QStringLiteral("thumbnails")}).ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg.m4s")), "partial")); // transcode never finished

    StageCheckpoint again = store();
    QVERIFY(again.open().ok());
    const ResumeState state = again.resume({{QStringLiteral("thumbnails")}, {QStringLiteral("transcode")}}, {});
    QCOMPARE(state.verified, QSet<QString>{QStringLiteral("thumbnails")});
    QVERIFY(QFileInfo::exists(staging(QStringLiteral("thumbnails/sprite_0.jpg"))));
    QVERIFY(!QFileInfo::exists(staging(QStringLiteral("v/seg.m4s"))));
}

void TestStageCheckpoint::otherKeyIsNeverReused()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg.m4s")), "made for another preset"));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}).ok());
    QCOMPARE(StageCheckpoint::storedKey(m_checkpoints), kKey);

    // The checkpoint itself refuses a reader with another key...
    const Result<Checkpoint> foreign = store(QStringLiteral("key-bbbb")).read(QStringLiteral("transcode"));
    QVERIFY(!foreign.ok());
    QCOMPARE(foreign.error().code, QStringLiteral("checkpoint.key_mismatch"));
    // ... and opening the folder for another key empties it.
    StageCheckpoint other = store(QStringLiteral("key-bbbb"));
    QCOMPARE(other.open().value(), false);
    QVERIFY(!QFileInfo::exists(staging(QStringLiteral("v/seg.m4s"))));
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/transcode.json")));
    QCOMPARE(StageCheckpoint::storedKey(m_checkpoints), QStringLiteral("key-bbbb"));
    QVERIFY(other.resume({{QStringLiteral("transcode")}}, {}).verified.isEmpty());
}

void TestStageCheckpoint::unreadableCheckpointIsDropped()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(m_checkpoints + QStringLiteral("/transcode.json"), "{\"schema\": \"rendition.checkpoint/1\", trunc"));
    Result<Checkpoint> bad = cp.read(QStringLiteral("transcode"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("checkpoint.invalid"));

    // A path escaping the staging folder is refused, not followed.
    const QJsonObject escaping{{QStringLiteral("schema"), QString::fromLatin1(kCheckpointSchema)}, {QStringLiteral("stage"), QStringLiteral("qc")},
                               {QStringLiteral("idempotency_key"), kKey},
                               {QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("path"), QStringLiteral("../../etc/passwd")},
                                                                                {QStringLiteral("bytes"), 1}, {QStringLiteral("sha256"), QString()}}}}};
    QVERIFY(writeFile(m_checkpoints + QStringLiteral("/qc.json"), QJsonDocument(escaping).toJson()));
    bad = cp.read(QStringLiteral("qc"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, QStringLiteral("checkpoint.invalid"));

    const ResumeState state = cp.resume({{QStringLiteral("transcode"), QStringLiteral("qc")}}, {});
    QVERIFY(state.verified.isEmpty());
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/transcode.json")));
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/qc.json")));
    QCOMPARE(cp.read(QStringLiteral("qc")).error().code, QStringLiteral("checkpoint.missing"));
}

void TestStageCheckpoint::dataThatDoesNotLoadRunsAgain()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(cp.write(QStringLiteral("loudness"), {{QStringLiteral("ok"), true}}, {}).ok());
    QVERIFY(cp.write(QStringLiteral("transcode"), {{QStringLiteral("ok"), false}}, {}).ok());
    const ResumeState state = cp.resume({{QStringLiteral("loudness"), QStringLiteral("transcode")}},
                                        [](const QString &, const QJsonObject &d) { return d.value(QStringLiteral("ok")).toBool(); });
    QCOMPARE(state.verified, QSet<QString>{QStringLiteral("loudness")});
    QCOMPARE(state.discarded, QStringList{QStringLiteral("transcode")});
}

void TestStageCheckpoint::prunesPartialOutputs()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_1.m4s")), "done"));
    QVERIFY(cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}).ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_2.m4s.part")), "half a rewrite"));
    QVERIFY(writeFile(staging(QStringLiteral("v.enc/seg_1.m4s")), "half an encryption"));
    QVERIFY(writeFile(staging(QStringLiteral("master.m3u8")), "#EXTM3U"));
    QVERIFY(QDir().mkpath(staging(QStringLiteral("a/b/c"))));

    StageCheckpoint again = store();
    QVERIFY(again.open().ok());
    QVERIFY(again.resume({{QStringLiteral("transcode"), QStringLiteral("encrypt")}}, {}).verified.contains(QStringLiteral("transcode")));
    QCOMPARE(QDir(m_staging).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList{QStringLiteral("v")});
    QCOMPARE(QDir(staging(QStringLiteral("v"))).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("seg_1.m4s")});
}

void TestStageCheckpoint::canceledWriteStops()
{
    StageCheckpoint cp = store();
    QVERIFY(cp.open().ok());
    QVERIFY(writeFile(staging(QStringLiteral("v/seg_1.m4s")), QByteArray(1 << 20, 'x')));
    CancelToken cancel;
    cancel.cancel();
    const Status s = cp.write(QStringLiteral("transcode"), {}, {QStringLiteral("v")}, cancel);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("canceled"));
    QVERIFY(!QFileInfo::exists(m_checkpoints + QStringLiteral("/transcode.json"))); // no checkpoint for unfinished work
}

QTEST_GUILESS_MAIN(TestStageCheckpoint)
#include "tst_stagecheckpoint.moc"
