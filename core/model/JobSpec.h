#pragma once
// One job as self-contained data ("schema": "rendition.job/1"): which source (URI,
// SHA-256, size), the full canonical snapshot of the preset, where outputs go, which
// engine version made it, and the idempotency key. Whoever runs the job — the GUI's
// worker pool, `rendition-cli exec-job`, a cluster worker — needs nothing else.
//
// Idempotency key = lowercase hex SHA-256 of
//     source.sha256 + "\n" + preset.canonicalJson() + "\n" + engine_version
// The same bytes in, the same preset (whatever the key order or omitted defaults of its
// file) and the same engine give the same key; a job whose key is already published can
// reuse that version instead of re-encoding.
//
// Parsing collects every problem with its JSON path ("source.sha256", "preset.ladder[0].crf")
// and fails with all of them, like parsePreset(). A stored key that does not match the
// spec's own source, preset and engine version is a problem too (a tampered or stale spec).
//
// Value type: copyable, no shared state, usable from any thread.

#include "core/model/Preset.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace rendition {

struct ProbeResult;

inline constexpr auto kJobSchema = "rendition.job/1";

// The engine version written into new jobs (the project version, e.g. "0.1.0").
QString engineVersion();

struct JobSource {
    QString uri;          // absolute file path, file:// URI, or s3://bucket/key (remote mode)
    QString sha256;       // lowercase hex, 64 characters
    qint64 sizeBytes = 0; // size of the file when the job was made

    // The local file path the URI names ("file:///a%20b.mov" → "/a b.mov"); empty when
    // the URI is not a local file.
    QString localPath() const;
};

struct JobSpec {
    QString id; // UUID without braces, lowercase
    JobSource source;
    Preset preset;          // the full snapshot; later edits of the preset file do not change the job
    QString outputRoot;     // absolute folder; the asset folder and its versions go below it
    QString engineVersion;  // engine that made the job (RENDITION_VERSION)
    QDateTime createdAt;    // UTC, millisecond precision
    QString idempotencyKey; // see the header comment

    QJsonObject toJson() const;     // {"schema": "rendition.job/1", ...}
    QByteArray toJsonBytes() const; // indented UTF-8, what is written to spec.json files

    // Parses and validates. On failure the Error's code is "job.invalid" and its message
    // lists every issue ("path: problem"), one per line; `issues` (if given) gets them as data.
    static Result<JobSpec> fromJson(const QJsonObject &json, QList<PresetIssue> *issues = nullptr);
    static Result<JobSpec> fromJson(const QByteArray &jsonText, QList<PresetIssue> *issues = nullptr);
};

// True for "s3://bucket" and "s3://bucket/key..." (remote mode: sources and output roots in S3;
// such jobs run on a cluster worker, which downloads the source first).
bool isS3Uri(const QString &uri);

// Lowercase hex SHA-256 as described above. `sourceSha256` is used as given (lowercase hex).
QString computeIdempotencyKey(const QString &sourceSha256, const Preset &preset, const QString &engineVersion);

// A new job (fresh UUID, created now) for a probed source. Fails with "job.no_checksum"
// when the probe did not compute the SHA-256, "job.source_rejected" when the probe found
// a fatal problem, "job.no_output_root" when outputRoot is empty, "preset.invalid" when
// the preset does not validate. `outputRoot` is made absolute against the current
// directory. The source URI is a file:// URI of probe.path.
Result<JobSpec> makeJobSpec(const ProbeResult &probe, const Preset &preset, const QString &outputRoot,
                            const QString &engine = engineVersion());

} // namespace rendition
