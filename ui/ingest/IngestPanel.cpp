#include "ui/ingest/IngestPanel.h"

#include "ui/common/Workspace.h"
#include "ui/ingest/AssetTableModel.h"
#include "ui/ingest/IngestScanner.h"
#include "ui/ingest/MediaDetailLoader.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

#include <cmath>

namespace rendition::ui {

namespace {

QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls()) return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    return paths;
}

QString formatEta(double seconds)
{
    if (seconds < 0) return IngestPanel::tr("estimating…");
    if (seconds < 60) return IngestPanel::tr("about %n second(s) left", nullptr, std::max(1, int(std::ceil(seconds))));
    return IngestPanel::tr("about %n minute(s) left", nullptr, int(std::ceil(seconds / 60)));
}

} // namespace

IngestPanel::IngestPanel(Workspace &workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new AssetTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_scanner(new IngestScanner(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("ingestPanel"));
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AssetTableModel::SortRole);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // order found until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setIconSize(MediaDetailLoader::kThumbnailSize);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(MediaDetailLoader::kThumbnailSize.height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(AssetTableModel::Thumbnail, MediaDetailLoader::kThumbnailSize.width() + 12);
    m_view->setColumnWidth(AssetTableModel::Name, 240);
    m_view->setColumnWidth(AssetTableModel::Resolution, 150);
    m_view->setColumnWidth(AssetTableModel::Codecs, 220);
    m_view->setColumnWidth(AssetTableModel::Status, 150);

    auto *hint = new QLabel(tr("Drop folders or files anywhere on this window, or use Add Files… and Add Folder…. "
                               "Media is recognised by its content, not by its file name."), this);
    hint->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("ingestSummary"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolbar());
    layout->addWidget(hint);
    layout->addWidget(buildProgressRow());
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_scanner, &IngestScanner::found, m_model, &AssetTableModel::addResults);
    connect(m_scanner, &IngestScanner::progress, this, &IngestPanel::onProgress);
    connect(m_scanner, &IngestScanner::finished, this, &IngestPanel::onFinished);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &IngestPanel::updateSummary);
    connect(m_model, &QAbstractItemModel::modelReset, this, &IngestPanel::updateSummary);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        Q_EMIT selectedAssetsChanged(selectedPaths());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        Q_EMIT currentAssetChanged(current.data(AssetTableModel::PathRole).toString());
    });
    updateSummary();
    updateActions();
}

QWidget *IngestPanel::buildToolbar()
{
    auto *bar = new QWidget(this);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    auto *addFiles = new QPushButton(tr("Add Files…"), bar);
    auto *addFolder = new QPushButton(tr("Add Folder…"), bar);
    m_queueButton = new QPushButton(tr("Queue Selected with Preset…"), bar);
    m_clearButton = new QPushButton(tr("Clear List"), bar);
    connect(addFiles, &QPushButton::clicked, this, &IngestPanel::chooseFiles);
    connect(addFolder, &QPushButton::clicked, this, &IngestPanel::chooseFolder);
    connect(m_queueButton, &QPushButton::clicked, this, &IngestPanel::askQueueSelected);
    connect(m_clearButton, &QPushButton::clicked, this, &IngestPanel::clearList);
    row->addWidget(addFiles);
    row->addWidget(addFolder);
    row->addStretch(1);
    row->addWidget(m_queueButton);
    row->addWidget(m_clearButton);
    return bar;
}

QWidget *IngestPanel::buildProgressRow()
{
    m_progressRow = new QWidget(this);
    auto *row = new QHBoxLayout(m_progressRow);
    row->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(m_progressRow);
    m_progressText = new QLabel(m_progressRow);
    auto *cancel = new QPushButton(tr("Cancel"), m_progressRow);
    connect(cancel, &QPushButton::clicked, m_scanner, &IngestScanner::cancel);
    row->addWidget(m_progress, 1);
    row->addWidget(m_progressText);
    row->addWidget(cancel);
    m_progressRow->hide();
    return m_progressRow;
}

void IngestPanel::addInputs(const QStringList &paths)
{
    if (paths.isEmpty()) return;
    if (!m_scanner->isRunning()) m_ignored = 0;
    m_progress->setRange(0, 0); // busy until the first count arrives
    m_progressText->setText(tr("Looking for media…"));
    m_progressRow->show();
    m_scanner->scan(paths);
}

bool IngestPanel::canAccept(const QMimeData *mime) { return !localPaths(mime).isEmpty(); }

bool IngestPanel::handleDrop(const QMimeData *mime)
{
    const QStringList paths = localPaths(mime);
    addInputs(paths);
    return !paths.isEmpty();
}

void IngestPanel::dragEnterEvent(QDragEnterEvent *event)
{
    if (canAccept(event->mimeData())) event->acceptProposedAction();
}

void IngestPanel::dropEvent(QDropEvent *event)
{
    if (handleDrop(event->mimeData())) event->acceptProposedAction();
}

void IngestPanel::onProgress(int done, int total, double etaSeconds)
{
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    m_progressText->setText(tr("Probed %1 of %2 files — %3").arg(done).arg(total).arg(formatEta(etaSeconds)));
}

void IngestPanel::onFinished(int probed, int ignored, bool canceled)
{
    m_ignored += ignored;
    m_progressRow->hide();
    updateSummary();
    if (canceled) m_summary->setText(tr("Scan canceled after %n file(s).", nullptr, probed) + u' ' + m_summary->text());
}

void IngestPanel::updateSummary()
{
    int ready = 0, warnings = 0, rejected = 0;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const ProbeResult &p = m_model->probeAt(r);
        if (p.hasFatal()) ++rejected;
        else if (!p.problems.isEmpty()) ++warnings;
        else ++ready;
    }
    QString text = tr("%n asset(s): ", nullptr, m_model->rowCount())
                   + tr("%1 ready, %2 usable with warnings, %3 rejected.").arg(ready).arg(warnings).arg(rejected);
    if (m_ignored > 0) text += u' ' + tr("%n file(s) in folders ignored (not media).", nullptr, m_ignored);
    m_summary->setText(text);
}

void IngestPanel::updateActions()
{
    m_queueButton->setEnabled(!selectedPaths().isEmpty());
}

QStringList IngestPanel::selectedPaths() const
{
    QStringList paths;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        paths << index.data(AssetTableModel::PathRole).toString();
    return paths;
}

bool IngestPanel::queueSelected(const QString &preset)
{
    QStringList usable;
    for (const QString &path : selectedPaths()) {
        const int row = m_model->rowOf(path);
        if (row >= 0 && !m_model->probeAt(row).hasFatal()) usable << path;
    }
    if (usable.isEmpty() || preset.isEmpty()) return false;
    Q_EMIT queueRequested(usable, preset);
    return true;
}

void IngestPanel::askQueueSelected()
{
    const QList<PresetChoice> choices = m_workspace.presetChoices();
    QStringList labels;
    int current = 0;
    for (const PresetChoice &c : choices) {
        if (c.nameOrPath == m_workspace.settings().defaultPreset) current = int(labels.size());
        labels << c.label;
    }
    bool ok = false;
    const QString label = QInputDialog::getItem(this, tr("Queue Selected"),
                                                tr("Queue %n selected file(s) with the preset:", nullptr, int(selectedPaths().size())),
                                                labels, current, false, &ok);
    if (!ok) return;
    const qsizetype index = labels.indexOf(label);
    if (index >= 0) queueSelected(choices.at(index).nameOrPath);
}

void IngestPanel::chooseFiles()
{
    addInputs(QFileDialog::getOpenFileNames(this, tr("Add Files")));
}

void IngestPanel::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Add Folder"));
    if (!dir.isEmpty()) addInputs({dir});
}

void IngestPanel::clearList()
{
    m_scanner->cancel();
    m_ignored = 0;
    m_model->clear();
}

} // namespace rendition::ui
