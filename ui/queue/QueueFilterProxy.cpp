#include "ui/queue/QueueFilterProxy.h"

namespace rendition::ui {

QueueFilterProxy::QueueFilterProxy(QueueModel *model, QObject *parent) : QSortFilterProxyModel(parent), m_model(model)
{
    setSourceModel(model);
    setDynamicSortFilter(true);
}

bool QueueFilterProxy::stateMatches(StateFilter filter, JobState s)
{
    switch (filter) {
    case StateFilter::All: return true;
    case StateFilter::Active: return s == JobState::Queued || s == JobState::Running || s == JobState::Paused;
    case StateFilter::WaitingForApproval: return s == JobState::AwaitingApproval;
    case StateFilter::Done: return s == JobState::Succeeded;
    case StateFilter::Problems:
        return s == JobState::Failed || s == JobState::QcFailed || s == JobState::Canceled || s == JobState::Rejected
               || s == JobState::Dead;
    case StateFilter::DeadLetters: return s == JobState::Dead;
    case StateFilter::Invalid: break;
    }
    return false;
}

void QueueFilterProxy::setStateFilter(StateFilter filter)
{
    if (filter == m_state) return;
    m_state = filter;
    invalidateRowsFilter();
}

void QueueFilterProxy::setTextFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_text) return;
    m_text = trimmed;
    invalidateRowsFilter();
}

void QueueFilterProxy::setBatchFilter(const QString &batchId)
{
    if (batchId == m_batchId) return;
    m_batchId = batchId;
    invalidateRowsFilter();
}

bool QueueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const QueueJob *job = m_model->jobAt(sourceRow);
    if (!job) return false;
    if (!stateMatches(m_state, job->snapshot.state)) return false;
    if (!m_batchId.isEmpty() && job->snapshot.batchId != m_batchId) return false;
    return m_text.isEmpty() || m_model->matchesText(sourceRow, m_text);
}

bool QueueFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return m_model->lessThan(left.row(), right.row(), left.column());
}

} // namespace rendition::ui
