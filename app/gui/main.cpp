// rendition: the workstation GUI. Sets the application up (settings, translations, the
// Workspace with the job store and worker pool) and shows MainWindow.
//   rendition [--data-dir DIR] [--review VERSION|ASSET] [--screenshots DIR] [FILE|FOLDER...]
// Inputs given on the command line are ingested as if dropped. --review opens the QC review
// on a published version folder (or an asset folder's newest version; `make demo` uses it);
// a path that is neither is a usage error (status 2) before any window opens. --screenshots
// writes a PNG of every panel into DIR and quits (used by `make screenshots` under Xvfb).

#include "app/gui/ScreenshotRunner.h"

#include "core/preview/VersionPackage.h"

#include "ui/common/AppSettings.h"
#include "ui/common/Translations.h"
#include "ui/common/Workspace.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/preview/MediaBackend.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>
#include <QSettings>
#include <QTextStream>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition::ui;

int main(int argc, char *argv[])
{
    preferFfmpegMediaBackend(); // before QApplication: the previews decode with FFmpeg
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("rendition"));
    QApplication::setOrganizationName(QStringLiteral("Rendition"));
    QApplication::setApplicationVersion(QStringLiteral(RENDITION_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("rendition"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("rendition")));
    av_log_set_level(qEnvironmentVariableIsSet("RENDITION_AV_LOG") ? AV_LOG_INFO : AV_LOG_QUIET);

    QSettings qsettings;
    const AppSettings settings = AppSettings::load(qsettings);
    Translations translations(&app);
    translations.install(settings.language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Rendition media pipeline workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("data-dir"), QApplication::translate("main", "Folder of the job store."), QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("review"),
                      QApplication::translate("main", "Open the QC review of a published version folder (OUT/<asset>/vN) "
                                                      "or of an asset folder's newest version."),
                      QStringLiteral("FOLDER")});
    parser.addOption({QStringLiteral("screenshots"), QApplication::translate("main", "Write a PNG of every panel into DIR and quit."),
                      QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("INPUT"), QApplication::translate("main", "Files or folders to ingest."),
                                 QStringLiteral("[INPUT...]"));
    parser.process(app);

    QString reviewDir;
    if (parser.isSet(QStringLiteral("review"))) {
        rendition::Result<QString> dir = rendition::VersionPackage::resolveVersionDir(parser.value(QStringLiteral("review")));
        if (!dir) {
            QTextStream(stderr) << "rendition: --review: " << dir.error().toString() << '\n';
            return 2;
        }
        reviewDir = *dir;
    }

    auto workspace = Workspace::open(parser.value(QStringLiteral("data-dir")), Workspace::cliBesideApplication(), settings);
    if (!workspace) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Rendition"),
                              QApplication::translate("main", "The job store could not be opened: %1")
                                  .arg(workspace.error().toString()));
        return 1;
    }
    MainWindow window(**workspace);
    window.show();
    (*workspace)->start();
    window.ingestPanel()->addInputs(parser.positionalArguments());
    if (!reviewDir.isEmpty()) {
        if (const rendition::Status s = window.openReview(reviewDir); !s)
            QTextStream(stderr) << "rendition: --review: " << s.error().toString() << '\n';
    }

    ScreenshotRunner *screenshots = nullptr;
    if (parser.isSet(QStringLiteral("screenshots"))) {
        screenshots = new ScreenshotRunner(window, **workspace, parser.value(QStringLiteral("screenshots")), &window);
        screenshots->start();
    }
    const int code = QApplication::exec();
    return screenshots && !screenshots->succeeded() ? 2 : code;
}
