#include "core/pipeline/StageCheckpoint.h"

#include "core/media/Probe.h"
#include "core/util/FileIo.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace rendition {

namespace {

const QString kJobFile = QStringLiteral("job.json");

QString checkpointFile(const QString &dir, const QString &stage) { return QDir(dir).filePath(stage + QStringLiteral(".json")); }

// Every file under `root` (a file or a folder, relative to `base`), as relative paths.
QStringList filesUnder(const QString &base, const QString &root)
{
    const QDir dir(base);
    const QFileInfo info(dir.filePath(root));
    if (info.isFile()) return {QDir::cleanPath(root)};
    QStringList out;
    if (!info.isDir()) return out;
    QDirIterator it(info.filePath(), QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) out << dir.relativeFilePath(it.next());
    out.sort();
    return out;
}

bool isUnder(const QString &path, const QString &root)
{
    const QString r = QDir::cleanPath(root);
    return path == r || path.startsWith(r + u'/');
}

QJsonObject toJson(const Checkpoint &c)
{
    QJsonArray files;
    for (const CheckpointFile &f : c.files)
        files.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("bytes"), double(f.sizeBytes)}, {QStringLiteral("sha256"), f.sha256}});
    return {{QStringLiteral("schema"), QString::fromLatin1(kCheckpointSchema)},
            {QStringLiteral("stage"), c.stage},
            {QStringLiteral("idempotency_key"), c.idempotencyKey},
            {QStringLiteral("written_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
            {QStringLiteral("roots"), QJsonArray::fromStringList(c.roots)},
            {QStringLiteral("files"), files},
            {QStringLiteral("data"), c.data}};
}

} // namespace

StageCheckpoint::StageCheckpoint(QString stagingDir, QString checkpointDir, QString idempotencyKey)
    : m_stagingDir(std::move(stagingDir)), m_checkpointDir(std::move(checkpointDir)), m_key(std::move(idempotencyKey))
{
}

QString StageCheckpoint::storedKey(const QString &checkpointDir)
{
    QFile f(QDir(checkpointDir).filePath(kJobFile));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("idempotency_key")).toString();
}

Result<bool> StageCheckpoint::open()
{
    m_seen.clear();
    const bool ours = !m_key.isEmpty() && storedKey(m_checkpointDir) == m_key;
    if (!ours) { // made for other inputs (or never finished being made): start from nothing
        QDir(m_checkpointDir).removeRecursively();
        QDir(m_stagingDir).removeRecursively();
    }
    if (!QDir().mkpath(m_stagingDir) || !QDir().mkpath(m_checkpointDir))
        return makeError(QStringLiteral("package.write"), QStringLiteral("could not create the job's staging folder; check the output root is writable"),
                         m_stagingDir);
    if (ours) return true;
    const QJsonObject job{{QStringLiteral("schema"), QString::fromLatin1(kCheckpointSchema)},
                          {QStringLiteral("idempotency_key"), m_key}};
    if (Status s = replaceFileAtomically(QDir(m_checkpointDir).filePath(kJobFile), QJsonDocument(job).toJson(), "package"); !s) return s.error();
    return false;
}

Status StageCheckpoint::write(const QString &stage, const QJsonObject &data, const QStringList &roots, const CancelToken &cancel) const
{
    Checkpoint c{stage, m_key, roots, {}, data};
    for (const QString &root : roots)
        for (const QString &rel : filesUnder(m_stagingDir, root)) {
            const QString abs = QDir(m_stagingDir).filePath(rel);
            Result<QString> sha = sha256File(abs, cancel);
            if (!sha) {
                if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), abs);
                return makeError(QStringLiteral("checkpoint.hash"), QStringLiteral("could not read a stage output to checkpoint it: ") + sha.error().message, abs);
            }
            c.files.append({rel, QFileInfo(abs).size(), *sha});
        }
    const QByteArray bytes = QJsonDocument(toJson(c)).toJson(QJsonDocument::Compact);
    return replaceFileAtomically(checkpointFile(m_checkpointDir, stage), bytes, "package");
}

Result<Checkpoint> StageCheckpoint::read(const QString &stage) const
{
    const QString path = checkpointFile(m_checkpointDir, stage);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("checkpoint.missing"), QStringLiteral("stage %1 has no checkpoint").arg(stage), path);
    QJsonParseError pe{};
    const QJsonObject o = QJsonDocument::fromJson(f.readAll(), &pe).object();
    if (pe.error != QJsonParseError::NoError || o.value(QStringLiteral("schema")).toString() != QLatin1String(kCheckpointSchema) ||
        o.value(QStringLiteral("stage")).toString() != stage)
        return makeError(QStringLiteral("checkpoint.invalid"), QStringLiteral("the checkpoint of stage %1 is not a readable checkpoint").arg(stage), path);
    Checkpoint c;
    c.stage = stage;
    c.idempotencyKey = o.value(QStringLiteral("idempotency_key")).toString();
    if (c.idempotencyKey != m_key)
        return makeError(QStringLiteral("checkpoint.key_mismatch"), QStringLiteral("the checkpoint of stage %1 was made for another job key").arg(stage), path);
    for (const QJsonValue &v : o.value(QStringLiteral("roots")).toArray()) c.roots << v.toString();
    for (const QJsonValue &v : o.value(QStringLiteral("files")).toArray()) {
        const QJsonObject fo = v.toObject();
        const QString rel = fo.value(QStringLiteral("path")).toString();
        if (rel.isEmpty() || QDir::isAbsolutePath(rel) || rel.split(u'/').contains(QStringLiteral("..")))
            return makeError(QStringLiteral("checkpoint.invalid"), QStringLiteral("the checkpoint of stage %1 lists a path outside the staging folder").arg(stage), path);
        c.files.append({rel, qint64(fo.value(QStringLiteral("bytes")).toDouble(-1)), fo.value(QStringLiteral("sha256")).toString()});
    }
    c.data = o.value(QStringLiteral("data")).toObject();
    return c;
}

bool StageCheckpoint::fileMatches(const CheckpointFile &f, QString *why)
{
    auto it = m_seen.find(f.path);
    if (it == m_seen.end()) {
        const QFileInfo info(QDir(m_stagingDir).filePath(f.path));
        it = m_seen.insert(f.path, Seen{info.isFile() ? info.size() : -1, {}});
    }
    if (it->sizeBytes < 0) {
        if (why) *why = f.path + QStringLiteral(": missing");
        return false;
    }
    if (it->sizeBytes != f.sizeBytes) {
        if (why) *why = QStringLiteral("%1: %2 bytes, expected %3").arg(f.path).arg(it->sizeBytes).arg(f.sizeBytes);
        return false;
    }
    if (it->sha256.isEmpty()) {
        Result<QString> sha = sha256File(QDir(m_stagingDir).filePath(f.path));
        it->sha256 = sha ? *sha : QStringLiteral("unreadable");
    }
    if (it->sha256 != f.sha256) {
        if (why) *why = f.path + QStringLiteral(": content differs from the checkpoint");
        return false;
    }
    return true;
}

bool StageCheckpoint::matches(const QList<CheckpointFile> &expected, QString *why)
{
    for (const CheckpointFile &f : expected)
        if (!fileMatches(f, why)) return false;
    return true;
}

ResumeState StageCheckpoint::resume(const QList<QStringList> &chains, const std::function<bool(const QString &, const QJsonObject &)> &parses,
                                    const std::function<void(const QString &)> &log)
{
    m_seen.clear();
    ResumeState state;
    QSet<QString> keep; // files the kept checkpoints list
    for (const QStringList &chain : chains) {
        QList<Checkpoint> read;
        for (const QString &stage : chain) { // the readable, parsable prefix
            Result<Checkpoint> c = this->read(stage);
            if (!c) {
                if (log && c.error().code != u"checkpoint.missing") log(c.error().message);
                break;
            }
            if (parses && !parses(stage, c->data)) {
                if (log) log(QStringLiteral("the checkpoint of stage %1 does not load").arg(stage));
                break;
            }
            read.append(*c);
        }
        qsizetype kept = read.size();
        QList<CheckpointFile> merged;
        for (; kept > 0; --kept) { // the longest prefix whose merged file state is on disk
            merged.clear();
            for (qsizetype i = 0; i < kept; ++i) {
                merged.removeIf([&](const CheckpointFile &f) {
                    return std::any_of(read[i].roots.cbegin(), read[i].roots.cend(), [&](const QString &r) { return isUnder(f.path, r); });
                });
                merged.append(read[i].files);
            }
            QString why;
            if (matches(merged, &why)) break;
            if (log) log(QStringLiteral("stage %1 must run again (%2)").arg(read[kept - 1].stage, why));
        }
        if (kept == 0) merged.clear();
        for (qsizetype i = 0; i < kept; ++i) {
            state.verified.insert(read[i].stage);
            state.data.insert(read[i].stage, read[i].data);
        }
        for (const CheckpointFile &f : merged) keep.insert(f.path);
        for (const QString &stage : chain)
            if (!state.verified.contains(stage) && QFileInfo::exists(checkpointFile(m_checkpointDir, stage))) {
                state.discarded << stage;
                remove(stage);
            }
    }
    prune(keep);
    m_seen.clear();
    return state;
}

void StageCheckpoint::prune(const QSet<QString> &keep) const
{
    const QDir base(m_stagingDir);
    QDirIterator it(m_stagingDir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    QStringList doomed;
    while (it.hasNext()) {
        const QString abs = it.next();
        if (!keep.contains(base.relativeFilePath(abs))) doomed << abs;
    }
    for (const QString &f : std::as_const(doomed)) QFile::remove(f);
    // Folders left empty go too (deepest first), so a stage starts from a clean tree.
    QStringList dirs;
    QDirIterator dit(m_stagingDir, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (dit.hasNext()) dirs << dit.next();
    std::sort(dirs.begin(), dirs.end(), [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &d : std::as_const(dirs)) QDir().rmdir(d); // fails (harmlessly) when not empty
}

void StageCheckpoint::remove(const QString &stage) const { QFile::remove(checkpointFile(m_checkpointDir, stage)); }

} // namespace rendition
