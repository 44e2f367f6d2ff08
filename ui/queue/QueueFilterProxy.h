#pragma once
// Sorting and filtering of the queue table (QueueModel as the only source model).
// Sorting compares native fields through QueueModel::lessThan (no QVariant per compare;
// 10,000 rows sort in a few milliseconds); the Priority column sorts in RUN ORDER
// (priority desc, then position), which is the default and the only order in which
// drag-to-reorder is offered. Filters: state group (StateFilter; DeadLetters = jobs in
// the dead-letter queue), batch (id; empty = every batch) and text (case-insensitive,
// see QueueModel::matchesText); all must pass.
//
// Threading: GUI thread only.

#include "ui/queue/QueueModel.h"

#include <QSortFilterProxyModel>

namespace rendition::ui {

enum class StateFilter { Invalid = 0, All, Active, WaitingForApproval, Done, Problems, DeadLetters };

class QueueFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit QueueFilterProxy(QueueModel *model, QObject *parent = nullptr);

    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }
    void setTextFilter(const QString &text);
    QString textFilter() const { return m_text; }
    void setBatchFilter(const QString &batchId);
    QString batchFilter() const { return m_batchId; }

    static bool stateMatches(StateFilter filter, JobState state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QueueModel *m_model;
    StateFilter m_state = StateFilter::All;
    QString m_text;
    QString m_batchId;
};

} // namespace rendition::ui
