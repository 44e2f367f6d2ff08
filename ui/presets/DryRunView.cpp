#include "ui/presets/DryRunView.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentMap>

#include <cmath>

namespace rendition::ui {

namespace {

QString formatSeconds(double seconds)
{
    const qint64 s = std::max<qint64>(1, std::llround(seconds));
    if (s < 60) return DryRunView::tr("~%1 s").arg(s);
    if (s < 3600) return DryRunView::tr("~%1 min %2 s").arg(s / 60).arg(s % 60);
    return DryRunView::tr("~%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString rateText(const RungEstimate &e)
{
    const RateControl &rc = e.planned.rung.rateControl;
    const QString mode = rateControlName(rc.mode);
    if (e.bitrateFromPreset) return DryRunView::tr("%1 %2 kbps").arg(mode).arg(rc.bitrateKbps);
    return DryRunView::tr("%1 %2 ≈ %3 kbps").arg(mode).arg(rc.crf).arg(qRound(e.videoKbps));
}

QString encoderText(const EncoderChoice &c)
{
    if (c.hardware) return DryRunView::tr("%1 (hardware)").arg(c.encoder);
    if (!c.fallbackReason.isEmpty())
        return DryRunView::tr("%1 (software fallback for \"%2\")").arg(c.encoder, c.requested);
    return DryRunView::tr("%1 (software)").arg(c.encoder);
}

} // namespace

DryRunView::DryRunView(QWidget *parent)
    : QWidget(parent), m_assetList(new QListWidget(this)), m_addButton(new QPushButton(tr("Add files…"), this)),
      m_clearButton(new QPushButton(tr("Clear"), this)), m_runButton(new QPushButton(tr("Run dry run"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_results(new QStandardItemModel(0, ColumnCount, this)), m_table(new QTableView(this)),
      m_summary(new QLabel(this))
{
    m_pool.setMaxThreadCount(2);
    m_assetList->setMaximumHeight(90);
    m_assetList->setObjectName(QStringLiteral("dryRunAssets"));
    m_runButton->setObjectName(QStringLiteral("dryRunButton"));
    m_results->setHorizontalHeaderLabels({tr("Asset"), tr("Rendition"), tr("Output"), tr("Encoder"), tr("Rate control"),
                                          tr("Est. size"), tr("Est. time"), tr("Status")});
    m_table->setModel(m_results);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false); // long reasons are in the tooltips
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setObjectName(QStringLiteral("dryRunResults"));
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("dryRunSummary"));
    auto *note = new QLabel(tr("Sizes and times are estimates, not measurements: bitrate × duration for vbr/cbr, "
                               "a bits-per-pixel model for crf, a per-codec speed model for time."),
                            this);
    note->setWordWrap(true);

    auto *buttons = new QVBoxLayout;
    for (QPushButton *b : {m_addButton, m_clearButton, m_runButton, m_cancelButton})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *top = new QHBoxLayout;
    top->addWidget(m_assetList, 1);
    top->addLayout(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_table, 1);
    layout->addWidget(note);
    layout->addWidget(m_summary);

    connect(m_addButton, &QPushButton::clicked, this, &DryRunView::addFiles);
    connect(m_clearButton, &QPushButton::clicked, this, [this] { setAssets({}); });
    connect(m_runButton, &QPushButton::clicked, this, &DryRunView::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &DryRunView::cancel);
    connect(&m_watcher, &QFutureWatcher<DryRunResult>::resultReadyAt, this, &DryRunView::showResult);
    connect(&m_watcher, &QFutureWatcher<DryRunResult>::finished, this, &DryRunView::onFinished);
    connect(&m_watcher, &QFutureWatcher<DryRunResult>::progressRangeChanged, m_progress, &QProgressBar::setRange);
    connect(&m_watcher, &QFutureWatcher<DryRunResult>::progressValueChanged, m_progress, &QProgressBar::setValue);
    updateButtons();
}

DryRunView::~DryRunView()
{
    m_cancel.cancel();
    m_watcher.cancel();
    m_pool.waitForDone(); // probes stop at their next cancel check
}

void DryRunView::setPresetSource(std::function<Result<Preset>()> source)
{
    m_presetSource = std::move(source);
}

void DryRunView::setEncoderResolver(EncoderResolver resolver)
{
    m_resolver = std::move(resolver);
}

QString DryRunView::summary() const
{
    return m_summary->text();
}

void DryRunView::setAssets(const QStringList &paths)
{
    m_assets = paths;
    m_assets.removeDuplicates();
    m_assetList->clear();
    for (const QString &path : std::as_const(m_assets)) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName(), m_assetList);
        item->setToolTip(path);
    }
    updateButtons();
}

void DryRunView::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add media files for the dry run"));
    if (!files.isEmpty()) setAssets(m_assets + files);
}

void DryRunView::run()
{
    cancel();
    m_results->removeRows(0, m_results->rowCount());
    m_totalBytes = 0;
    m_totalSeconds = 0;
    m_renditions = m_skipped = m_rejected = 0;
    const Result<Preset> preset =
        m_presetSource ? m_presetSource()
                       : Result<Preset>(makeError(QStringLiteral("preset.none"), tr("No preset is selected.")));
    QString refusal;
    if (!preset.ok())
        refusal = tr("The preset has problems; fix the listed messages before a dry run.");
    else if (m_assets.isEmpty())
        refusal = tr("No assets: select assets in the ingest panel or use \"Add files…\".");
    if (!refusal.isEmpty()) {
        m_summary->setText(refusal);
        Q_EMIT finished();
        return;
    }
    m_cancel = CancelToken();
    m_running = m_assets;
    m_summary->setText(tr("Probing %n asset(s)…", nullptr, int(m_running.size())));
    const DryRunOptions options{0, m_resolver};
    const Preset snapshot = preset.value();
    const CancelToken cancel = m_cancel;
    m_watcher.setFuture(
        QtConcurrent::mapped(&m_pool, QStringList(m_running), [snapshot, options, cancel](const QString &path) {
            return dryRunFile(path, snapshot, options, cancel);
        }));
    updateButtons();
}

void DryRunView::cancel()
{
    if (!m_watcher.isRunning()) return;
    m_cancel.cancel();
    m_watcher.cancel();
}

void DryRunView::addRow(const QStringList &cells, bool problem)
{
    QList<QStandardItem *> row;
    for (const QString &text : cells) {
        auto *item = new QStandardItem(text);
        item->setToolTip(text);
        if (problem) item->setForeground(QColor(160, 0, 0));
        row.append(item);
    }
    m_results->appendRow(row);
}

void DryRunView::showResult(int index)
{
    const DryRunResult r = m_watcher.resultAt(index);
    const QString asset = QFileInfo(r.sourcePath).fileName();
    const QString dash = QStringLiteral("—");
    if (!r.ok()) {
        if (r.error.code != u"canceled") {
            ++m_rejected;
            addRow({asset, dash, dash, dash, dash, dash, dash, tr("Cannot be processed: %1").arg(r.error.message)},
                   true);
        }
        return;
    }
    for (const RungEstimate &e : r.rungs) {
        QString status = e.planned.note.isEmpty() ? tr("Planned") : tr("Planned: %1").arg(e.planned.note);
        if (!e.encoder.fallbackReason.isEmpty()) status += QStringLiteral("; ") + e.encoder.fallbackReason;
        addRow({asset, e.planned.dirName,
                tr("%1×%2 @ %3 fps").arg(e.planned.width).arg(e.planned.height).arg(e.frameRate, 0, 'f', 2),
                encoderText(e.encoder), rateText(e), formatBytes(e.estimatedBytes), formatSeconds(e.estimatedSeconds),
                status},
               false);
        if (!e.encoder.fallbackReason.isEmpty()) // the why, where the encoder is named
            m_results->item(m_results->rowCount() - 1, EncoderColumn)->setToolTip(e.encoder.fallbackReason);
    }
    for (const SkippedRung &s : r.skipped)
        addRow({asset, s.name, dash, dash, dash, dash, dash, tr("Skipped: %1").arg(s.reason)}, true);
    for (const AudioEstimate &a : r.audio)
        addRow({asset, a.name, tr("audio"), dash, tr("%1 kbps").arg(a.bitrateKbps), formatBytes(a.estimatedBytes), dash,
                tr("Planned")},
               false);
    addRow({asset, tr("Total"),
            tr("source %1×%2, %3 s").arg(r.sourceWidth).arg(r.sourceHeight).arg(r.durationSeconds, 0, 'f', 1), dash,
            dash, formatBytes(r.estimatedBytes), formatSeconds(r.estimatedSeconds), tr("Estimate")},
           false);
    m_totalBytes += r.estimatedBytes;
    m_totalSeconds += r.estimatedSeconds;
    m_renditions += int(r.rungs.size() + r.audio.size());
    m_skipped += int(r.skipped.size());
}

void DryRunView::onFinished()
{
    QString text = tr("%n rendition(s) planned, %1 skipped rung(s), %2 asset(s) rejected; about %3 and %4 in total "
                      "(estimates).",
                      nullptr, m_renditions)
                       .arg(m_skipped)
                       .arg(m_rejected)
                       .arg(formatBytes(m_totalBytes), formatSeconds(m_totalSeconds));
    if (m_watcher.isCanceled()) text = tr("Dry run canceled. ") + text;
    m_summary->setText(text);
    updateButtons();
    Q_EMIT finished();
}

void DryRunView::updateButtons()
{
    const bool running = m_watcher.isRunning();
    m_runButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_clearButton->setEnabled(!running && !m_assets.isEmpty());
}

} // namespace rendition::ui
