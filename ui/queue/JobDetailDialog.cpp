#include "ui/queue/JobDetailDialog.h"

#include "ui/queue/QueueModel.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFuture>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace rendition::ui {

Result<JobDetail> JobDetailDialog::readDetail(const QString &storePath, const QString &jobId)
{
    Result<std::unique_ptr<JobStore>> store = JobStore::open(storePath);
    if (!store) return store.error();
    Result<std::optional<JobRecord>> record = (*store)->job(jobId);
    if (!record) return record.error();
    if (!record->has_value())
        return makeError(QStringLiteral("store.no_such_job"), QObject::tr("The job %1 is no longer in the queue.").arg(jobId), storePath);
    JobDetail detail;
    detail.record = record->value();
    Result<QList<StageAttempt>> attempts = (*store)->attempts(jobId);
    if (!attempts) return attempts.error();
    detail.attempts = *attempts;
    if (detail.record.state == JobState::Dead) {
        Result<QList<DeadLetter>> letters = (*store)->deadLetters();
        if (!letters) return letters.error();
        for (const DeadLetter &d : *letters)
            if (d.jobId == jobId) detail.deadLetter = d;
    }
    return detail;
}

JobDetailDialog::JobDetailDialog(const QString &storePath, const QString &jobId, QWidget *parent)
    : QDialog(parent), m_jobId(jobId), m_summary(new QLabel(tr("Loading…"), this)), m_error(new QLabel(this)),
      m_attemptTable(new QTableWidget(0, 6, this)), m_log(new QPlainTextEdit(this)), m_spec(new QPlainTextEdit(this))
{
    setWindowTitle(tr("Job %1").arg(jobId.left(8)));
    setAttribute(Qt::WA_DeleteOnClose);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setWordWrap(true);
    m_attemptTable->setHorizontalHeaderLabels({tr("Attempt"), tr("Stage"), tr("Started"), tr("Ended"), tr("Worker"), tr("Error")});
    m_attemptTable->horizontalHeader()->setStretchLastSection(true);
    m_attemptTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_attemptTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_attemptTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_spec->setReadOnly(true);
    m_spec->setLineWrapMode(QPlainTextEdit::NoWrap);
    connect(m_attemptTable, &QTableWidget::currentCellChanged, this, [this](int row) { showAttemptLog(row); });

    auto *tabs = new QTabWidget(this);
    tabs->addTab(m_attemptTable, tr("Attempts"));
    tabs->addTab(m_log, tr("Log tail"));
    tabs->addTab(m_spec, tr("Spec"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_error);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(820, 560);

    QPointer<JobDetailDialog> self(this);
    QtConcurrent::run([storePath, jobId] { return readDetail(storePath, jobId); })
        .then(this, [self](const Result<JobDetail> &detail) {
            if (!self) return;
            if (!detail) {
                self->m_summary->setText(tr("Could not load the job: %1").arg(detail.error().toString()));
                Q_EMIT self->loadFailed(detail.error());
                return;
            }
            self->fill(*detail);
        });
}

void JobDetailDialog::fill(const JobDetail &d)
{
    const Result<JobSpec> spec = d.record.spec();
    const QString source = spec ? spec->source.localPath() : QString();
    QStringList lines{tr("<b>%1</b> — %2").arg(QFileInfo(source).fileName().toHtmlEscaped(), QueueModel::stateText(d.record.state)),
                      tr("Job %1, %2 attempt(s), last stage “%3”.").arg(d.record.id).arg(d.record.attempts).arg(d.record.lastStage)};
    if (d.deadLetter) lines << tr("Dead letter since %1: %2").arg(QLocale().toString(d.deadLetter->createdAt.toLocalTime(), QLocale::ShortFormat), d.deadLetter->reason.toHtmlEscaped());
    m_summary->setText(lines.join(QStringLiteral("<br>")));
    if (d.deadLetter) {
        const QJsonObject e = d.deadLetter->context.value(QStringLiteral("context")).toObject().value(QStringLiteral("error")).toObject();
        const QString code = e.value(QStringLiteral("code")).toString();
        if (!code.isEmpty())
            m_error->setText(tr("Error %1: %2 (%3)").arg(code, e.value(QStringLiteral("message")).toString(), e.value(QStringLiteral("context")).toString()));
    }
    if (m_error->text().isEmpty() && !d.attempts.isEmpty() && !d.attempts.constLast().errorCode.isEmpty())
        m_error->setText(tr("Error %1: %2").arg(d.attempts.constLast().errorCode, d.attempts.constLast().errorMessage));

    m_attempts = d.attempts;
    m_attemptTable->setRowCount(int(d.attempts.size()));
    const QLocale locale;
    for (int i = 0; i < d.attempts.size(); ++i) {
        const StageAttempt &a = d.attempts.at(i);
        const QStringList cells{QString::number(a.attempt), a.stage, locale.toString(a.startedAt.toLocalTime(), QLocale::ShortFormat),
                                a.endedAt.isValid() ? locale.toString(a.endedAt.toLocalTime(), QLocale::ShortFormat) : tr("running"),
                                a.worker, a.errorCode.isEmpty() ? QString() : a.errorCode + QStringLiteral(": ") + a.errorMessage};
        for (int c = 0; c < cells.size(); ++c) m_attemptTable->setItem(i, c, new QTableWidgetItem(cells.at(c)));
    }
    if (!d.attempts.isEmpty()) m_attemptTable->setCurrentCell(int(d.attempts.size()) - 1, 0);
    m_spec->setPlainText(QString::fromUtf8(QJsonDocument::fromJson(d.record.specJson).toJson(QJsonDocument::Indented)));
    m_loaded = true;
    Q_EMIT detailLoaded();
}

void JobDetailDialog::showAttemptLog(int row)
{
    if (row < 0 || row >= m_attempts.size()) return;
    const StageAttempt &a = m_attempts.at(row);
    m_log->setPlainText(a.logTail.isEmpty() ? tr("(attempt %1 left no log)").arg(a.attempt) : a.logTail);
}

QString JobDetailDialog::summaryText() const { return m_summary->text(); }
QString JobDetailDialog::errorText() const { return m_error->text(); }
int JobDetailDialog::attemptCount() const { return m_attemptTable->rowCount(); }
QString JobDetailDialog::logTailText() const { return m_log->toPlainText(); }
QString JobDetailDialog::specText() const { return m_spec->toPlainText(); }

} // namespace rendition::ui
