#include "ui/mainwindow/MainWindow.h"

#include "ui/common/Workspace.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/mainwindow/PanelLinks.h"
#include "ui/presets/PresetEditorPanel.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/queue/QueuePanel.h"
#include "ui/review/QcReviewPanel.h"
#include "ui/settings/SettingsPanel.h"

#include <QApplication>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

namespace rendition::ui {

namespace {
constexpr int kStatusMs = 10000;
}

MainWindow::MainWindow(Workspace &workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(workspace)
    , m_tabs(new QTabWidget(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Rendition"));
    setAcceptDrops(true);
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    buildPanels();
    buildMenus();
    connectQueueing();
    connect(&m_workspace, &Workspace::message, this, [this](const QString &text) { statusBar()->showMessage(text, kStatusMs); });
    statusBar()->showMessage(tr("Job store: %1").arg(m_workspace.dataDir()), kStatusMs);
    resize(1280, 800);
}

void MainWindow::buildPanels()
{
    m_ingest = new IngestPanel(m_workspace, this);
    addPanel(m_ingest, tr("Ingest"));
    m_preview = new PreviewPanel(this);
    addPanel(m_preview, tr("Preview"));
    m_presets = new PresetEditorPanel(this, m_workspace.userPresetDir());
    addPanel(m_presets, tr("Presets"));
    m_queue = new QueuePanel(m_workspace.store(), &m_workspace.pool(), this);
    addPanel(m_queue, tr("Queue"));
    m_review = new QcReviewPanel(this);
    addPanel(m_review, tr("QC Review"));
    m_settings = new SettingsPanel(m_workspace, this);
    addPanel(m_settings, tr("Settings"));

    m_links = new PanelLinks(m_workspace, Panels{m_ingest, m_preview, m_presets, m_queue, m_review}, *m_tabs, this);
    auto toStatusBar = [this](const QString &text) { statusBar()->showMessage(text, kStatusMs); };
    connect(m_links, &PanelLinks::message, this, toStatusBar);
    connect(m_presets, &PresetEditorPanel::statusMessage, this, toStatusBar);
    connect(m_preview, &PreviewPanel::errorOccurred, this, toStatusBar);
    connect(m_review, &QcReviewPanel::errorOccurred, this, toStatusBar);
    connect(m_queue, &QueuePanel::errorReported, this, [toStatusBar](const Error &e) { toStatusBar(e.toString()); });
}

void MainWindow::addPanel(QWidget *panel, const QString &title) { m_tabs->addTab(panel, title); }

void MainWindow::showPanel(QWidget *panel)
{
    if (panel) m_tabs->setCurrentWidget(panel);
}

Status MainWindow::openReview(const QString &versionDir)
{
    const Status opened = m_links->reviewVersion(versionDir);
    showPanel(m_review);
    if (!opened) statusBar()->showMessage(opened.error().toString(), kStatusMs);
    return opened;
}

void MainWindow::connectQueueing()
{
    connect(m_ingest, &IngestPanel::queueRequested, &m_workspace, &Workspace::enqueueFiles);
    connect(m_ingest, &IngestPanel::queueRequested, this, [this](const QStringList &paths) {
        statusBar()->showMessage(tr("Checking %n file(s) before queuing…", nullptr, int(paths.size())), kStatusMs);
    });
    connect(&m_workspace, &Workspace::batchQueued, this, [this](const QString &, int jobs, const QStringList &notQueued) {
        QString text = tr("Queued %n job(s).", nullptr, jobs);
        if (!notQueued.isEmpty()) text += u' ' + tr("Not queued: %1").arg(notQueued.join(QStringLiteral("; ")));
        statusBar()->showMessage(text, kStatusMs);
        if (jobs > 0) showPanel(m_queue);
    });
    connect(&m_workspace, &Workspace::queueFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Nothing was queued: %1").arg(message), kStatusMs);
    });
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Add &Files…"), QKeySequence::Open, m_ingest, [this] { showPanel(m_ingest); m_ingest->chooseFiles(); });
    file->addAction(tr("Add F&older…"), m_ingest, [this] { showPanel(m_ingest); m_ingest->chooseFolder(); });
    file->addSeparator();
    file->addAction(tr("&Settings"), QKeySequence::Preferences, this, [this] { showPanel(m_settings); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_presets->undoAction());
    edit->addAction(m_presets->redoAction());
    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *show = view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rendition"), this, [this] {
        QMessageBox::about(this, tr("About Rendition"),
                           tr("Rendition %1 — media pipeline workstation.").arg(QApplication::applicationVersion()));
    });
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (IngestPanel::canAccept(event->mimeData())) event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (IngestPanel::canAccept(event->mimeData())) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (!m_ingest->handleDrop(event->mimeData())) return;
    event->acceptProposedAction();
    showPanel(m_ingest);
}

} // namespace rendition::ui
