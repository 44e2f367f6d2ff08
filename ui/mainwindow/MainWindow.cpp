#include "mainwindow/MainWindow.h"

#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QTabWidget>

namespace rendition::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_tabs(new QTabWidget(this))
{
    setWindowTitle(tr("Rendition"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    buildMenus();
    resize(1280, 800);
}

void MainWindow::addPanel(QWidget *panel, const QString &title)
{
    m_tabs->addTab(panel, title);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Rendition"), this, [this] {
        QMessageBox::about(this, tr("About Rendition"),
                           tr("Rendition %1 — media pipeline workstation.").arg(QApplication::applicationVersion()));
    });
}

} // namespace rendition::ui
