// Settings: they survive a restart (QSettings in a test-scoped ini file), unusable settings
// are refused, they are applied to the running pool, encoders are probed off the GUI thread,
// and watch folders queue settled files once, across restarts.

#include "ui/common/AppSettings.h"
#include "ui/common/WatchFolderRunner.h"
#include "ui/common/Workspace.h"
#include "core/queue/JobStore.h"
#include "core/queue/WorkerPool.h"
#include "ui/settings/SettingsPanel.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;
using namespace rendition::ui;

namespace {

const QString kGood = QStringLiteral(RENDITION_FIXTURES "/good/");


} // namespace

class TestSettings : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    std::unique_ptr<Workspace> openWorkspace(const AppSettings &settings)
    {
        auto ws = Workspace::open(m_dir.filePath(QStringLiteral("store")), QStringLiteral(RENDITION_CLI), settings);
        if (!ws) qWarning() << ws.error().toString();
        return ws ? std::move(*ws) : nullptr;
    }
    AppSettings loadSettings()
    {
        QSettings s;
        return AppSettings::load(s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        av_log_set_level(AV_LOG_QUIET);
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Test-scoped settings: an ini file in the temporary folder, never the user's.
        QCoreApplication::setOrganizationName(QStringLiteral("RenditionTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
        QSettings().clear();
    }

    void defaults_whenNothingIsStored()
    {
        const AppSettings s = loadSettings();
        QCOMPARE(s, AppSettings::defaults());
        QCOMPARE(s.defaultPreset, QStringLiteral("web-h264-ladder"));
        QVERIFY(!s.outputRoot.isEmpty());
    }

    void settingsSurviveRestart()
    {
        const QString watched = m_dir.filePath(QStringLiteral("watched"));
        QVERIFY(QDir().mkpath(watched));
        AppSettings start = AppSettings::defaults();
        start.hardwareSlots = 0;
        {
            auto ws = openWorkspace(start);
            QVERIFY(ws);
            SettingsPanel panel(*ws, nullptr);
            AppSettings wanted = panel.edited();
            wanted.cpuSlots = 3;
            wanted.hardwareSlots = 1;
            wanted.lightSlots = 4;
            wanted.outputRoot = m_dir.filePath(QStringLiteral("packages"));
            wanted.defaultPreset = QStringLiteral("proxy-edit");
            wanted.watchFolders = {watched};
            wanted.language = UiLanguage::German;
            panel.setEditing(wanted);
            QCOMPARE(panel.edited(), wanted);
            QSignalSpy saved(&panel, &SettingsPanel::saved);
            QVERIFY(panel.save());
            QCOMPARE(saved.size(), 1);
            QCOMPARE(saved.at(0).at(1).toBool(), true); // the language changed: restart needed
            // Applied to the running workspace and its pool.
            QCOMPARE(ws->settings(), wanted);
            QCOMPARE(ws->pool().slots(PoolKind::Cpu), 3);
            QCOMPARE(ws->pool().slots(PoolKind::Hardware), 1);
            QCOMPARE(ws->pool().slots(PoolKind::Light), 4);
        }
        // "Restart": a new workspace and panel from what QSettings holds.
        const AppSettings reloaded = loadSettings();
        QCOMPARE(reloaded.cpuSlots, 3);
        QCOMPARE(reloaded.hardwareSlots, 1);
        QCOMPARE(reloaded.lightSlots, 4);
        QCOMPARE(reloaded.defaultPreset, QStringLiteral("proxy-edit"));
        QCOMPARE(reloaded.watchFolders, QStringList{watched});
        QCOMPARE(reloaded.language, UiLanguage::German);
        auto ws = openWorkspace(reloaded);
        QVERIFY(ws);
        SettingsPanel panel(*ws, nullptr);
        QCOMPARE(panel.edited(), reloaded);
        QCOMPARE(panel.watchFolderList()->count(), 1);
    }

    void unusableSettings_areRefused()
    {
        QSettings().clear();
        auto ws = openWorkspace(AppSettings::defaults());
        QVERIFY(ws);
        SettingsPanel panel(*ws, nullptr);
        AppSettings s = panel.edited();
        s.outputRoot.clear();
        panel.setEditing(s);
        QVERIFY(!panel.save());
        QVERIFY(!panel.findChild<QLabel *>(QStringLiteral("settingsMessage"))->text().isEmpty());
        QVERIFY(!QSettings().contains(QStringLiteral("output/root"))); // nothing written
        // Garbage in the file falls back to defaults, clamped.
        {
            QSettings raw;
            raw.setValue(QStringLiteral("pool/cpu_slots"), QStringLiteral("many"));
            raw.setValue(QStringLiteral("pool/light_slots"), 100000);
            raw.setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
        }
        const AppSettings loaded = loadSettings();
        QCOMPARE(loaded.cpuSlots, AppSettings::defaults().cpuSlots);
        QCOMPARE(loaded.lightSlots, AppSettings::kMaxSlots);
        QCOMPARE(loaded.language, UiLanguage::System);
        QSettings().clear();
    }

    void encoders_areProbedOffTheGuiThread()
    {
        auto ws = openWorkspace(AppSettings::defaults());
        QVERIFY(ws);
        SettingsPanel panel(*ws, nullptr);
        QSignalSpy probed(&panel, &SettingsPanel::encodersProbed);
        panel.probeEncoders();
        QVERIFY(probed.wait(180000));
        const int usable = probed.at(0).at(0).toInt();
        const int total = probed.at(0).at(1).toInt();
        qInfo("%d of %d encoders usable", usable, total);
        QVERIFY(total >= 3); // one software encoder per codec at least
        QCOMPARE(panel.encoderView()->topLevelItemCount(), total);
        const QList<QTreeWidgetItem *> x264 = panel.encoderView()->findItems(QStringLiteral("libx264"), Qt::MatchExactly, 0);
        QCOMPARE(x264.size(), 1);
        QCOMPARE(x264.first()->text(3), SettingsPanel::tr("works"));
    }

    void watchFolders_queueSettledFilesOnceAcrossRestarts()
    {
        const QString watched = m_dir.filePath(QStringLiteral("dropbox"));
        QVERIFY(QDir().mkpath(watched));
        QVERIFY(QFile::copy(kGood + QStringLiteral("audio_only.m4a"), watched + QStringLiteral("/clip.m4a")));
        {
            QFile note(watched + QStringLiteral("/readme.txt"));
            QVERIFY(note.open(QIODevice::WriteOnly));
            note.write("not media\n");
        }
        AppSettings s = AppSettings::defaults();
        s.hardwareSlots = 0;
        s.outputRoot = m_dir.filePath(QStringLiteral("watch-out"));
        s.defaultPreset = QStringLiteral("proxy-edit");
        for (int run = 0; run < 2; ++run) { // the second run is "after a restart"
            auto ws = openWorkspace(s);
            QVERIFY(ws);
            WatchFolderRunner &runner = ws->watchFolders();
            QSignalSpy queued(&runner, &WatchFolderRunner::fileQueued);
            QSignalSpy skipped(&runner, &WatchFolderRunner::fileSkipped);
            runner.configure({watched}, s.defaultPreset, s.outputRoot, 200, 100);
            QCOMPARE(runner.watchedFolders(), QStringList{watched});
            if (run == 0) {
                QTRY_COMPARE_WITH_TIMEOUT(queued.size(), 1, 60000);
                QTRY_COMPARE_WITH_TIMEOUT(skipped.size(), 1, 60000); // readme.txt, remembered
                QCOMPARE(queued.at(0).at(0).toString(), watched + QStringLiteral("/clip.m4a"));
                Result<std::optional<JobRecord>> job = ws->store().job(queued.at(0).at(1).toString());
                QVERIFY(job && job->has_value());
                QCOMPARE(job->value().state, JobState::Queued);
            } else {
                QTest::qWait(1500); // several polls past the settle time
                QCOMPARE(queued.size(), 0);
                QCOMPARE(skipped.size(), 0);
            }
        }
    }

    void watchFolders_badConfigurationIsReported()
    {
        auto ws = openWorkspace(AppSettings::defaults());
        QVERIFY(ws);
        QSignalSpy problem(&ws->watchFolders(), &WatchFolderRunner::problem);
        ws->watchFolders().configure({m_dir.filePath(QStringLiteral("missing"))}, QStringLiteral("proxy-edit"), m_dir.path());
        QCOMPARE(problem.size(), 1);
        QVERIFY(problem.at(0).at(0).toString().contains(u"missing"));
        QVERIFY(ws->watchFolders().watchedFolders().isEmpty());
        ws->watchFolders().configure({m_dir.path()}, QString(), m_dir.path());
        QCOMPARE(problem.size(), 2); // no preset: nothing watched
        QVERIFY(ws->watchFolders().watchedFolders().isEmpty());
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
