// `rendition --review FOLDER` (what `make demo` opens): a version folder or an asset folder
// (its newest complete version) resolves to the version; MainWindow::openReview shows the QC
// review tab on that version and it stays there when other tabs are shown in between (the
// store's newest job does not replace it); the real binary accepts a good folder (runs, no
// error) and refuses a bad one with status 2 and a message naming the path, before any window.

#include "tests/gui/ReviewTestSupport.h"

#include "core/preview/VersionPackage.h"
#include "ui/common/Workspace.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/mainwindow/MainWindow.h"
#include "ui/review/QcReviewPanel.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;
using namespace rendition::ui;

namespace {
const QString kGui = QStringLiteral(RENDITION_GUI);
}

class TestReviewOption : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void resolvesVersionAndAssetFolders();
    void badFolders_data();
    void badFolders();
    void openReview_showsThatVersion();
    void binary_acceptsVersion_refusesBadFolder();

private:
    QProcessEnvironment guiEnvironment(const QString &name) const;

    QTemporaryDir m_tmp;
    QString m_v1, m_v2, m_asset;
};

void TestReviewOption::initTestCase()
{
    av_log_set_level(AV_LOG_QUIET);
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_tmp.isValid());
    QString error;
    const QString source = reviewtest::makeEventSource(m_tmp.path(), &error);
    QVERIFY2(!source.isEmpty(), qPrintable(error));
    // Published twice: clip/v1 and clip/v2 (the asset folder then means v2).
    const QJsonObject preset = reviewtest::progressivePreset(QStringLiteral("gui-review-option"));
    m_v1 = reviewtest::publish(m_tmp.path(), preset, source, &error);
    QVERIFY2(!m_v1.isEmpty(), qPrintable(error));
    QVERIFY2(!reviewtest::publish(m_tmp.path(), preset, source, &error).isEmpty(), qPrintable(error));
    m_asset = QFileInfo(m_v1).absolutePath();
    m_v2 = QDir(m_asset).filePath(QStringLiteral("v2"));
    QVERIFY(QFile::exists(QDir(m_v2).filePath(QStringLiteral("manifest.json"))));
    // A staging or broken folder named like a newer version does not count.
    QVERIFY(QDir(m_asset).mkpath(QStringLiteral("v9")));
}

void TestReviewOption::resolvesVersionAndAssetFolders()
{
    Result<QString> version = VersionPackage::resolveVersionDir(m_v1);
    QVERIFY2(version, qPrintable(version ? QString() : version.error().toString()));
    QCOMPARE(*version, QFileInfo(m_v1).absoluteFilePath());
    Result<QString> asset = VersionPackage::resolveVersionDir(m_asset);
    QVERIFY2(asset, qPrintable(asset ? QString() : asset.error().toString()));
    QCOMPARE(*asset, m_v2);
    // Relative paths resolve against the working directory.
    const QString cwd = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_tmp.path()));
    Result<QString> relative = VersionPackage::resolveVersionDir(QStringLiteral("out/clip"));
    QDir::setCurrent(cwd);
    QVERIFY(relative);
    QCOMPARE(*relative, m_v2);
}

void TestReviewOption::badFolders_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("problem");
    QTest::newRow("missing") << m_tmp.filePath(QStringLiteral("no-such-folder")) << QStringLiteral("does not exist");
    QTest::newRow("file") << QDir(m_v1).filePath(QStringLiteral("manifest.json")) << QStringLiteral("is not a folder");
    QTest::newRow("output root") << m_tmp.filePath(QStringLiteral("out")) << QStringLiteral("no complete version");
    QTest::newRow("empty version") << QDir(m_asset).filePath(QStringLiteral("v9")) << QStringLiteral("no complete version");
}

void TestReviewOption::badFolders()
{
    QFETCH(QString, path);
    QFETCH(QString, problem);
    Result<QString> r = VersionPackage::resolveVersionDir(path);
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("review.target"));
    QCOMPARE(r.error().context, path);
    QVERIFY2(r.error().message.contains(problem), qPrintable(r.error().message));
}

void TestReviewOption::openReview_showsThatVersion()
{
    AppSettings settings = AppSettings::defaults();
    settings.hardwareSlots = 0;
    auto ws = Workspace::open(m_tmp.filePath(QStringLiteral("store")), reviewtest::kCli, settings);
    QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
    MainWindow window(**ws);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.tabs()->currentWidget(), window.ingestPanel());

    const Status opened = window.openReview(m_v1);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    QCOMPARE(window.tabs()->currentWidget(), window.reviewPanel());
    QCOMPARE(window.reviewPanel()->versionDir(), m_v1);
    QVERIFY(window.reviewPanel()->package().has_value());
    QVERIFY(window.reviewPanel()->eventList()->topLevelItemCount() > 0); // the black/silent section
    QVERIFY2(window.reviewPanel()->statusText().isEmpty(), qPrintable(window.reviewPanel()->statusText()));

    // Away and back: still the chosen version.
    window.showPanel(window.ingestPanel());
    window.showPanel(window.reviewPanel());
    QCOMPARE(window.reviewPanel()->versionDir(), m_v1);

    // A broken version: the tab shows, the error names the folder's missing manifest.
    const Status broken = window.openReview(QDir(m_asset).filePath(QStringLiteral("v9")));
    QVERIFY(!broken);
    QVERIFY2(broken.error().toString().contains(QStringLiteral("manifest.json")), qPrintable(broken.error().toString()));
    QCOMPARE(window.tabs()->currentWidget(), window.reviewPanel());
}

QProcessEnvironment TestReviewOption::guiEnvironment(const QString &name) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_tmp.filePath(name + QStringLiteral("-config")));
    env.insert(QStringLiteral("RENDITION_DATA_DIR"), m_tmp.filePath(name + QStringLiteral("-store")));
    return env;
}

void TestReviewOption::binary_acceptsVersion_refusesBadFolder()
{
    // Refused before a window or a job store: status 2, the option and the path on stderr.
    QProcess bad;
    bad.setProcessEnvironment(guiEnvironment(QStringLiteral("bad")));
    const QString missing = m_tmp.filePath(QStringLiteral("no-such-folder"));
    bad.start(kGui, {QStringLiteral("--review"), missing});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitStatus(), QProcess::NormalExit);
    QCOMPARE(bad.exitCode(), 2);
    const QString badErr = QString::fromUtf8(bad.readAllStandardError());
    QVERIFY2(badErr.contains(QStringLiteral("--review")) && badErr.contains(missing), qPrintable(badErr));
    QVERIFY(!QFile::exists(m_tmp.filePath(QStringLiteral("bad-store/jobs.sqlite"))));

    // Accepted: the window runs on the asset's newest version with nothing on stderr about it.
    QProcess good;
    good.setProcessEnvironment(guiEnvironment(QStringLiteral("good")));
    good.start(kGui, {QStringLiteral("--review"), m_asset});
    QVERIFY(good.waitForStarted(10000));
    QVERIFY2(!good.waitForFinished(4000), qPrintable(QString::fromUtf8(good.readAllStandardError())));
    good.terminate();
    QVERIFY(good.waitForFinished(30000));
    const QString goodErr = QString::fromUtf8(good.readAllStandardError());
    QVERIFY2(!goodErr.contains(QStringLiteral("--review")), qPrintable(goodErr));
    QVERIFY(QFile::exists(m_tmp.filePath(QStringLiteral("good-store/jobs.sqlite"))));
}

QTEST_MAIN(TestReviewOption)
#include "tst_reviewoption.moc"
