#include "ui/queue/QueueModel.h"

#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QTimer>

#include <algorithm>

namespace rendition::ui {

namespace {

QString formatEta(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600) return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

bool isMovable(JobState s)
{
    return s == JobState::Queued || s == JobState::Paused;
}

bool isPublished(JobState s)
{
    return s == JobState::Succeeded || s == JobState::QcFailed || s == JobState::AwaitingApproval || s == JobState::Rejected;
}

// Run order: priority desc, then position asc.
bool runsBefore(const JobSnapshot &a, const JobSnapshot &b)
{
    if (a.priority != b.priority) return a.priority > b.priority;
    return a.position < b.position;
}

} // namespace

QueueModel::QueueModel(QObject *parent) : QAbstractTableModel(parent), m_flush(new QTimer(this))
{
    qRegisterMetaType<rendition::ui::ProgressView>();
    m_flush->setSingleShot(true);
    m_flush->setInterval(kProgressFlushMs);
    connect(m_flush, &QTimer::timeout, this, &QueueModel::flushDirty);
}

int QueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

int QueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const QueueJob *QueueModel::jobAt(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
}

QString QueueModel::stateText(JobState state)
{
    switch (state) {
    case JobState::Queued: return tr("Queued");
    case JobState::Running: return tr("Running");
    case JobState::Paused: return tr("Paused");
    case JobState::Succeeded: return tr("Done");
    case JobState::QcFailed: return tr("QC failed");
    case JobState::Failed: return tr("Failed");
    case JobState::Canceled: return tr("Canceled");
    case JobState::Dead: return tr("Dead letter");
    case JobState::AwaitingApproval: return tr("Waiting for approval");
    case JobState::Rejected: return tr("Rejected");
    case JobState::Invalid: break;
    }
    return tr("Unknown");
}

QString QueueModel::batchLabel(const QString &batchId) const
{
    if (batchId.isEmpty()) return tr("(no batch)");
    return m_batchLabels.value(batchId, batchId.left(8));
}

QString QueueModel::stageText(const QueueJob &job) const
{
    const QString live = job.progress.currentStage();
    return live.isEmpty() ? job.snapshot.lastStage : live;
}

void QueueModel::refreshDerived(QueueJob &job) const
{
    job.sourceName = QFileInfo(job.snapshot.sourcePath).fileName();
    if (!job.encoderUsed.isEmpty()) job.encoderShown = job.encoderUsed;
    else if (job.snapshot.requestedEncoders.isEmpty()) job.encoderShown.clear();
    else job.encoderShown = tr("%1 (requested)").arg(job.snapshot.requestedEncoders);
}

ProgressView QueueModel::progressView(const QueueJob &job) const
{
    ProgressView v;
    const JobState s = job.snapshot.state;
    if (isPublished(s)) {
        v.complete = true;
        v.text = s == JobState::Succeeded ? tr("Done") : stateText(s);
        return v;
    }
    if (s != JobState::Running && s != JobState::Paused) return v;
    v.stages = job.progress.stages;
    if (job.progress.isEmpty()) {
        v.text = job.snapshot.lastStage;
        return v;
    }
    QStringList parts{tr("%1 %2%", "stage and percent").arg(job.progress.currentStage(), QString::number(job.progress.currentPercent(), 'f', 0))};
    if (job.progress.fps > 0) parts << tr("%1 fps").arg(QString::number(job.progress.fps, 'f', job.progress.fps < 10 ? 1 : 0));
    if (job.progress.etaSeconds >= 0) parts << tr("ETA %1").arg(formatEta(job.progress.etaSeconds));
    if (s == JobState::Paused) parts << tr("paused");
    v.text = parts.join(QStringLiteral(" · "));
    return v;
}

QVariant QueueModel::display(const QueueJob &job, int column) const
{
    const JobSnapshot &s = job.snapshot;
    switch (column) {
    case Source: return job.sourceName;
    case Batch: return batchLabel(s.batchId);
    case Preset: return s.presetName;
    case State: return stateText(s.state);
    case Stage: return stageText(job);
    case Progress: return progressView(job).text;
    case Encoder: return encoderText(job);
    case Attempts: return s.attempts;
    case Priority: return s.priority;
    case Updated: return QLocale().toString(s.updatedAt.toLocalTime(), QLocale::ShortFormat);
    default: return {};
    }
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    const QueueJob *job = index.isValid() ? jobAt(index.row()) : nullptr;
    if (!job) return {};
    switch (role) {
    case Qt::DisplayRole: return display(*job, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Source) return job->snapshot.sourcePath;
        if (index.column() == Batch) return job->snapshot.batchId;
        if (index.column() == Updated) return QLocale().toString(job->snapshot.updatedAt.toLocalTime(), QLocale::LongFormat);
        return display(*job, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == Attempts || index.column() == Priority) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case JobIdRole: return job->snapshot.id;
    case StateRole: return int(job->snapshot.state);
    case ProgressRole: return QVariant::fromValue(progressView(*job));
    default: return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Source: return tr("Source");
    case Batch: return tr("Batch");
    case Preset: return tr("Preset");
    case State: return tr("State");
    case Stage: return tr("Stage");
    case Progress: return tr("Progress");
    case Encoder: return tr("Encoder");
    case Attempts: return tr("Attempts");
    case Priority: return tr("Priority");
    case Updated: return tr("Updated");
    default: return {};
    }
}

Qt::ItemFlags QueueModel::flags(const QModelIndex &index) const
{
    const QueueJob *job = index.isValid() ? jobAt(index.row()) : nullptr;
    if (!job) return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled | Qt::ItemNeverHasChildren;
    if (isMovable(job->snapshot.state)) f |= Qt::ItemIsDragEnabled;
    return f;
}

// ---- drag and drop ---------------------------------------------------------------------------

QStringList QueueModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData *QueueModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &i : indexes)
        if (i.isValid() && !rows.contains(i.row())) rows.append(i.row());
    std::sort(rows.begin(), rows.end(), [this](int a, int b) { return runsBefore(m_jobs.at(a).snapshot, m_jobs.at(b).snapshot); });
    QStringList ids;
    for (int r : rows)
        if (isMovable(m_jobs.at(r).snapshot.state)) ids.append(m_jobs.at(r).snapshot.id);
    if (ids.isEmpty()) return nullptr;
    auto *data = new QMimeData;
    data->setData(QString::fromLatin1(kMimeType), ids.join(u'\n').toUtf8());
    return data;
}

bool QueueModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int, const QModelIndex &) const
{
    return data && action == Qt::MoveAction && data->hasFormat(QString::fromLatin1(kMimeType));
}

bool QueueModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) return false;
    const int target = parent.isValid() ? parent.row() : row;
    QString before = target >= 0 && target < m_jobs.size() ? m_jobs.at(target).snapshot.id : QString();
    const QStringList ids = QString::fromUtf8(data->data(QString::fromLatin1(kMimeType))).split(u'\n', Qt::SkipEmptyParts);
    // In run order, each before `before`: the dragged jobs keep their relative order.
    for (const QString &id : ids)
        if (id != before) Q_EMIT moveRequested(id, before);
    return !ids.isEmpty();
}

// ---- feeding ---------------------------------------------------------------------------------

void QueueModel::rebuildIndex()
{
    m_rowOf.clear();
    m_rowOf.reserve(m_jobs.size());
    for (int i = 0; i < m_jobs.size(); ++i) m_rowOf.insert(m_jobs.at(i).snapshot.id, i);
}

void QueueModel::resetJobs(const QList<JobSnapshot> &jobs)
{
    beginResetModel();
    QHash<QString, QueueJob> previous; // keep live progress and resolved encoders across a reload
    for (QueueJob &j : m_jobs) previous.insert(j.snapshot.id, std::move(j));
    m_jobs.clear();
    m_jobs.reserve(jobs.size());
    for (const JobSnapshot &s : jobs) {
        QueueJob job = previous.take(s.id);
        job.snapshot = s;
        refreshDerived(job);
        m_jobs.append(std::move(job));
    }
    m_dirty.clear();
    rebuildIndex();
    endResetModel();
}

void QueueModel::applyChanges(const QList<JobSnapshot> &changed, const QStringList &removed)
{
    QList<int> gone;
    for (const QString &id : removed)
        if (const int row = rowOfJob(id); row >= 0) gone.append(row);
    std::sort(gone.begin(), gone.end(), std::greater<int>());
    for (int row : gone) {
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
    }
    if (!gone.isEmpty()) {
        rebuildIndex();
        QSet<int> stillThere;
        for (int r : std::as_const(m_dirty)) if (r < m_jobs.size()) stillThere.insert(r);
        m_dirty = stillThere;
    }

    // Many changed rows at once (a reorder shifts every position after the moved job): one
    // layout change lets a sorting proxy re-sort once, instead of moving rows one by one.
    qsizetype known = 0;
    for (const JobSnapshot &s : changed) known += m_rowOf.contains(s.id);
    const bool bulk = known > kBulkChangeRows;
    if (bulk) Q_EMIT layoutAboutToBeChanged();
    QList<int> updated;
    QList<QueueJob> added;
    for (const JobSnapshot &s : changed) {
        const int row = rowOfJob(s.id);
        if (row < 0) {
            QueueJob job;
            job.snapshot = s;
            refreshDerived(job);
            added.append(std::move(job));
            continue;
        }
        QueueJob &job = m_jobs[row];
        const bool requeued = job.snapshot.state == JobState::Running && s.state == JobState::Queued;
        if (requeued) job.progress = {}; // back for another attempt
        const bool republished = s.publishedDir != job.snapshot.publishedDir;
        job.snapshot = s;
        if (republished) {
            job.encoderUsed.clear();
            refreshDerived(job);
        }
        updated.append(row);
    }
    if (bulk) Q_EMIT layoutChanged();
    else emitRowsChanged(updated, 0, ColumnCount - 1);
    if (!added.isEmpty()) {
        const int first = int(m_jobs.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (QueueJob &j : added) {
            m_rowOf.insert(j.snapshot.id, int(m_jobs.size()));
            m_jobs.append(std::move(j));
        }
        endInsertRows();
    }
}

void QueueModel::setBatches(const QList<BatchInfo> &batches)
{
    m_batches = batches;
    m_batchLabels.clear();
    const QLocale locale;
    for (const BatchInfo &b : batches)
        m_batchLabels.insert(b.id, tr("%1 · %2").arg(b.presetName, locale.toString(b.createdAt.toLocalTime(), QLocale::ShortFormat)));
    if (!m_jobs.isEmpty()) Q_EMIT dataChanged(index(0, Batch), index(int(m_jobs.size()) - 1, Batch));
}

void QueueModel::setEncoders(const QHash<QString, QString> &encoderByJob)
{
    QList<int> rows;
    for (auto it = encoderByJob.begin(); it != encoderByJob.end(); ++it) {
        const int row = rowOfJob(it.key());
        if (row < 0 || m_jobs.at(row).encoderUsed == it.value()) continue;
        m_jobs[row].encoderUsed = it.value();
        refreshDerived(m_jobs[row]);
        rows.append(row);
    }
    emitRowsChanged(rows, Encoder, Encoder);
}

void QueueModel::markStarted(const QString &jobId, int attempt)
{
    const int row = rowOfJob(jobId);
    if (row < 0) return;
    QueueJob &job = m_jobs[row];
    job.snapshot.state = JobState::Running;
    job.snapshot.attempts = std::max(job.snapshot.attempts, attempt);
    job.progress = {};
    emitRowsChanged({row}, 0, ColumnCount - 1);
}

void QueueModel::applyProgress(const QString &jobId, const ProgressEvent &event)
{
    const int row = rowOfJob(jobId);
    if (row < 0 || event.stage.isEmpty()) return;
    JobProgress &p = m_jobs[row].progress;
    auto it = std::find_if(p.stages.begin(), p.stages.end(), [&](const StageProgress &s) { return s.stage == event.stage; });
    if (it == p.stages.end()) {
        p.stages.append({event.stage, event.percent});
    } else {
        it->percent = event.percent;
        if (it + 1 != p.stages.end()) { // a stage reported again after later ones: it is current again
            const StageProgress again = *it;
            p.stages.erase(it);
            p.stages.append(again);
        }
    }
    p.fps = event.fps;
    p.etaSeconds = event.etaSeconds;
    markDirty(row);
}

void QueueModel::clearProgress(const QString &jobId)
{
    const int row = rowOfJob(jobId);
    if (row < 0) return;
    m_jobs[row].progress = {};
    markDirty(row);
}

void QueueModel::markDirty(int row)
{
    m_dirty.insert(row);
    if (!m_flush->isActive()) m_flush->start();
}

void QueueModel::flushDirty()
{
    const QList<int> rows(m_dirty.begin(), m_dirty.end());
    m_dirty.clear();
    emitRowsChanged(rows, Stage, Progress);
}

void QueueModel::emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn)
{
    if (rows.isEmpty()) return;
    std::sort(rows.begin(), rows.end());
    // Contiguous runs become one signal each; very many runs become one span (a sorting
    // proxy handles one large range far faster than thousands of single rows).
    QList<std::pair<int, int>> runs;
    for (int r : rows) {
        if (!runs.isEmpty() && r <= runs.last().second + 1) runs.last().second = std::max(runs.last().second, r);
        else runs.append({r, r});
    }
    if (runs.size() > 64) runs = {{runs.first().first, runs.last().second}};
    for (const auto &[first, last] : runs) Q_EMIT dataChanged(index(first, firstColumn), index(last, lastColumn));
}

// ---- sorting and filtering -------------------------------------------------------------------

bool QueueModel::lessThan(int leftRow, int rightRow, int column) const
{
    const QueueJob &a = m_jobs.at(leftRow);
    const QueueJob &b = m_jobs.at(rightRow);
    auto text = [](const QString &x, const QString &y) { return x.compare(y, Qt::CaseInsensitive); };
    int c = 0;
    switch (column) {
    case Source: c = text(a.sourceName, b.sourceName); break;
    case Batch: c = text(batchLabel(a.snapshot.batchId), batchLabel(b.snapshot.batchId)); break;
    case Preset: c = text(a.snapshot.presetName, b.snapshot.presetName); break;
    case State: c = int(a.snapshot.state) - int(b.snapshot.state); break;
    case Stage: c = text(stageText(a), stageText(b)); break;
    case Progress: {
        const double pa = a.progress.currentPercent(), pb = b.progress.currentPercent();
        c = pa < pb ? -1 : pa > pb ? 1 : 0;
        break;
    }
    case Encoder: c = text(encoderText(a), encoderText(b)); break;
    case Attempts: c = a.snapshot.attempts - b.snapshot.attempts; break;
    case Updated: c = a.snapshot.updatedAt < b.snapshot.updatedAt ? -1 : b.snapshot.updatedAt < a.snapshot.updatedAt ? 1 : 0; break;
    case Priority:
    default: break;
    }
    if (c != 0) return c < 0;
    return runsBefore(a.snapshot, b.snapshot);
}

bool QueueModel::matchesText(int row, const QString &text) const
{
    const QueueJob &j = m_jobs.at(row);
    const JobSnapshot &s = j.snapshot;
    for (const QString *field : {&j.sourceName, &s.presetName, &s.lastStage, &s.id})
        if (field->contains(text, Qt::CaseInsensitive)) return true;
    return stateText(s.state).contains(text, Qt::CaseInsensitive) || batchLabel(s.batchId).contains(text, Qt::CaseInsensitive)
           || encoderText(j).contains(text, Qt::CaseInsensitive) || j.progress.currentStage().contains(text, Qt::CaseInsensitive);
}

} // namespace rendition::ui
