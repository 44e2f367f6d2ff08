// Queue control in the JobStore (schema v2) on real SQLite files: queue-wide pause (seen by
// a second connection through data_version), pause/resume of queued and running jobs,
// reordering (before a job, top, bottom), re-runs with another preset, the approval gate
// (store, Approval, Publisher::pointCurrentAt, the preset flag) and the migration of a file
// written with the frozen v1 schema. Each with its bad-input paths.

#include "core/model/JobSpec.h"
#include "core/model/ProbeResult.h"
#include "core/pipeline/Publisher.h"
#include "core/queue/Approval.h"
#include "core/queue/JobRerun.h"
#include "core/queue/JobStore.h"
#include "core/queue/JobStorePrivate.h"
#include "tests/unit/StoreFixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace rendition;

namespace {

Preset tinyPreset(const QByteArray &qc = "{}", int version = 1)
{
    return parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "tiny", "version": )")
                       + QByteArray::number(version) + R"(,
      "ladder": [{"name": "360p", "codec": "h264", "height": 360, "rate_control": {"mode": "crf", "crf": 23}}],
      "qc": )" + qc + "}")
        .value();
}

JobSpec spec(int n) { return makeJobSpec(testing::probeOf(n), tinyPreset(), QStringLiteral("/srv/out")).value(); }


using testing::openStore;

QString enqueued(JobStore &store, int n, int priority = 0)
{
    Result<JobRecord> r = store.enqueue(spec(n), QString(), priority);
    if (!r) qFatal("enqueue failed: %s", qPrintable(r.error().toString()));
    return r->id;
}

JobRecord record(JobStore &store, const QString &id)
{
    return store.job(id).value().value();
}

QStringList runOrder(JobStore &store)
{
    QStringList ids;
    const QList<JobRecord> jobs = store.list().value();
    for (const JobRecord &j : jobs) ids << j.id;
    return ids;
}

// The v1 schema exactly as released (frozen here: the migration must keep reading it).
const char *const kV1Schema[] = {
    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
    "CREATE TABLE assets (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,"
    " mtime INTEGER NOT NULL DEFAULT 0, UNIQUE (path, sha256))",
    "CREATE TABLE batches (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, preset_name TEXT NOT NULL,"
    " output_root TEXT NOT NULL)",
    "CREATE TABLE jobs (id TEXT PRIMARY KEY, batch_id TEXT REFERENCES batches(id),"
    " asset_id INTEGER REFERENCES assets(id), spec_json TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'succeeded', 'qc_failed', 'failed',"
    " 'canceled', 'dead')), priority INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL,"
    " attempts INTEGER NOT NULL DEFAULT 0, last_stage TEXT NOT NULL DEFAULT '',"
    " published_dir TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    "CREATE INDEX jobs_runnable ON jobs (state, priority DESC, position)",
    "CREATE INDEX jobs_key ON jobs (idempotency_key, state)",
    "CREATE INDEX jobs_batch ON jobs (batch_id)",
    "CREATE TABLE stage_attempts (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, attempt INTEGER NOT NULL, stage TEXT NOT NULL,"
    " started_at TEXT NOT NULL, ended_at TEXT, worker TEXT NOT NULL DEFAULT '', error_code TEXT NOT NULL DEFAULT '',"
    " error_message TEXT NOT NULL DEFAULT '', log_tail TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX stage_attempts_job ON stage_attempts (job_id, id)",
    "CREATE TABLE renditions (job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE, name TEXT NOT NULL,"
    " dir TEXT NOT NULL, bytes INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (job_id, name))",
    "CREATE TABLE dead_letters (job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,"
    " reason TEXT NOT NULL, context_json TEXT NOT NULL, created_at TEXT NOT NULL)",
    "CREATE TABLE watched_files (path TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, queued_job_id TEXT REFERENCES jobs(id), PRIMARY KEY (path, size, mtime, sha256))",
    "INSERT INTO schema_version VALUES (1, '2024-01-01T00:00:00.000Z')",
};

// Writes a v1 database with four jobs (queued, paused, dead with a dead letter and attempts,
// succeeded with renditions) through a raw connection with foreign keys ON (as v1 ran).
void writeV1Database(const QString &path)
{
    {
        QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        c.setDatabaseName(path);
        QVERIFY(c.open());
        QSqlQuery q(c);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = ON")));
        for (const char *sql : kV1Schema) QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
        const char *states[] = {"queued", "paused", "dead", "succeeded"};
        for (int i = 0; i < 4; ++i) {
            const JobSpec s = spec(i + 1);
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO assets (id, path, sha256, size) VALUES (?, ?, ?, ?)")));
            q.addBindValue(i + 1);
            q.addBindValue(s.source.localPath());
            q.addBindValue(s.source.sha256);
            q.addBindValue(s.source.sizeBytes);
            QVERIFY(q.exec());
            QVERIFY(q.prepare(QStringLiteral("INSERT INTO jobs VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, 'transcode', ?,"
                                             " '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')")));
            for (const QVariant &v : QVariantList{QStringLiteral("job-%1").arg(i), i + 1, QString::fromUtf8(s.toJsonBytes()),
                                                  s.idempotencyKey, QString::fromLatin1(states[i]), i == 1 ? 5 : 0, i + 1,
                                                  i == 2 ? 3 : 1, i == 3 ? QStringLiteral("/srv/out/clip4/v1") : QStringLiteral("")})
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        for (const char *sql : {"INSERT INTO stage_attempts (job_id, attempt, stage, started_at, ended_at, error_code)"
                                " VALUES ('job-2', 1, 'job', '2024-01-01T00:00:00.000Z', '2024-01-01T00:01:00.000Z',"
                                " 'worker.crashed')",
                                "INSERT INTO stage_attempts (job_id, attempt, stage, started_at, ended_at)"
                                " VALUES ('job-3', 1, 'job', '2024-01-01T00:00:00.000Z', '2024-01-01T00:02:00.000Z')",
                                "INSERT INTO dead_letters VALUES ('job-2', 'permanent: x', '{}', '2024-01-01T00:01:00.000Z')",
                                "INSERT INTO renditions VALUES ('job-3', '360p', '/srv/out/clip4/v1/360p', 1234)",
                                "INSERT INTO watched_files VALUES ('/drop/a.mov', 10, 20, 'ab', 'job-0')"})
            QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
}

} // namespace

class TestJobControl : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void queuePauseIsPersistedAndSeenByAnotherConnection()
    {
        auto a = openStore(path("pause.db"));
        auto b = openStore(path("pause.db"));
        QCOMPARE(a->isQueuePaused().value(), false);
        const qint64 before = b->dataVersion().value();
        QVERIFY(a->setQueuePaused(true));
        QVERIFY(a->setQueuePaused(true)); // idempotent
        QVERIFY(b->dataVersion().value() != before); // b learns cheaply that something changed
        QCOMPARE(b->isQueuePaused().value(), true);
        const qint64 own = b->dataVersion().value();
        QVERIFY(b->setQueuePaused(false));
        QCOMPARE(b->dataVersion().value(), own); // own writes do not count
        QCOMPARE(a->isQueuePaused().value(), false);
        a.reset();
        QCOMPARE(openStore(path("pause.db"))->isQueuePaused().value(), false);
        QVERIFY(b->setQueuePaused(true));
        b.reset();
        QCOMPARE(openStore(path("pause.db"))->isQueuePaused().value(), true); // survives restart
    }

    void pauseAndResumeJobs()
    {
        auto store = openStore(path("jobs.db"));
        const QString queued = enqueued(*store, 1, 5);
        const QString running = enqueued(*store, 2);
        const QString other = enqueued(*store, 3);
        QVERIFY(store->pauseJob(queued));
        QCOMPARE(record(*store, queued).resumeState, JobState::Queued);
        // A paused queued job is never claimed, even with the highest priority.
        QCOMPARE(store->claimNext().value()->id, running);
        QVERIFY(store->pauseJob(running));
        JobRecord r = record(*store, running);
        QCOMPARE(r.state, JobState::Paused);
        QCOMPARE(r.resumeState, JobState::Running);
        QCOMPARE(store->nextRunnable().value()->id, other);

        QCOMPARE(store->resumeJob(running).value(), JobState::Running);
        QCOMPARE(record(*store, running).resumeState, JobState::Invalid);
        QCOMPARE(store->resumeJob(queued).value(), JobState::Queued);
        QCOMPARE(store->nextRunnable().value()->id, queued);

        // Bad inputs: unknown id, resume of a job that is not paused, pause twice / of a final job.
        QCOMPARE(store->pauseJob(QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(store->resumeJob(QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(store->resumeJob(queued).error().code, QStringLiteral("store.bad_transition"));
        QVERIFY(store->pauseJob(queued));
        QCOMPARE(store->pauseJob(queued).error().code, QStringLiteral("store.bad_transition"));
        QVERIFY(store->setState(other, JobState::Running));
        QVERIFY(store->recordPublished(other, JobState::Succeeded, QStringLiteral("/srv/out/clip3/v1"), {}));
        const Status final = store->pauseJob(other);
        QCOMPARE(final.error().code, QStringLiteral("store.bad_transition"));
        QVERIFY(final.error().message.contains(other));
    }

    void recoveryKeepsJobsPausedWhileRunningPaused()
    {
        auto store = openStore(path("recover.db"));
        const QString id = enqueued(*store, 1);
        store->setLeaseOwner(QStringLiteral("other-host/1/1")); // a runner elsewhere whose lease runs out
        store->setLeaseDurationMs(1);
        QCOMPARE(store->claimNext().value()->id, id);
        store->recordAttempt({0, id, 1, QStringLiteral("job"), QDateTime::currentDateTimeUtc(), {}, QStringLiteral("pid 1")})
            .value();
        QVERIFY(store->pauseJob(id));
        // The process that owned the stopped worker dies; its lease expires.
        QTest::qWait(20);
        QVERIFY(store->recoverInterrupted().value().isEmpty());
        const JobRecord r = record(*store, id);
        QCOMPARE(r.state, JobState::Paused);
        QCOMPARE(r.resumeState, JobState::Queued); // its worker is gone: resuming queues it
        QCOMPARE(store->attempts(id).value().first().errorCode, QStringLiteral("worker.interrupted"));
        QCOMPARE(store->resumeJob(id).value(), JobState::Queued);
    }

    // moveJob shifts whichever side is smaller (between, or beyond the anchor): every move of
    // a seeded random sequence over 9 jobs must give the order of a plain list model.
    void moveMatchesAListModel()
    {
        auto store = openStore(path("movemodel.db"));
        QStringList model;
        for (int i = 1; i <= 9; ++i) model << enqueued(*store, i);
        QRandomGenerator rng(20261121);
        for (int step = 0; step < 60; ++step) {
            const QString moving = model.at(int(rng.bounded(model.size())));
            QString anchor = moving;
            while (anchor == moving) anchor = model.at(int(rng.bounded(model.size())));
            QVERIFY(store->moveJob(moving, anchor));
            model.removeOne(moving);
            model.insert(model.indexOf(anchor), moving);
            QCOMPARE(runOrder(*store), model);
        }
    }

    void moveReorders()
    {
        auto store = openStore(path("move.db"));
        const QString a = enqueued(*store, 1), b = enqueued(*store, 2), c = enqueued(*store, 3), d = enqueued(*store, 4);
        QCOMPARE(runOrder(*store), (QStringList{a, b, c, d}));
        QVERIFY(store->moveJob(d, b));
        QCOMPARE(runOrder(*store), (QStringList{a, d, b, c}));
        QVERIFY(store->moveJobTo(a, QueueEnd::Bottom));
        QCOMPARE(runOrder(*store), (QStringList{d, b, c, a}));
        QVERIFY(store->moveJobTo(c, QueueEnd::Top));
        QCOMPARE(runOrder(*store), (QStringList{c, d, b, a}));
        QCOMPARE(store->claimNext().value()->id, c);
        // Moving before a job of another priority takes that priority: the list order holds.
        QVERIFY(store->setPriority(b, 9));
        QCOMPARE(runOrder(*store).first(), b);
        QVERIFY(store->moveJob(a, b));
        QCOMPARE(record(*store, a).priority, 9);
        QCOMPARE(runOrder(*store).mid(0, 2), (QStringList{a, b}));

        QCOMPARE(store->moveJob(a, a).error().code, QStringLiteral("store.bad_move"));
        QVERIFY(store->moveJob(a, a).error().message.contains(QStringLiteral("itself")));
        QCOMPARE(store->moveJob(QStringLiteral("nope"), a).error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(store->moveJob(a, QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(store->moveJob(c, a).error().code, QStringLiteral("store.bad_move")); // c is running
        QCOMPARE(store->moveJobTo(a, QueueEnd::Invalid).error().code, QStringLiteral("store.bad_move"));
        QCOMPARE(runOrder(*store).mid(0, 2), (QStringList{a, b})); // failed moves changed nothing
    }

    void rerunMakesANewJobWithTheNewPreset()
    {
        auto store = openStore(path("rerun.db"));
        const QString old = enqueued(*store, 1);
        const Preset v2 = tinyPreset(R"({"enabled": false})", 2);
        QCOMPARE(store->rerun(old, v2).error().code, QStringLiteral("store.bad_transition")); // still queued
        QVERIFY(store->setState(old, JobState::Running));
        QVERIFY(store->recordPublished(old, JobState::Succeeded, QStringLiteral("/srv/out/clip1/v1"), {}));
        const JobRecord before = record(*store, old);

        const JobRecord fresh = store->rerun(old, v2).value();
        QVERIFY(fresh.id != old);
        QCOMPARE(fresh.state, JobState::Queued);
        QCOMPARE(fresh.rerunOf, old);
        QCOMPARE(record(*store, fresh.id).rerunOf, old);
        const JobSpec oldSpec = before.spec().value(), newSpec = fresh.spec().value();
        QCOMPARE(newSpec.source.uri, oldSpec.source.uri);
        QCOMPARE(newSpec.source.sha256, oldSpec.source.sha256);
        QCOMPARE(newSpec.outputRoot, oldSpec.outputRoot);
        QCOMPARE(newSpec.preset.version, 2);
        QVERIFY(newSpec.idempotencyKey != oldSpec.idempotencyKey);
        QCOMPARE(newSpec.idempotencyKey, computeIdempotencyKey(oldSpec.source.sha256, v2, engineVersion()));
        const JobRecord after = record(*store, old); // history untouched
        QCOMPARE(after.state, JobState::Succeeded);
        QCOMPARE(after.publishedDir, before.publishedDir);
        QCOMPARE(after.specJson, before.specJson);

        QCOMPARE(store->rerun(QStringLiteral("nope"), v2).error().code, QStringLiteral("store.no_such_job"));
        // The spec path alone: same source, new id and key.
        const JobSpec again = makeRerunSpec(oldSpec, v2);
        QVERIFY(again.id != newSpec.id);
        QCOMPARE(again.idempotencyKey, newSpec.idempotencyKey);
    }

    void approvalFlagInPresets()
    {
        QCOMPARE(tinyPreset().qc.requireApproval, false);
        const Preset gated = tinyPreset(R"({"require_approval": true})");
        QCOMPARE(gated.qc.requireApproval, true);
        QCOMPARE(gated.toJson().value(QStringLiteral("qc")).toObject().value(QStringLiteral("require_approval")).toBool(), true);
        QCOMPARE(parsePreset(gated.toJson()).value().qc.requireApproval, true); // round trip
        QVERIFY(!tinyPreset().canonicalJson().contains("require_approval")); // old presets keep their keys
        QVERIFY(gated.canonicalJson() != tinyPreset().canonicalJson());
        QList<PresetIssue> issues;
        QVERIFY(!parsePreset(QByteArray(R"({"schema": "rendition.preset/1", "name": "bad",
            "ladder": [{"name": "a", "codec": "h264", "height": 360, "rate_control": {"mode": "crf", "crf": 23}}],
            "qc": {"require_approval": "yes"}})"), &issues));
        QCOMPARE(issues.size(), 1);
        QCOMPARE(issues.first().path, QStringLiteral("qc.require_approval"));
    }

    void approveMovesCurrentAndRejectRecordsTheReason()
    {
        auto store = openStore(path("approve.db"));
        const QString assetDir = m_dir.filePath(QStringLiteral("out/clip"));
        for (const char *v : {"v1", "v2"}) {
            QVERIFY(QDir().mkpath(assetDir + u'/' + QLatin1String(v)));
            QFile m(assetDir + u'/' + QLatin1String(v) + QStringLiteral("/manifest.json"));
            QVERIFY(m.open(QIODevice::WriteOnly));
            m.write("{}");
        }
        QVERIFY(Publisher::pointCurrentAt(assetDir, QStringLiteral("v1")));
        QCOMPARE(QFileInfo(assetDir + QStringLiteral("/current")).symLinkTarget(), assetDir + QStringLiteral("/v1"));

        const QString good = enqueued(*store, 1), bad = enqueued(*store, 2), plain = enqueued(*store, 3);
        for (const QString &id : {good, bad}) QVERIFY(store->setState(id, JobState::Running));
        QVERIFY(store->recordPublished(good, JobState::AwaitingApproval, assetDir + QStringLiteral("/v2"), {}));
        QVERIFY(store->recordPublished(bad, JobState::AwaitingApproval, m_dir.filePath(QStringLiteral("out/gone/v1")), {}));
        Approval approval(*store);
        QCOMPARE(approval.pending().value().size(), 2);
        QCOMPARE(record(*store, good).state, JobState::AwaitingApproval);
        QCOMPARE(QFileInfo(assetDir + QStringLiteral("/current")).symLinkTarget(), assetDir + QStringLiteral("/v1"));

        QVERIFY(approval.approve(good, QStringLiteral("looks right")));
        QCOMPARE(QFileInfo(assetDir + QStringLiteral("/current")).symLinkTarget(), assetDir + QStringLiteral("/v2"));
        JobRecord r = record(*store, good);
        QCOMPARE(r.state, JobState::Succeeded);
        QCOMPARE(r.reviewNote, QStringLiteral("looks right"));
        QVERIFY(r.reviewedAt.isValid());
        QCOMPARE(store->findPublished(r.idempotencyKey).value().value(), assetDir + QStringLiteral("/v2"));

        // Bad inputs: approve twice, approve a job that never awaited, unknown id, the version
        // folder is gone, a reject without a reason, a version that does not exist.
        QCOMPARE(approval.approve(good).error().code, QStringLiteral("store.not_awaiting_approval"));
        QCOMPARE(approval.approve(plain).error().code, QStringLiteral("store.not_awaiting_approval"));
        QVERIFY(approval.approve(plain).error().message.contains(QStringLiteral("queued")));
        QCOMPARE(approval.reject(plain, QStringLiteral("x")).error().code, QStringLiteral("store.not_awaiting_approval"));
        QCOMPARE(approval.approve(QStringLiteral("nope")).error().code, QStringLiteral("store.no_such_job"));
        QCOMPARE(approval.approve(bad).error().code, QStringLiteral("approval.no_version"));
        QCOMPARE(store->approveJob(plain).error().code, QStringLiteral("store.not_awaiting_approval"));
        QCOMPARE(approval.reject(bad, QStringLiteral("  ")).error().code, QStringLiteral("store.bad_transition"));
        QCOMPARE(Publisher::pointCurrentAt(assetDir, QStringLiteral("v9")).error().code, QStringLiteral("publish.version"));
        QCOMPARE(Publisher::pointCurrentAt(assetDir, QStringLiteral("../x")).error().code, QStringLiteral("publish.version"));

        QVERIFY(approval.reject(bad, QStringLiteral("wrong audio language")));
        r = record(*store, bad);
        QCOMPARE(r.state, JobState::Rejected);
        QCOMPARE(r.reviewNote, QStringLiteral("wrong audio language"));
        QVERIFY(!store->findPublished(r.idempotencyKey).value().has_value());
        QCOMPARE(store->rejectJob(bad, QStringLiteral("again")).error().code, QStringLiteral("store.not_awaiting_approval"));
        QVERIFY(store->setState(bad, JobState::Queued)); // retry: a fresh encode
        QVERIFY(approval.pending().value().isEmpty());
    }

    void approvalTransitions()
    {
        using S = JobState;
        QVERIFY(isAllowedTransition(S::Running, S::AwaitingApproval));
        QVERIFY(isAllowedTransition(S::AwaitingApproval, S::Succeeded));
        QVERIFY(isAllowedTransition(S::AwaitingApproval, S::Rejected));
        QVERIFY(!isAllowedTransition(S::AwaitingApproval, S::Queued));
        QVERIFY(!isAllowedTransition(S::AwaitingApproval, S::Running));
        QVERIFY(!isAllowedTransition(S::Queued, S::AwaitingApproval));
        QVERIFY(isAllowedTransition(S::Rejected, S::Queued));
        QVERIFY(!isAllowedTransition(S::Rejected, S::Succeeded));
        QVERIFY(isAllowedTransition(S::Paused, S::Running));
        QVERIFY(!isAllowedTransition(S::Paused, S::Succeeded));
        for (S s : {S::AwaitingApproval, S::Rejected}) QCOMPARE(jobStateFromName(jobStateName(s)), s);
        QCOMPARE(jobStateName(S::AwaitingApproval), QStringLiteral("awaiting_approval"));
    }

    void migratesAV1Database()
    {
        const QString db = path("v1.db");
        writeV1Database(db);
        if (QTest::currentTestFailed()) return;
        auto store = openStore(db);
        QCOMPARE(store->schemaVersion().value(), JobStore::kSchemaVersion);
        const QList<JobRecord> jobs = store->list().value();
        QCOMPARE(jobs.size(), 4);
        QCOMPARE(record(*store, QStringLiteral("job-0")).state, JobState::Queued);
        const JobRecord paused = record(*store, QStringLiteral("job-1"));
        QCOMPARE(paused.state, JobState::Paused);
        QCOMPARE(paused.priority, 5);
        QCOMPARE(paused.resumeState, JobState::Queued); // v1 paused only queued jobs
        QCOMPARE(paused.lastStage, QStringLiteral("transcode"));
        QCOMPARE(paused.spec().value().idempotencyKey, spec(2).idempotencyKey);
        // Children of the rebuilt jobs table survived (no cascade) and still join.
        QCOMPARE(store->attempts(QStringLiteral("job-2")).value().size(), 1);
        QCOMPARE(store->attempts(QStringLiteral("job-2")).value().first().errorCode, QStringLiteral("worker.crashed"));
        QCOMPARE(store->deadLetters().value().size(), 1);
        QCOMPARE(store->renditions(QStringLiteral("job-3")).value().size(), 1);
        QCOMPARE(store->findPublished(spec(4).idempotencyKey).value().value(), QStringLiteral("/srv/out/clip4/v1"));
        QVERIFY(store->isWatchedFileQueued(QStringLiteral("/drop/a.mov"), 10, 20, QStringLiteral("ab")).value());
        // The new features work on the migrated file, and foreign keys are enforced again.
        QCOMPARE(store->resumeJob(QStringLiteral("job-1")).value(), JobState::Queued);
        QVERIFY(store->setQueuePaused(true));
        QVERIFY(!store->enqueue(spec(9), QStringLiteral("no-such-batch")));
        QCOMPARE(store->enqueue(spec(9), QString()).value().position, 5);
        store.reset();
        QCOMPARE(openStore(db)->schemaVersion().value(), JobStore::kSchemaVersion); // reopens without re-running
    }

    // A v2 file (the released v1 schema + the released migration 2, no work classes yet):
    // v3 adds the work column; queued jobs of v2 are classified from their specs when the
    // pool first asks, and claimed atomically.
    void migratesAV2Database()
    {
        const QString db = path("v2.db");
        writeV1Database(db);
        if (QTest::currentTestFailed()) return;
        {
            QSqlDatabase c = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            c.setDatabaseName(db);
            QVERIFY(c.open());
            QSqlQuery q(c);
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys = OFF")));
            const detail::StoreMigration &v2 = detail::jobStoreMigrations().at(1);
            QCOMPARE(v2.version, 2);
            for (const QString &sql : v2.statements) QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (2, '2024-02-01T00:00:00.000Z')")));
            QVERIFY(!q.exec(QStringLiteral("SELECT work FROM jobs"))); // not there before v3
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));
        auto store = openStore(db);
        QCOMPARE(store->schemaVersion().value(), JobStore::kSchemaVersion); // v3 (work classes) and v4 (leases)
        QCOMPARE(store->list().value().size(), 4);
        const QString cls = workClassFor(spec(1));
        QStringList other{QStringLiteral("light"), QStringLiteral("cpu"), QStringLiteral("hardware")};
        QCOMPARE(other.removeAll(cls), 1);
        QVERIFY(store->queuedOfWork(other, 10).value().isEmpty()); // classified, and not as the others
        const QList<JobRecord> queued = store->queuedOfWork({cls}, 10).value();
        QCOMPARE(queued.size(), 1);
        QCOMPARE(queued.first().id, QStringLiteral("job-0"));
        QVERIFY(store->claim(QStringLiteral("job-0")).value());
        QVERIFY(!store->claim(QStringLiteral("job-0")).value()); // already running: the loser gets false
        QVERIFY(!store->claim(QStringLiteral("job-1")).value()); // paused jobs are not claimed
        QCOMPARE(record(*store, QStringLiteral("job-0")).state, JobState::Running);
        // New jobs carry their class from the start.
        QVERIFY(store->enqueue(spec(9), QString()));
        QCOMPARE(store->queuedOfWork({workClassFor(spec(9))}, 10).value().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestJobControl)
#include "tst_jobcontrol.moc"
