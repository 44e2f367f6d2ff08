#pragma once
// The cluster's jobs as the status queue reports them (RemoteStatusEvent, latest per job):
// one row per job with state, stage, progress, worker and the published location. Jobs this
// workstation submitted are added first (state "submitted") with their source and
// idempotency key, which "Download outputs" needs. Kept apart from the local QueueModel.
// GUI thread only.

#include "core/remote/RemoteStatus.h"

#include <QAbstractTableModel>
#include <QList>

namespace rendition::ui {

struct RemoteJobRow {
    QString jobId;
    QString source;         // local path of the submitted source (empty for jobs seen only in events)
    QString idempotencyKey; // empty when unknown
    RemoteStatusEvent latest; // kind Invalid until the first event
};

class RemoteJobsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Job = 0, Source, State, Stage, Progress, Worker, Output, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void addSubmitted(const QString &jobId, const QString &source, const QString &idempotencyKey);
    // Older events than the row's latest one (by time) are ignored; final states stick.
    void update(const rendition::RemoteStatusEvent &event);

    const RemoteJobRow *rowAt(int row) const;
    int rowOf(const QString &jobId) const;
    static QString stateText(RemoteEventKind kind); // translated; "Submitted" for Invalid

private:
    QList<RemoteJobRow> m_rows;
};

} // namespace rendition::ui
