// rendition: the workstation GUI. Sets the application up and shows MainWindow.

#include "mainwindow/MainWindow.h"

#include <QApplication>

extern "C" {
#include <libavutil/log.h>
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("rendition"));
    QApplication::setOrganizationName(QStringLiteral("Rendition"));
    QApplication::setApplicationVersion(QStringLiteral(RENDITION_VERSION));
    av_log_set_level(qEnvironmentVariableIsSet("RENDITION_AV_LOG") ? AV_LOG_INFO : AV_LOG_QUIET);

    rendition::ui::MainWindow window;
    window.show();
    return app.exec();
}
