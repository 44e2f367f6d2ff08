// The job store's schema, as migrations. Never edit a released migration: add the next
// one (and a test that migrates a file of every earlier version). See JobStore.h.

#include "core/queue/JobStorePrivate.h"

namespace rendition::detail {

const QList<StoreMigration> &jobStoreMigrations()
{
    static const QList<StoreMigration> migrations{
        {1,
         {
             // size: bytes; mtime: ms since the Unix epoch (0 = unknown)
             QStringLiteral("CREATE TABLE assets ("
                            " id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
                            " size INTEGER NOT NULL, mtime INTEGER NOT NULL DEFAULT 0,"
                            " UNIQUE (path, sha256))"),
             QStringLiteral("CREATE TABLE batches ("
                            " id TEXT PRIMARY KEY, created_at TEXT NOT NULL, preset_name TEXT NOT NULL,"
                            " output_root TEXT NOT NULL)"),
             QStringLiteral("CREATE TABLE jobs ("
                            " id TEXT PRIMARY KEY,"
                            " batch_id TEXT REFERENCES batches(id),"
                            " asset_id INTEGER REFERENCES assets(id),"
                            " spec_json TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
                            " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'succeeded',"
                            "   'qc_failed', 'failed', 'canceled', 'dead')),"
                            " priority INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL,"
                            " attempts INTEGER NOT NULL DEFAULT 0, last_stage TEXT NOT NULL DEFAULT '',"
                            " published_dir TEXT NOT NULL DEFAULT '',"
                            " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"),
             QStringLiteral("CREATE INDEX jobs_runnable ON jobs (state, priority DESC, position)"),
             QStringLiteral("CREATE INDEX jobs_key ON jobs (idempotency_key, state)"),
             QStringLiteral("CREATE INDEX jobs_batch ON jobs (batch_id)"),
             QStringLiteral("CREATE TABLE stage_attempts ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,"
                            " attempt INTEGER NOT NULL, stage TEXT NOT NULL,"
                            " started_at TEXT NOT NULL, ended_at TEXT,"
                            " worker TEXT NOT NULL DEFAULT '', error_code TEXT NOT NULL DEFAULT '',"
                            " error_message TEXT NOT NULL DEFAULT '', log_tail TEXT NOT NULL DEFAULT '')"),
             QStringLiteral("CREATE INDEX stage_attempts_job ON stage_attempts (job_id, id)"),
             QStringLiteral("CREATE TABLE renditions ("
                            " job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,"
                            " name TEXT NOT NULL, dir TEXT NOT NULL, bytes INTEGER NOT NULL DEFAULT 0,"
                            " PRIMARY KEY (job_id, name))"),
             QStringLiteral("CREATE TABLE dead_letters ("
                            " job_id TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,"
                            " reason TEXT NOT NULL, context_json TEXT NOT NULL, created_at TEXT NOT NULL)"),
             // A watched file is queued once per (path, size, mtime, sha256), across restarts.
             QStringLiteral("CREATE TABLE watched_files ("
                            " path TEXT NOT NULL, size INTEGER NOT NULL, mtime INTEGER NOT NULL,"
                            " sha256 TEXT NOT NULL, queued_job_id TEXT REFERENCES jobs(id),"
                            " PRIMARY KEY (path, size, mtime, sha256))"),
         }},
        {2,
         {
             // Queue-wide settings shared by every process on the file ("paused" = "1" | "0").
             QStringLiteral("CREATE TABLE queue_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
             // SQLite cannot change a CHECK constraint: rebuild jobs with the new states and
             // columns (JobStore::migrate() runs migrations with foreign keys off, so dropping
             // the old table cascades nothing; the references name "jobs" and follow the rename).
             QStringLiteral("CREATE TABLE jobs_v2 ("
                            " id TEXT PRIMARY KEY,"
                            " batch_id TEXT REFERENCES batches(id),"
                            " asset_id INTEGER REFERENCES assets(id),"
                            " spec_json TEXT NOT NULL, idempotency_key TEXT NOT NULL,"
                            " state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'succeeded',"
                            "   'qc_failed', 'failed', 'canceled', 'dead', 'awaiting_approval', 'rejected')),"
                            " priority INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL,"
                            " attempts INTEGER NOT NULL DEFAULT 0, last_stage TEXT NOT NULL DEFAULT '',"
                            " published_dir TEXT NOT NULL DEFAULT '',"
                            " created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
                            " resume_state TEXT NOT NULL DEFAULT '',"  // while paused: 'queued' | 'running'
                            " review_note TEXT NOT NULL DEFAULT '', reviewed_at TEXT,"
                            " rerun_of TEXT NOT NULL DEFAULT '')"),
             // v1 could only pause queued jobs: they resume to queued.
             QStringLiteral("INSERT INTO jobs_v2 (id, batch_id, asset_id, spec_json, idempotency_key, state, priority,"
                            " position, attempts, last_stage, published_dir, created_at, updated_at, resume_state)"
                            " SELECT id, batch_id, asset_id, spec_json, idempotency_key, state, priority, position,"
                            " attempts, last_stage, published_dir, created_at, updated_at,"
                            " CASE WHEN state = 'paused' THEN 'queued' ELSE '' END FROM jobs"),
             QStringLiteral("DROP TABLE jobs"),
             QStringLiteral("ALTER TABLE jobs_v2 RENAME TO jobs"),
             QStringLiteral("CREATE INDEX jobs_runnable ON jobs (state, priority DESC, position)"),
             QStringLiteral("CREATE INDEX jobs_key ON jobs (idempotency_key, state)"),
             QStringLiteral("CREATE INDEX jobs_batch ON jobs (batch_id)"),
         }},
        {3,
         {
             // The kind of work a job is ('light' | 'cpu' | 'hardware', see workClassFor()), so
             // the pool picks runnable jobs per free slot in SQL instead of parsing every spec.
             // '' = not known yet (jobs of earlier versions): the pool fills it in lazily.
             QStringLiteral("ALTER TABLE jobs ADD COLUMN work TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("CREATE INDEX jobs_work ON jobs (state, work, priority DESC, position)"),
         }},
        {4,
         {
             // Leases (several processes on one store): who runs the job and until when (ms since
             // the Unix epoch); renewed by the runner's heartbeat, taken back when expired or
             // when the owner process is gone. Jobs left running by v3 have no lease: expired.
             QStringLiteral("ALTER TABLE jobs ADD COLUMN lease_owner TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE jobs ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0"),
             // A retry's not-before time (ms since the Unix epoch; 0 = now), persisted so a
             // restart keeps the backoff; and the attempts made before an operator queued the
             // job again (its retry budget starts there).
             QStringLiteral("ALTER TABLE jobs ADD COLUMN not_before INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE jobs ADD COLUMN retry_base INTEGER NOT NULL DEFAULT 0"),
         }},
    };
    return migrations;
}

} // namespace rendition::detail
