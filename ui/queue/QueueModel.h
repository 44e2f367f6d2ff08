#pragma once
// The queue panel's model: a FLAT table of jobs with a batch column (and, in
// QueueFilterProxy, a batch filter) rather than a batches → jobs tree, because
//   - the run order (JobStore: priority desc, position asc) is global, not per batch, and
//     drag-to-reorder moves a job before ANY other job, across batches;
//   - one QSortFilterProxyModel then sorts and filters all 10,000 rows in one pass (a
//     tree would sort each batch separately and hide matches inside collapsed batches);
//   - the dead-letter and "waiting for approval" filters cut across batches.
//
// Fed, never querying: QueueFeed loads every job once (JobSnapshotReader, off the GUI
// thread) into resetJobs(), then hands over only changed rows (applyChanges) and live
// progress (applyProgress). Progress repaints are coalesced: at most one dataChanged per
// job every kProgressFlushMs; more than kBulkChangeRows changed rows (a reorder shifts every
// later position) become one layoutChanged, so a sorting proxy re-sorts once (~10 ms for
// 10,000 rows) instead of moving thousands of rows one at a time (~300 ms measured).
//
// Drag and drop: jobs that can be reordered (queued, paused) drag as
// "application/x-rendition-job-ids"; a drop on (or before) a row asks to move the dragged
// jobs before that row's job (moveRequested; the panel calls JobStore::moveJob), a drop
// past the last row asks to move them to the end of the queue (beforeJobId empty). The
// model itself never changes the order: the store does, and the next refresh shows it.
//
// Threading: GUI thread only. Strings through tr().

#include "core/queue/JobSnapshotReader.h"
#include "core/util/Progress.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>

class QTimer;

namespace rendition::ui {

// Live progress of a job's current attempt (from WorkerPool::jobProgress; not stored).
struct StageProgress {
    QString stage;
    double percent = 0; // 0..100
};

struct JobProgress {
    QList<StageProgress> stages; // in the order they were first reported
    double fps = 0;              // 0 = unknown
    double etaSeconds = -1;      // -1 = unknown
    bool isEmpty() const { return stages.isEmpty(); }
    QString currentStage() const { return stages.isEmpty() ? QString() : stages.constLast().stage; }
    double currentPercent() const { return stages.isEmpty() ? 0 : stages.constLast().percent; }
};

// What the progress delegate paints (ProgressRole).
struct ProgressView {
    QList<StageProgress> stages; // one segment each; empty = no bar
    bool complete = false;       // a finished job: one full bar
    QString text;                // "transcode 42% · 120 fps · ETA 0:35"
};

struct QueueJob {
    JobSnapshot snapshot;
    JobProgress progress;
    QString sourceName;  // file name of snapshot.sourcePath (sort / filter / display)
    QString encoderUsed; // from the published manifest ("libx264", "h264_nvenc"); empty until known
    QString encoderShown; // encoderUsed, else the requested encoders (cached: sorting compares it often)
};

class QueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Source = 0, Batch, Preset, State, Stage, Progress, Encoder, Attempts, Priority, Updated, ColumnCount };
    enum Role { JobIdRole = Qt::UserRole + 1, StateRole, ProgressRole };
    static constexpr int kProgressFlushMs = 100;
    static constexpr int kBulkChangeRows = 200; // more changed rows → one layoutChanged instead of dataChanged
    static constexpr auto kMimeType = "application/x-rendition-job-ids";

    explicit QueueModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column, const QModelIndex &parent) override;

    // ---- feeding -------------------------------------------------------------------------
    void resetJobs(const QList<JobSnapshot> &jobs);
    void applyChanges(const QList<JobSnapshot> &changed, const QStringList &removed);
    void setBatches(const QList<BatchInfo> &batches);
    void setEncoders(const QHash<QString, QString> &encoderByJob);
    // A new attempt started: the row shows "running" and its progress starts over.
    void markStarted(const QString &jobId, int attempt);
    void applyProgress(const QString &jobId, const ProgressEvent &event);
    void clearProgress(const QString &jobId);

    // ---- reading -------------------------------------------------------------------------
    int rowOfJob(const QString &jobId) const { return m_rowOf.value(jobId, -1); }
    const QueueJob *jobAt(int row) const;
    const QList<BatchInfo> &batches() const { return m_batches; }
    QString batchLabel(const QString &batchId) const;
    static QString stateText(JobState state);
    QString stageText(const QueueJob &job) const;
    QString encoderText(const QueueJob &job) const { return job.encoderShown; }
    // Native comparison for QueueFilterProxy (no QVariant per compare); ties → run order.
    bool lessThan(int leftRow, int rightRow, int column) const;
    // Whether `row` contains `text` (case-insensitive) in its source, preset, batch, state,
    // stage, encoder or id.
    bool matchesText(int row, const QString &text) const;

Q_SIGNALS:
    // A drop asked to move `jobId` before `beforeJobId` (empty: to the end of the queue).
    void moveRequested(const QString &jobId, const QString &beforeJobId);

private:
    QVariant display(const QueueJob &job, int column) const;
    ProgressView progressView(const QueueJob &job) const;
    void markDirty(int row);
    void flushDirty();
    void emitRowsChanged(QList<int> rows, int firstColumn, int lastColumn);
    void rebuildIndex();
    void refreshDerived(QueueJob &job) const;

    QList<QueueJob> m_jobs;
    QHash<QString, int> m_rowOf;
    QList<BatchInfo> m_batches;
    QHash<QString, QString> m_batchLabels;
    QSet<int> m_dirty;
    QTimer *m_flush = nullptr;
};

} // namespace rendition::ui

Q_DECLARE_METATYPE(rendition::ui::ProgressView)
