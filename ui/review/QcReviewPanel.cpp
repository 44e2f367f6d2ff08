#include "ui/review/QcReviewPanel.h"

#include "ui/preview/PreviewPanel.h"
#include "core/queue/Approval.h"
#include "ui/review/AbCompare.h"
#include "ui/review/BitrateChart.h"
#include "ui/review/LoudnessChart.h"
#include "ui/review/SpriteStrip.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rendition::ui {

namespace {
enum EventColumn { ColSeverity = 0, ColCheck, ColTime, ColDuration, ColRendition, ColMessage, ColCount };
constexpr int kStartMsRole = Qt::UserRole + 1;

QString seconds(double s)
{
    return s < 0 ? QString() : QLocale().toString(s, 'f', 2);
}
} // namespace

QcReviewPanel::QcReviewPanel(QWidget *parent) : QWidget(parent)
{
    buildUi();
}

void QcReviewPanel::buildUi()
{
    m_title = new QLabel(tr("No version open"), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_approve = new QPushButton(tr("Approve"), this);
    m_reject = new QPushButton(tr("Reject"), this);
    m_reason = new QLineEdit(this);
    m_reason->setPlaceholderText(tr("Reason for rejecting"));
    m_approve->setToolTip(tr("Approve this version for publishing"));
    m_reject->setToolTip(tr("Reject this version; a reason is required"));
    m_preview = new PreviewPanel(this);
    m_events = new QTreeWidget(this);
    m_events->setColumnCount(ColCount);
    m_events->setHeaderLabels(
        {tr("Severity"), tr("Check"), tr("Time (s)"), tr("Duration (s)"), tr("Rendition"), tr("Message")});
    m_events->setRootIsDecorated(false);
    m_events->setSortingEnabled(true);
    m_events->header()->setStretchLastSection(true);
    m_events->setToolTip(tr("QC events; click one to seek the player there"));
    m_strip = new SpriteStrip(this);
    m_loudness = new LoudnessChart(this);
    m_curveChoice = new QComboBox(this);
    m_curveChoice->setToolTip(tr("Loudness curve of the source or of an encoded audio rendition"));
    m_bitrate = new BitrateChart(this);
    m_ab = new AbCompare(this);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_reason);
    header->addWidget(m_reject);
    header->addWidget(m_approve);
    auto *top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_preview);
    top->addWidget(m_events);
    top->setStretchFactor(0, 3);
    top->setStretchFactor(1, 2);
    auto *timeline = new QWidget(this);
    auto *timelineLayout = new QVBoxLayout(timeline);
    timelineLayout->addWidget(m_strip);
    timelineLayout->addWidget(m_curveChoice);
    timelineLayout->addWidget(m_loudness, 1);
    auto *tabs = new QTabWidget(this);
    tabs->addTab(timeline, tr("Timeline and loudness"));
    tabs->addTab(m_bitrate, tr("Bitrate per segment"));
    tabs->addTab(m_ab, tr("Rendition A/B"));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(tabs);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_events, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) { onEventClicked(item); });
    connect(m_strip, &SpriteStrip::timeClicked, this, &QcReviewPanel::seekRequested);
    connect(this, &QcReviewPanel::seekRequested, m_preview, &PreviewPanel::seek);
    connect(this, &QcReviewPanel::seekRequested, m_ab, &AbCompare::seek);
    connect(m_preview, &PreviewPanel::positionChanged, m_strip, &SpriteStrip::setPositionMs);
    connect(m_preview, &PreviewPanel::positionChanged, m_loudness, &LoudnessChart::setPositionMs);
    connect(m_preview, &PreviewPanel::errorOccurred, this, [this](const QString &m) { setStatus(m, true); });
    connect(m_ab, &AbCompare::errorOccurred, this, [this](const QString &m) { setStatus(m, true); });
    connect(m_curveChoice, &QComboBox::currentIndexChanged, this, &QcReviewPanel::showCurve);
    connect(m_approve, &QPushButton::clicked, this, &QcReviewPanel::approve);
    connect(m_reject, &QPushButton::clicked, this, [this] { reject(m_reason->text()); });
    clearAll();
}

void QcReviewPanel::clearAll()
{
    m_package.reset();
    m_title->setText(tr("No version open"));
    m_events->clear();
    m_strip->setTrack({}, 0);
    {
        const QSignalBlocker block(m_curveChoice);
        m_curveChoice->clear();
    }
    m_loudness->clear();
    m_bitrate->setRenditions({});
    m_ab->clear();
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
}

Status QcReviewPanel::openVersion(const QString &versionDir)
{
    clearAll();
    Result<VersionPackage> package = VersionPackage::open(versionDir);
    if (!package) {
        setStatus(package.error().toString(), true);
        return package.error();
    }
    m_package = *package;
    const VersionPackage &p = *m_package;
    const QcReport &qc = p.qc();
    m_title->setText(
        !p.hasQc() ? tr("%1 %2 — no QC report").arg(p.assetName(), p.versionName())
        : qc.passed()
            ? tr("%1 %2 — QC passed, %3 warning(s)").arg(p.assetName(), p.versionName()).arg(qc.count(QcSeverity::Warn))
            : tr("%1 %2 — QC FAILED: %3 failure(s), %4 warning(s)")
                  .arg(p.assetName(), p.versionName())
                  .arg(qc.count(QcSeverity::Fail))
                  .arg(qc.count(QcSeverity::Warn)));
    setStatus({}, false);
    fillEvents();
    const qint64 durationMs = qint64(p.durationSeconds() * 1000);
    m_strip->setTrack(p.thumbnails(), durationMs);
    m_bitrate->setRenditions(p.renditions());
    for (const LoudnessCurve &c : p.loudness().curves)
        m_curveChoice->addItem(c.label == u"source" ? tr("Source (before normalization)")
                                                    : tr("%1 (encoded)").arg(c.label));
    m_curveChoice->setCurrentIndex(p.loudness().curves.size() > 1 ? 1 : 0); // the encoded audio, when there is one
    showCurve(m_curveChoice->currentIndex());
    m_approve->setEnabled(true);
    m_reject->setEnabled(true);
    if (Status s = m_preview->openPackage(p); !s) setStatus(s.error().toString(), true);
    if (Result<RenditionKey> key = p.readKey()) m_ab->setPackage(p, *key);
    return {};
}

void QcReviewPanel::fillEvents()
{
    m_events->setSortingEnabled(false);
    for (const QcEvent &e : m_package->qc().events) {
        auto *item = new QTreeWidgetItem(m_events);
        item->setText(ColSeverity, e.severity == QcSeverity::Fail ? tr("fail") : tr("warn"));
        item->setText(ColCheck, e.check);
        item->setText(ColTime, seconds(e.startSeconds));
        item->setText(ColDuration, e.startSeconds >= 0 && e.endSeconds >= e.startSeconds
                                       ? seconds(e.endSeconds - e.startSeconds)
                                       : QString());
        item->setText(ColRendition, e.rendition.isEmpty() ? tr("(package)") : e.rendition);
        item->setText(ColMessage, e.message);
        item->setToolTip(ColMessage, e.message);
        item->setData(ColSeverity, kStartMsRole,
                      e.startSeconds >= 0 ? QVariant(qint64(e.startSeconds * 1000)) : QVariant());
        if (e.severity == QcSeverity::Fail) item->setForeground(ColSeverity, QColor(200, 40, 40));
    }
    m_events->setSortingEnabled(true);
    m_events->sortByColumn(ColTime, Qt::AscendingOrder);
}

void QcReviewPanel::onEventClicked(QTreeWidgetItem *item)
{
    const QVariant start = item ? item->data(ColSeverity, kStartMsRole) : QVariant();
    if (start.isValid()) Q_EMIT seekRequested(start.toLongLong());
}

void QcReviewPanel::showCurve(int index)
{
    if (!m_package || index < 0 || index >= m_package->loudness().curves.size()) return m_loudness->clear();
    const PackageLoudness &l = m_package->loudness();
    m_loudness->setCurve(l.curves.at(index), l.targetLufs, l.toleranceLu, m_package->durationSeconds());
}

QString QcReviewPanel::statusText() const
{
    return m_status->text();
}

void QcReviewPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b02020;") : QString());
    if (error && !text.isEmpty()) Q_EMIT errorOccurred(text);
}

Result<QString> QcReviewPanel::pendingJobForVersion() const
{
    Result<QList<JobRecord>> pending = m_approval->pending();
    if (!pending) return pending.error();
    const QString mine = QFileInfo(versionDir()).canonicalFilePath();
    for (const JobRecord &job : *pending)
        if (QFileInfo(job.publishedDir).canonicalFilePath() == mine) return job.id;
    return makeError(QStringLiteral("review.not_pending"), tr("no job is waiting for approval of this version"),
                     versionDir());
}

void QcReviewPanel::approve()
{
    if (!m_package) return;
    Q_EMIT approveRequested(versionDir());
    if (!m_approval) return;
    Result<QString> job = pendingJobForVersion();
    Status s = job ? m_approval->approve(*job) : Status(job.error());
    if (!s) return setStatus(s.error().toString(), true);
    setStatus(tr("Approved: %1 is now the current version.").arg(m_package->versionName()), false);
}

void QcReviewPanel::reject(const QString &reason)
{
    if (!m_package) return;
    if (reason.trimmed().isEmpty())
        return setStatus(tr("Give a reason for rejecting %1.").arg(m_package->versionName()), true);
    Q_EMIT rejectRequested(versionDir(), reason.trimmed());
    if (!m_approval) return;
    Result<QString> job = pendingJobForVersion();
    Status s = job ? m_approval->reject(*job, reason.trimmed()) : Status(job.error());
    if (!s) return setStatus(s.error().toString(), true);
    setStatus(tr("Rejected: %1.").arg(reason.trimmed()), false);
}

} // namespace rendition::ui
