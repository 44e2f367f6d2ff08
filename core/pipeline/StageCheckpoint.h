#pragma once
// Stage checkpoints: what lets a job killed mid-way resume from its last completed stage.
//
// A job's staging folder (OUT/<asset>/.staging-job-<id>) has a sibling checkpoint folder
// (<staging>.checkpoints, never published). After a stage completes, write() stores
// <stage>.json there atomically (replaceFileAtomically: temp file + rename): the job's
// idempotency key, the stage's result data (JSON, exact: doubles keep every bit), and every
// output file the stage produced or rewrote under its `roots` (paths relative to the staging
// folder) with size and SHA-256. job.json holds the key the folder was made for.
//
// Why SHA-256 of every output rather than size + mtime: the outputs are compressed media
// whose bytes cost far more to make (decode + encode) than to hash (~1 GB/s with OpenSSL's
// SHA-NI path, files still in the page cache when written), and no file is fsync'ed before
// its checkpoint: after a power cut a file can have its final size and zeroed content, which
// size + mtime would accept. A hash catches truncated, missing, zeroed and rewritten files.
// Verification compares sizes first, so a truncated or missing file costs no read.
//
// Stages form chains (resume()): in a chain a later stage builds on the earlier ones and may
// rewrite their files (DRM encrypts the transcoded tracks in place), so the state expected on
// disk after stage k is the merge of checkpoints 1..k where a later checkpoint's roots replace
// whatever earlier ones listed under them. resume() keeps, per chain, the longest prefix whose
// checkpoints all exist, carry the key, parse, and whose merged file state matches the disk;
// deletes the other checkpoints; and prunes from staging every file no kept checkpoint lists
// (partial outputs of the interrupted stage). Chains are independent (thumbnails vs. audio/video).
//
// Not thread-safe as an object; write() of different stages may run on different threads.
// Errors: package.write (checkpoint or job.json not written: transient, like any output write),
// checkpoint.hash (an output could not be read), canceled; read(): see there.

#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>

namespace rendition {

inline constexpr auto kCheckpointSchema = "rendition.checkpoint/1";

struct CheckpointFile {
    QString path;        // relative to the staging folder, '/' separated
    qint64 sizeBytes = 0;
    QString sha256;      // lowercase hex
};

struct Checkpoint {
    QString stage;
    QString idempotencyKey;
    QStringList roots;          // files or folders (relative) this stage owns from now on
    QList<CheckpointFile> files;
    QJsonObject data;           // the stage's result
};

struct ResumeState {
    QSet<QString> verified;           // stages to skip
    QHash<QString, QJsonObject> data; // their result data
    QStringList discarded;            // stages whose checkpoint existed but was not kept
};

class StageCheckpoint {
public:
    StageCheckpoint(QString stagingDir, QString checkpointDir, QString idempotencyKey);

    QString stagingDir() const { return m_stagingDir; }
    QString checkpointDir() const { return m_checkpointDir; }

    // Prepares the folders for a run. When the checkpoint folder belongs to another key
    // (job.json differs or is unreadable) both folders are emptied first: nothing made for
    // other inputs is ever reused. Returns true when earlier checkpoints of this key exist.
    Result<bool> open();

    // Records a completed stage: hashes every file under `roots` (relative to staging;
    // missing roots are allowed and list nothing) and writes <stage>.json atomically.
    Status write(const QString &stage, const QJsonObject &data, const QStringList &roots, const CancelToken &cancel = {}) const;

    // Reads and checks one checkpoint (schema, stage name, key). Errors: checkpoint.missing,
    // checkpoint.invalid, checkpoint.key_mismatch.
    Result<Checkpoint> read(const QString &stage) const;

    // True when every file of `expected` exists with its size and SHA-256. `why` (if given)
    // gets the first difference ("720p/seg_00003.m4s: 18211 bytes, expected 40960").
    bool matches(const QList<CheckpointFile> &expected, QString *why = nullptr);

    // See the header comment. `parses` must be free of side effects: it tells whether a
    // stage's data loads. `log` (optional) receives one line per discarded checkpoint.
    ResumeState resume(const QList<QStringList> &chains, const std::function<bool(const QString &, const QJsonObject &)> &parses,
                       const std::function<void(const QString &)> &log = {});

    // Deletes one checkpoint (before its stage runs again).
    void remove(const QString &stage) const;

    // The key recorded in a checkpoint folder's job.json; empty when there is none.
    static QString storedKey(const QString &checkpointDir);

private:
    bool fileMatches(const CheckpointFile &f, QString *why);
    void prune(const QSet<QString> &keep) const;

    QString m_stagingDir;
    QString m_checkpointDir;
    QString m_key;
    struct Seen {
        qint64 sizeBytes = -1; // -1: missing
        QString sha256;        // computed lazily
    };
    QHash<QString, Seen> m_seen; // per-path cache while resuming (files do not change meanwhile)
};

} // namespace rendition
