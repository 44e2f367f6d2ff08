#include "mainwindow/MainWindow.h"

#include "common/Workspace.h"
#include "ingest/IngestPanel.h"
#include "settings/SettingsPanel.h"

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
    m_settings = new SettingsPanel(m_workspace, this);
    addPanel(m_settings, tr("Settings"));
}

void MainWindow::addPanel(QWidget *panel, const QString &title) { m_tabs->addTab(panel, title); }

void MainWindow::showPanel(QWidget *panel)
{
    if (panel) m_tabs->setCurrentWidget(panel);
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
