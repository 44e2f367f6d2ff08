#include "app/gui/ScreenshotRunner.h"

#include "ui/common/Workspace.h"
#include "ui/ingest/AssetTableModel.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/ingest/IngestScanner.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/preview/PreviewPanel.h"
#include "core/queue/WorkerPool.h"

#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QPixmap>
#include <QRegularExpression>
#include <QScreen>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

using namespace rendition::ui;

ScreenshotRunner::ScreenshotRunner(MainWindow &window, Workspace &workspace, QString outDir, QObject *parent)
    : QObject(parent), m_window(window), m_workspace(workspace), m_outDir(std::move(outDir))
{
}

void ScreenshotRunner::start()
{
    if (!QDir().mkpath(m_outDir)) return fail(QStringLiteral("cannot create %1").arg(m_outDir));
    AppSettings settings = m_workspace.settings();
    settings.outputRoot = QDir(m_workspace.dataDir()).filePath(QStringLiteral("screenshot-out"));
    settings.hardwareSlots = 0;
    settings.watchFolders.clear();
    m_workspace.applySettings(settings); // this session only: not saved
    QTimer::singleShot(kTimeoutMs, this, [this] { fail(QStringLiteral("timed out")); });
    IngestPanel *ingest = m_window.ingestPanel();
    if (ingest->scanner()->isRunning())
        connect(ingest->scanner(), &IngestScanner::finished, this, &ScreenshotRunner::onScanned, Qt::SingleShotConnection);
    else
        QTimer::singleShot(0, this, &ScreenshotRunner::onScanned);
}

void ScreenshotRunner::onScanned()
{
    IngestPanel *ingest = m_window.ingestPanel();
    ingest->view()->selectAll();
    connect(&m_workspace, &Workspace::batchQueued, this, [this](const QString &, int jobs) { onQueued(jobs); },
            Qt::SingleShotConnection);
    connect(&m_workspace, &Workspace::queueFailed, this, [this](const QString &why) { fail(why); }, Qt::SingleShotConnection);
    if (!ingest->queueSelected(QStringLiteral("web-h264-ladder"))) captureFrom(0); // nothing usable: panels as they are
}

void ScreenshotRunner::onQueued(int jobs)
{
    if (jobs == 0) return captureFrom(0);
    connect(&m_workspace.pool(), &rendition::WorkerPool::idle, this, [this] { captureFrom(0); }, Qt::SingleShotConnection);
    m_workspace.pool().poke();
}

void ScreenshotRunner::captureFrom(int tab)
{
    if (m_done) return;
    QTabWidget *tabs = m_window.tabs();
    if (tab >= tabs->count()) {
        m_done = m_succeeded = true;
        QApplication::quit();
        return;
    }
    if (tab == 0) { // show the first asset selected, so panels that follow the selection have one
        QTableView *view = m_window.ingestPanel()->view();
        view->clearSelection();
        view->selectionModel()->setCurrentIndex(view->model()->index(0, AssetTableModel::Name),
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    tabs->setCurrentIndex(tab);
    if (tabs->widget(tab) == m_window.previewPanel()) // a stopped player shows no picture: show the first frames
        QTimer::singleShot(kSettleMs / 2, m_window.previewPanel(), [this] { m_window.previewPanel()->stepFrames(1); });
    QTimer::singleShot(kSettleMs, this, [this, tab, tabs] {
        QString slug = tabs->tabText(tab).toLower().remove(u'&');
        slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
        const QString file = QDir(m_outDir).filePath(slug + QStringLiteral(".png"));
        // From the screen, so native child windows (the video surface) are in the picture too.
        QPixmap shot = m_window.screen() ? m_window.screen()->grabWindow(m_window.winId()) : QPixmap();
        if (shot.isNull()) shot = m_window.grab();
        if (!shot.save(file)) return fail(QStringLiteral("cannot write %1").arg(file));
        QTextStream(stdout) << "screenshot " << file << Qt::endl;
        captureFrom(tab + 1);
    });
}

void ScreenshotRunner::fail(const QString &why)
{
    if (m_done) return;
    m_done = true;
    QTextStream(stderr) << "screenshots: " << why << Qt::endl;
    QApplication::exit(2);
}
