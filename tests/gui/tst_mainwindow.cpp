// MainWindow composes the panels (every one a child of the window), "Queue Selected with
// Preset…" becomes a batch of jobs in the store through the Workspace, queuing without an
// output root is refused, and the translations load: German/French by setting or system
// locale, English otherwise.

#include "ui/common/Translations.h"
#include "ui/common/Workspace.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/ingest/IngestScanner.h"
#include "ui/mainwindow/MainWindow.h"
#include "core/queue/JobStore.h"
#include "ui/settings/SettingsPanel.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;
using namespace rendition::ui;

namespace {
const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good/");
}

class TestMainWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<Workspace> openWorkspace(const QString &name, const QString &outputRoot)
    {
        AppSettings s = AppSettings::defaults();
        s.hardwareSlots = 0;
        s.outputRoot = outputRoot;
        auto ws = Workspace::open(m_dir.filePath(name), QStringLiteral(RENDITION_CLI), s);
        if (!ws) qWarning() << ws.error().toString();
        return ws ? std::move(*ws) : nullptr;
    }

    QStringList tabTitles(const MainWindow &window)
    {
        QStringList titles;
        for (int i = 0; i < window.tabs()->count(); ++i) titles << window.tabs()->tabText(i);
        return titles;
    }

private Q_SLOTS:
    void initTestCase()
    {
        av_log_set_level(AV_LOG_QUIET);
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void composesThePanels()
    {
        auto ws = openWorkspace(QStringLiteral("compose"), m_dir.filePath(QStringLiteral("out")));
        QVERIFY(ws);
        MainWindow window(*ws);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList titles = tabTitles(window);
        qInfo() << "tabs:" << titles;
        for (const QString &wanted : {MainWindow::tr("Ingest"), MainWindow::tr("Preview"), MainWindow::tr("Presets"),
                                      MainWindow::tr("Queue"), MainWindow::tr("QC Review"), MainWindow::tr("Settings")})
            QVERIFY2(titles.contains(wanted), qPrintable(wanted));
        for (int i = 0; i < window.tabs()->count(); ++i) {
            QWidget *panel = window.tabs()->widget(i);
            QVERIFY(window.isAncestorOf(panel)); // owned by the window, not floating
            window.tabs()->setCurrentIndex(i);
            QVERIFY(panel->isVisible());
        }
        QVERIFY(window.acceptDrops());
        QCOMPARE(window.ingestPanel()->parentWidget() != nullptr, true);
    }

    void queueSelected_makesABatchInTheStore()
    {
        auto ws = openWorkspace(QStringLiteral("queue"), m_dir.filePath(QStringLiteral("out")));
        QVERIFY(ws);
        MainWindow window(*ws);
        IngestPanel *ingest = window.ingestPanel();
        QSignalSpy scanned(ingest->scanner(), &IngestScanner::finished);
        ingest->addInputs({kGood + QStringLiteral("sport_5994.mp4"), kGood + QStringLiteral("audio_only.m4a")});
        QVERIFY(scanned.wait(180000));
        ingest->view()->selectAll();
        QSignalSpy queued(ws.get(), &Workspace::batchQueued);
        QVERIFY(ingest->queueSelected(QStringLiteral("proxy-edit")));
        QVERIFY(queued.wait(120000));
        QCOMPARE(queued.at(0).at(1).toInt(), 2);
        QVERIFY(queued.at(0).at(2).toStringList().isEmpty());
        Result<QList<JobRecord>> jobs = ws->store().list(JobFilter{{}, queued.at(0).at(0).toString(), -1});
        QVERIFY(jobs);
        QCOMPARE(jobs->size(), 2);
        for (const JobRecord &j : *jobs) {
            QCOMPARE(j.state, JobState::Queued); // the pool was not started
            Result<JobSpec> spec = j.spec();
            QVERIFY(spec);
            QCOMPARE(spec->preset.name, QStringLiteral("proxy-edit"));
            QCOMPARE(spec->source.sha256.size(), 64);
        }
        // The same files again: already in the queue, not queued twice.
        QVERIFY(ingest->queueSelected(QStringLiteral("proxy-edit")));
        QVERIFY(queued.wait(120000));
        QCOMPARE(queued.at(1).at(1).toInt(), 0);
        QCOMPARE(queued.at(1).at(2).toStringList().size(), 2);
    }

    void queueing_withoutOutputRoot_orPreset_isRefused()
    {
        auto ws = openWorkspace(QStringLiteral("refuse"), QString());
        QVERIFY(ws);
        QSignalSpy failed(ws.get(), &Workspace::queueFailed);
        ws->enqueueFiles({kGood + QStringLiteral("sport_5994.mp4")}, QStringLiteral("proxy-edit"));
        QCOMPARE(failed.size(), 1);
        AppSettings s = ws->settings();
        s.outputRoot = m_dir.filePath(QStringLiteral("out"));
        ws->applySettings(s);
        ws->enqueueFiles({kGood + QStringLiteral("sport_5994.mp4")}, QStringLiteral("no-such-preset"));
        QVERIFY(failed.wait(60000));
        QVERIFY(failed.at(1).at(0).toString().contains(u"no-such-preset"));
    }

    void languages_loadTheirTranslator_data()
    {
        QTest::addColumn<int>("language");
        QTest::addColumn<QString>("systemLocale");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("settings");
        QTest::newRow("German by setting") << int(UiLanguage::German) << "en_US" << "de" << "Einstellungen";
        QTest::newRow("French by setting") << int(UiLanguage::French) << "de_DE" << "fr" << "Paramètres";
        QTest::newRow("system German") << int(UiLanguage::System) << "de_AT" << "de" << "Einstellungen";
        QTest::newRow("system French") << int(UiLanguage::System) << "fr_CA" << "fr" << "Paramètres";
        QTest::newRow("system Japanese: English") << int(UiLanguage::System) << "ja_JP" << "en" << "Settings";
        QTest::newRow("English by setting") << int(UiLanguage::English) << "de_DE" << "en" << "Settings";
    }

    void languages_loadTheirTranslator()
    {
        QFETCH(int, language);
        QFETCH(QString, systemLocale);
        QFETCH(QString, code);
        QFETCH(QString, settings);
        Translations translations(nullptr);
        QCOMPARE(translations.install(UiLanguage(language), QLocale(systemLocale)), code);
        auto ws = openWorkspace(QStringLiteral("lang"), m_dir.filePath(QStringLiteral("out")));
        QVERIFY(ws);
        MainWindow window(*ws); // made after the switch, as at the next start
        QVERIFY(tabTitles(window).contains(settings));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
