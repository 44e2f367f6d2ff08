#pragma once
// Detail of one job, above all of a dead letter: why it is dead (reason, the final error
// with its code), every attempt (stage, times, worker, error) with its log tail, and the
// job's spec as JSON. Non-modal; the panel opens it from the dead-letter filter (or any
// job) with "Details…".
//
// Loading runs off the GUI thread: a QtConcurrent task opens its own JobStore on the
// store file (a JobStore is bound to its thread), reads the job, its attempts and its
// dead letter, and closes it; the dialog fills in when the result arrives (detailLoaded).
// A load error is shown in the dialog and emitted (loadFailed).
//
// Threading: GUI thread. Owns nothing but its widgets; the task holds only copies.

#include "core/queue/JobStore.h"

#include <QDialog>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace rendition::ui {

struct JobDetail {
    JobRecord record;
    QList<StageAttempt> attempts;
    std::optional<DeadLetter> deadLetter;
};

class JobDetailDialog : public QDialog {
    Q_OBJECT
public:
    JobDetailDialog(const QString &storePath, const QString &jobId, QWidget *parent = nullptr);

    // Reads the detail (any thread; opens and closes its own JobStore).
    static Result<JobDetail> readDetail(const QString &storePath, const QString &jobId);

    QString jobId() const { return m_jobId; }
    // True once the detail is shown (detailLoaded may fire inside the constructor when the
    // read finishes first).
    bool isLoaded() const { return m_loaded; }
    QString summaryText() const;
    QString errorText() const;
    int attemptCount() const;
    QString logTailText() const;
    QString specText() const;

Q_SIGNALS:
    void detailLoaded();
    void loadFailed(const rendition::Error &error);

private:
    void fill(const JobDetail &detail);
    void showAttemptLog(int row);

    QString m_jobId;
    bool m_loaded = false;
    QList<StageAttempt> m_attempts;
    QLabel *m_summary = nullptr;
    QLabel *m_error = nullptr;
    QTableWidget *m_attemptTable = nullptr;
    QPlainTextEdit *m_log = nullptr;
    QPlainTextEdit *m_spec = nullptr;
};

} // namespace rendition::ui
