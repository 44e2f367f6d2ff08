#include "ui/remote/RemoteJobsModel.h"

#include <QFileInfo>

namespace rendition::ui {

int RemoteJobsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int RemoteJobsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString RemoteJobsModel::stateText(RemoteEventKind kind)
{
    switch (kind) {
    case RemoteEventKind::Invalid: return tr("Submitted");
    case RemoteEventKind::Received: return tr("Received by a worker");
    case RemoteEventKind::Progress: return tr("Running");
    case RemoteEventKind::Published: return tr("Published");
    case RemoteEventKind::QcFailed: return tr("Published (QC failed)");
    case RemoteEventKind::Reused: return tr("Already published");
    case RemoteEventKind::Failed: return tr("Attempt failed, will retry");
    case RemoteEventKind::Released: return tr("Released, back in the queue");
    case RemoteEventKind::Dead: return tr("Dead letter");
    case RemoteEventKind::AwaitingApproval: return tr("Published, awaiting approval");
    case RemoteEventKind::Approved: return tr("Approved (current)");
    case RemoteEventKind::Rejected: return tr("Rejected");
    }
    return {};
}

QVariant RemoteJobsModel::data(const QModelIndex &index, int role) const
{
    const RemoteJobRow *r = rowAt(index.row());
    if (!r || index.column() >= ColumnCount) return {};
    const RemoteStatusEvent &e = r->latest;
    if (role == Qt::ToolTipRole && !e.error.message.isEmpty()) return e.error.message;
    if (role != Qt::DisplayRole) return {};
    switch (Column(index.column())) {
    case Job: return r->jobId;
    case Source: return QFileInfo(r->source).fileName();
    case State: return stateText(e.kind);
    case Stage: return e.stage;
    case Progress:
        if (e.kind == RemoteEventKind::Published || e.kind == RemoteEventKind::QcFailed || e.kind == RemoteEventKind::Reused ||
            e.kind == RemoteEventKind::AwaitingApproval || e.kind == RemoteEventKind::Approved || e.kind == RemoteEventKind::Rejected)
            return QStringLiteral("100%");
        return e.percent >= 0 ? QStringLiteral("%1%").arg(e.percent, 0, 'f', 0) : QString();
    case Worker: return e.worker;
    case Output: return e.prefix;
    case ColumnCount: break;
    }
    return {};
}

QVariant RemoteJobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (Column(section)) {
    case Job: return tr("Job");
    case Source: return tr("Source");
    case State: return tr("State");
    case Stage: return tr("Stage");
    case Progress: return tr("Progress");
    case Worker: return tr("Worker");
    case Output: return tr("Published at");
    case ColumnCount: break;
    }
    return {};
}

void RemoteJobsModel::addSubmitted(const QString &jobId, const QString &source, const QString &idempotencyKey)
{
    if (int row = rowOf(jobId); row >= 0) {
        m_rows[row].source = source;
        m_rows[row].idempotencyKey = idempotencyKey;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(RemoteJobRow{jobId, source, idempotencyKey, {}});
    endInsertRows();
}

void RemoteJobsModel::update(const RemoteStatusEvent &event)
{
    int row = rowOf(event.jobId);
    if (row < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(RemoteJobRow{event.jobId, {}, {}, event});
        endInsertRows();
        return;
    }
    RemoteStatusEvent &latest = m_rows[row].latest;
    if (latest.kind != RemoteEventKind::Invalid) {
        if (isFinalRemoteEvent(latest.kind)) return;
        if (latest.at.isValid() && event.at.isValid() && event.at < latest.at) return;
    }
    latest = event;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const RemoteJobRow *RemoteJobsModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int RemoteJobsModel::rowOf(const QString &jobId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].jobId == jobId) return i;
    return -1;
}

} // namespace rendition::ui
