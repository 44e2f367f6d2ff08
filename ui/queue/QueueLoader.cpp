#include "ui/queue/QueueLoader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

namespace rendition::ui {

namespace {

bool hasManifest(JobState s)
{
    return s == JobState::Succeeded || s == JobState::QcFailed || s == JobState::AwaitingApproval || s == JobState::Rejected;
}

} // namespace

QueueLoader::QueueLoader(QString storePath, int pollMs) : m_storePath(std::move(storePath)), m_pollMs(pollMs) {}

QueueLoader::~QueueLoader() = default;

QString QueueLoader::encodersFromManifest(const QString &versionDir)
{
    QFile f(QDir(versionDir).filePath(QStringLiteral("manifest.json")));
    if (!f.open(QIODevice::ReadOnly)) return {};
    const QJsonArray renditions = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("renditions")).toArray();
    QStringList names;
    for (const QJsonValue &v : renditions) {
        const QJsonObject e = v.toObject().value(QStringLiteral("encoder")).toObject();
        if (!e.contains(QStringLiteral("requested"))) continue; // audio: only video encoders are chosen
        QString name = e.value(QStringLiteral("encoder")).toString();
        if (!e.value(QStringLiteral("fallback_reason")).toString().isEmpty()) name += QObject::tr(" (fallback)");
        if (!name.isEmpty() && !names.contains(name)) names.append(name);
    }
    return names.join(QStringLiteral(", "));
}

void QueueLoader::start()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_pollMs);
    connect(m_timer, &QTimer::timeout, this, [this] { poll(false); });
    m_manifestTimer = new QTimer(this);
    m_manifestTimer->setInterval(0);
    connect(m_manifestTimer, &QTimer::timeout, this, &QueueLoader::resolveManifests);

    QElapsedTimer clock;
    clock.start();
    Result<std::unique_ptr<JobSnapshotReader>> reader = JobSnapshotReader::open(m_storePath);
    if (!reader) {
        Q_EMIT failed(reader.error());
        return;
    }
    m_reader = std::move(reader).value();
    Result<QList<JobSnapshot>> jobs = m_reader->readAll();
    Result<QList<BatchInfo>> batches = m_reader->batches();
    if (!jobs || !batches) {
        Q_EMIT failed(!jobs ? jobs.error() : batches.error());
    } else {
        for (const BatchInfo &b : *batches) m_knownBatches.insert(b.id);
        Q_EMIT loaded(*jobs, *batches, clock.elapsed());
        queueManifests(*jobs);
    }
    m_timer->start();
}

void QueueLoader::refresh()
{
    poll(true);
}

void QueueLoader::stop()
{
    if (m_timer) m_timer->stop();
    if (m_manifestTimer) m_manifestTimer->stop();
    m_reader.reset();
}

void QueueLoader::poll(bool force)
{
    if (!m_reader) return;
    Result<bool> dirty = m_reader->hasChanged();
    if (!dirty) {
        Q_EMIT failed(dirty.error());
        return;
    }
    if (!*dirty && !force) return;
    Result<JobSnapshotDelta> delta = m_reader->readChanges();
    if (!delta) {
        Q_EMIT failed(delta.error());
        return;
    }
    if (delta->isEmpty()) return;
    QList<BatchInfo> batches;
    bool newBatch = false;
    for (const JobSnapshot &s : delta->changed) newBatch |= !s.batchId.isEmpty() && !m_knownBatches.contains(s.batchId);
    if (newBatch) {
        Result<QList<BatchInfo>> all = m_reader->batches();
        if (!all) Q_EMIT failed(all.error());
        else {
            batches = *all;
            for (const BatchInfo &b : batches) m_knownBatches.insert(b.id);
        }
    }
    Q_EMIT changed(delta->changed, delta->removed, batches);
    queueManifests(delta->changed);
}

void QueueLoader::queueManifests(const QList<JobSnapshot> &jobs)
{
    for (const JobSnapshot &s : jobs)
        if (hasManifest(s.state) && !s.publishedDir.isEmpty()) m_pendingManifests.append({s.id, s.publishedDir});
    if (!m_pendingManifests.isEmpty() && !m_manifestTimer->isActive()) m_manifestTimer->start();
}

void QueueLoader::resolveManifests()
{
    QHash<QString, QString> resolved;
    const qsizetype n = std::min<qsizetype>(kManifestsPerTurn, m_pendingManifests.size());
    for (qsizetype i = 0; i < n; ++i) {
        const auto &[jobId, dir] = m_pendingManifests.at(i);
        const QString encoders = encodersFromManifest(dir);
        if (!encoders.isEmpty()) resolved.insert(jobId, encoders);
    }
    m_pendingManifests.remove(0, n);
    if (m_pendingManifests.isEmpty()) m_manifestTimer->stop();
    if (!resolved.isEmpty()) Q_EMIT encodersResolved(resolved);
}

} // namespace rendition::ui
