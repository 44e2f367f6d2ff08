// PreviewPanel and its parts: the WebVTT sprite lookup (unit level), the J/K/L shuttle, a
// CENC-protected rendition decoded and shown through the decrypting reader, frame stepping
// and shuttle on the reader path, the scrubber's hover thumbnail, the source-file player
// (QMediaPlayer, FFmpeg backend), the level envelope and the metadata panel; bad inputs
// (missing key file, missing file, malformed VTT) give errors naming the file.

#include "tests/gui/ReviewTestSupport.h"

#include "core/preview/AudioEnvelope.h"
#include "ui/preview/LevelMeter.h"
#include "ui/preview/MetadataView.h"
#include "ui/preview/PreviewPanel.h"
#include "ui/preview/ReaderPlayback.h"
#include "core/preview/RenditionFrameSource.h"
#include "ui/preview/ThumbnailScrubber.h"
#include "core/preview/VersionPackage.h"

#include <QLabel>
#include <QMediaPlayer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>
#include <QtTest>

using namespace rendition;
using namespace rendition::ui;

namespace {
constexpr int kWaitMs = 60000;

// Mean luma-ish brightness (0..255) of an image.
double brightness(const QImage &image)
{
    const QImage small = image.scaled(32, 18).convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int y = 0; y < small.height(); ++y)
        for (int x = 0; x < small.width(); ++x)
            sum += qGray(small.pixel(x, y));
    return sum / (small.width() * small.height());
}
} // namespace

class TestPreview : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void vttLookup_data();
    void vttLookup();
    void vttBadInput_data();
    void vttBadInput();
    void shuttleKeys_data();
    void shuttleKeys();
    void encryptedRenditionThroughReader();
    void wrongKeyDoesNotDecode();
    void aes128TsRenditionThroughReader();
    void readerStepAndShuttle();
    void missingKeyFileNamed();
    void cancelAndDestroyWhilePlaying();
    void scrubberHoverShowsTile();
    void levelEnvelope();
    void sourcePlayer();
    void progressiveRenditionInPlayer();
    void missingSourceNamed();

private:
    QTemporaryDir m_tmp;
    QString m_source;
    QString m_version; // CENC-protected version folder
};

void TestPreview::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QString error;
    m_source = reviewtest::makeEventSource(m_tmp.path(), &error);
    QVERIFY2(!m_source.isEmpty(), qPrintable(error));
    const QString keys = m_tmp.filePath(QStringLiteral("test.keys"));
    QVERIFY(reviewtest::writeFile(keys, (reviewtest::kKid + u':' + reviewtest::kKey + u'\n').toLatin1()));
    m_version = reviewtest::publish(
        m_tmp.path(), reviewtest::presetJson(QStringLiteral("gui-preview-cenc"), reviewtest::cencDrm(keys)), m_source,
        &error);
    QVERIFY2(!m_version.isEmpty(), qPrintable(error));
}

void TestPreview::vttLookup_data()
{
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("sheet");
    QTest::addColumn<QRect>("tile");
    QTest::newRow("first cue start") << qint64(0) << 0 << "sprite_0.jpg" << QRect(0, 0, 160, 90);
    QTest::newRow("inside first") << qint64(1999) << 0 << "sprite_0.jpg" << QRect(0, 0, 160, 90);
    QTest::newRow("second cue start") << qint64(2000) << 1 << "sprite_0.jpg" << QRect(160, 0, 160, 90);
    QTest::newRow("next sheet") << qint64(4500) << 2 << "sprite_1.jpg" << QRect(0, 0, 160, 90);
    QTest::newRow("hour format") << qint64(3600000 + 10) << 3 << "sprite_1.jpg" << QRect(160, 90, 160, 90);
    QTest::newRow("after the last cue") << qint64(99999999) << 3 << "sprite_1.jpg" << QRect(160, 90, 160, 90);
    QTest::newRow("negative") << qint64(-5) << 0 << "sprite_0.jpg" << QRect(0, 0, 160, 90);
}

void TestPreview::vttLookup()
{
    QFETCH(qint64, timeMs);
    QFETCH(int, index);
    QFETCH(QString, sheet);
    QFETCH(QRect, tile);
    const QByteArray vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nsprite_0.jpg#xywh=0,0,160,90\n\n"
                           "cue-2\n00:00:02.000 --> 00:00:04.000\nsprite_0.jpg#xywh=160,0,160,90\n\n"
                           "00:00:04.000 --> 00:00:06.000\nsprite_1.jpg#xywh=0,0,160,90\n\n"
                           "01:00:00.000 --> 01:00:02.000\nsprite_1.jpg#xywh=160,90,160,90\n";
    Result<ThumbnailTrack> track =
        ThumbnailTrack::parse(vtt, QStringLiteral("/pkg/thumbnails"), QStringLiteral("t.vtt"));
    QVERIFY2(track.ok(), qPrintable(track ? QString() : track.error().toString()));
    QCOMPARE(int(track->tiles().size()), 4);
    QCOMPARE(track->indexAt(timeMs), index);
    const ThumbnailTile *t = track->tileAt(timeMs);
    QVERIFY(t);
    QCOMPARE(t->sheetPath, QStringLiteral("/pkg/thumbnails/") + sheet);
    QCOMPARE(QRect(t->x, t->y, t->width, t->height), tile);
    QCOMPARE(int(track->sheetPaths().size()), 2);
    QVERIFY(ThumbnailTrack().tileAt(timeMs) == nullptr);
}

void TestPreview::vttBadInput_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("where");
    QTest::newRow("no header") << QByteArray("00:00.000 --> 00:02.000\nsprite_0.jpg#xywh=0,0,1,1\n")
                               << "bad.vtt, line 1";
    QTest::newRow("bad timing") << QByteArray("WEBVTT\n\n00:0x.000 --> 00:02.000\nsprite_0.jpg#xywh=0,0,1,1\n")
                                << "bad.vtt, line 3";
    QTest::newRow("bad payload") << QByteArray("WEBVTT\n\n00:00.000 --> 00:02.000\nsprite_0.jpg\n")
                                 << "bad.vtt, line 4";
    QTest::newRow("end before start") << QByteArray("WEBVTT\n\n00:03.000 --> 00:02.000\nsprite_0.jpg#xywh=0,0,1,1\n")
                                      << "bad.vtt, line 3";
}

void TestPreview::vttBadInput()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, where);
    Result<ThumbnailTrack> track = ThumbnailTrack::parse(text, QStringLiteral("/x"), QStringLiteral("bad.vtt"));
    QVERIFY(!track.ok());
    QCOMPARE(track.error().code, QStringLiteral("thumbnails.vtt"));
    QCOMPARE(track.error().context, where);
    Result<ThumbnailTrack> missing = ThumbnailTrack::load(m_tmp.filePath(QStringLiteral("nope.vtt")));
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().context.endsWith(QStringLiteral("nope.vtt")));
}

void TestPreview::shuttleKeys_data()
{
    QTest::addColumn<QString>("keys");
    QTest::addColumn<double>("rate");
    QTest::newRow("L plays") << "L" << 1.0;
    QTest::newRow("LL doubles") << "LL" << 2.0;
    QTest::newRow("L capped at 8x") << "LLLLLL" << 8.0;
    QTest::newRow("J reverses") << "J" << -1.0;
    QTest::newRow("JJJ fast reverse") << "JJJ" << -4.0;
    QTest::newRow("K stops") << "LLK" << 0.0;
    QTest::newRow("J slows fast forward") << "LLLJ" << 2.0;
    QTest::newRow("J at 1x turns to reverse") << "LJ" << -1.0;
    QTest::newRow("L slows fast reverse") << "JJL" << -1.0;
    QTest::newRow("L at -1x turns forward") << "JL" << 1.0;
}

void TestPreview::shuttleKeys()
{
    QFETCH(QString, keys);
    QFETCH(double, rate);
    Shuttle s;
    for (QChar c : keys)
        s.press(c == u'J' ? Shuttle::Key::J : c == u'K' ? Shuttle::Key::K : Shuttle::Key::L);
    QCOMPARE(s.rate(), rate);
}

void TestPreview::encryptedRenditionThroughReader()
{
    Result<VersionPackage> package = VersionPackage::open(m_version);
    QVERIFY2(package.ok(), qPrintable(package ? QString() : package.error().toString()));
    QVERIFY(package->isProtected());
    QCOMPARE(package->drmScheme(), QStringLiteral("cenc"));
    Result<RenditionKey> key = package->readKey();
    QVERIFY(key.ok());
    QCOMPARE(key->kind, RenditionKey::Kind::Cenc);
    QCOMPARE(key->key.toHex(), reviewtest::kKey.toLatin1());

    PreviewPanel panel;
    panel.resize(900, 600);
    panel.show();
    QVERIFY(panel.openVersion(m_version).ok());
    QCOMPARE(panel.mode(), PreviewPanel::Mode::Reader);
    QCOMPARE(panel.currentRendition(), QStringLiteral("180p"));
    QCOMPARE(panel.renditionNames(), (QStringList{QStringLiteral("180p"), QStringLiteral("360p")}));
    QTRY_VERIFY_WITH_TIMEOUT(panel.reader()->picturesShown() > 0, kWaitMs);
    QCOMPARE(panel.reader()->currentImage().size(), QSize(320, 180));
    QVERIFY2(brightness(panel.reader()->currentImage()) > 40,
             "the first decrypted picture should show the test pattern");
    QCOMPARE(panel.metadata()->value(QStringLiteral("Rendition"), QStringLiteral("Protection")),
             QStringLiteral("cenc"));
    // The level meter's envelope comes from the protected AAC rendition, decrypted too.
    QTRY_VERIFY_WITH_TIMEOUT(!panel.levelMeter()->envelope().isEmpty(), kWaitMs);
    QVERIFY(qAbs(panel.levelMeter()->envelope().peakDbfs.size() - 60) <= 3);

    // Inside the black section the decrypted picture is black; outside it is not.
    panel.seek(2700);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 2700) <= 20, kWaitMs);
    QVERIFY2(brightness(panel.reader()->currentImage()) < 20, "picture at 2.7 s should be black");
    QVERIFY(panel.selectRendition(QStringLiteral("360p")).ok());
    QTRY_VERIFY_WITH_TIMEOUT(panel.reader()->currentImage().width() == 640 && qAbs(panel.positionMs() - 2700) <= 20,
                             kWaitMs);
    panel.seek(4500);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 4500) <= 20, kWaitMs);
    QVERIFY2(brightness(panel.reader()->currentImage()) > 40, "picture at 4.5 s should show the test pattern");
    QVERIFY(panel.videoWidget()->isVisible());
    // The decrypted pictures go into the QVideoWidget's own sink.
    QCOMPARE(panel.videoWidget()->videoSink()->videoFrame().size(), QSize(640, 360));
    QVERIFY(panel.errorText().isEmpty());
}

void TestPreview::wrongKeyDoesNotDecode()
{
    Result<VersionPackage> package = VersionPackage::open(m_version);
    QVERIFY(package.ok());
    RenditionKey wrong;
    wrong.kind = RenditionKey::Kind::Cenc;
    wrong.key = QByteArray(16, '\x42');
    const PackageRendition *r = package->rendition(QStringLiteral("180p"));
    QVERIFY(r);
    auto source = RenditionFrameSource::open(*r, wrong, package->startOffsetSeconds(), CancelToken(), 0);
    QVERIFY(source.ok());
    Result<PreviewPicture> pic = (*source)->seek(1.0);
    // Garbage in: either nothing decodes or the decoder reports errors; never a clean picture.
    QVERIFY2(!pic.ok() || (*source)->decodeErrors() > 0, "a wrong key must not decode cleanly");
    if (!pic.ok()) QVERIFY(!pic.error().toString().contains(QString::fromLatin1(wrong.key.toHex())));
}

void TestPreview::aes128TsRenditionThroughReader()
{
    QTemporaryDir dir;
    QString error;
    const QString version = reviewtest::publish(
        dir.path(),
        reviewtest::aes128TsPreset(QStringLiteral("gui-preview-aes"), m_tmp.filePath(QStringLiteral("test.keys"))),
        m_source, &error);
    QVERIFY2(!version.isEmpty(), qPrintable(error));
    Result<VersionPackage> package = VersionPackage::open(version);
    QVERIFY(package.ok());
    QCOMPARE(package->drmScheme(), QStringLiteral("hls-aes128"));
    QVERIFY(package->smallestVideo()->initPath.isEmpty()); // self-contained .ts segments
    PreviewPanel panel;
    QVERIFY(panel.openVersion(version).ok());
    QTRY_VERIFY_WITH_TIMEOUT(panel.reader()->picturesShown() > 0, kWaitMs);
    // A later segment: decrypted with IV = its media sequence number.
    panel.seek(4500);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 4500) <= 20, kWaitMs);
    QVERIFY(brightness(panel.reader()->currentImage()) > 40);
    panel.seek(2700);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 2700) <= 20, kWaitMs);
    QVERIFY(brightness(panel.reader()->currentImage()) < 20);
    QVERIFY2(panel.errorText().isEmpty(), qPrintable(panel.errorText()));

    RenditionKey wrong{RenditionKey::Kind::Aes128, QByteArray(16, '\x17'), 0};
    auto source =
        RenditionFrameSource::open(*package->smallestVideo(), wrong, package->startOffsetSeconds(), CancelToken());
    QVERIFY2(!source.ok() || !(*source)->seek(1.0).ok(), "a wrong AES-128 key must not decode");
}

void TestPreview::readerStepAndShuttle()
{
    PreviewPanel panel;
    QVERIFY(panel.openVersion(m_version).ok());
    QTRY_VERIFY_WITH_TIMEOUT(panel.reader()->picturesShown() > 0, kWaitMs);
    panel.seek(1000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 1000) <= 20, kWaitMs);
    const qint64 start = panel.positionMs();
    QSignalSpy positions(&panel, &PreviewPanel::positionChanged);
    panel.stepFrames(1);
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() > start, kWaitMs);
    QVERIFY(panel.positionMs() - start <= 20); // one frame at 59.94 fps
    panel.stepFrames(-1);
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() < start + 5, kWaitMs);
    QVERIFY(qAbs(panel.positionMs() - start) <= 20);

    QTest::keyClick(&panel, Qt::Key_L);
    QCOMPARE(panel.shuttleRate(), 1.0);
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() > start + 300, kWaitMs);
    QTest::keyClick(&panel, Qt::Key_K);
    QCOMPARE(panel.shuttleRate(), 0.0);
    QTest::keyClick(&panel, Qt::Key_J);
    QCOMPARE(panel.shuttleRate(), -1.0);
    const qint64 before = panel.positionMs();
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() < before - 150, kWaitMs);
    QTest::keyClick(&panel, Qt::Key_K);
    QVERIFY(positions.count() > 3);
}

void TestPreview::missingKeyFileNamed()
{
    Result<VersionPackage> package = VersionPackage::open(m_version);
    QVERIFY(package.ok());
    const QString keyFile = QDir::cleanPath(package->keyStorePath());
    const QString aside = keyFile + QStringLiteral(".aside");
    QVERIFY(QFile::rename(keyFile, aside));
    PreviewPanel panel;
    const Status s = panel.openVersion(m_version);
    QVERIFY(QFile::rename(aside, keyFile));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("review.key"));
    QCOMPARE(s.error().context, keyFile);
    QVERIFY(panel.errorText().contains(QStringLiteral("keys/v1.json")));
    QVERIFY(!panel.errorText().contains(reviewtest::kKey));
}

void TestPreview::cancelAndDestroyWhilePlaying()
{
    Result<VersionPackage> package = VersionPackage::open(m_version);
    QVERIFY(package.ok());
    Result<RenditionKey> key = package->readKey();
    QVERIFY(key.ok());
    const PackageRendition *r = package->rendition(QStringLiteral("360p"));
    QVERIFY(r);
    CancelToken canceled;
    canceled.cancel();
    auto source = RenditionFrameSource::open(*r, *key, package->startOffsetSeconds(), canceled);
    QVERIFY(!source.ok());
    QCOMPARE(source.error().code, QStringLiteral("canceled"));

    // Playback threads stop promptly when their owner goes away mid-decode.
    for (int i = 0; i < 3; ++i) {
        auto *playback = new ReaderPlayback;
        QSignalSpy errors(playback, &ReaderPlayback::errorOccurred);
        playback->open(*r, *key, package->startOffsetSeconds());
        playback->setRate(8);
        playback->seek(3000);
        playback->setRate(8);
        QTest::qWait(40 * i);
        QElapsedTimer clock;
        clock.start();
        delete playback;
        QVERIFY2(clock.elapsed() < 5000, "destroying a playing reader must not wait for the decode to finish");
        QCOMPARE(errors.count(), 0);
    }
}

void TestPreview::scrubberHoverShowsTile()
{
    PreviewPanel panel;
    panel.resize(900, 600);
    panel.show();
    QVERIFY(panel.openVersion(m_version).ok());
    ThumbnailScrubber *scrubber = panel.scrubber();
    QVERIFY(scrubber->thumbnails().tiles().size() >= 6); // 6 s, one tile per second
    QTRY_VERIFY_WITH_TIMEOUT(scrubber->thumbnailsReady(), kWaitMs);
    const ThumbnailTile *tile = scrubber->thumbnails().tileAt(2500);
    QVERIFY(tile);
    QCOMPARE(tile->startMs, qint64(2000));
    const QImage expected = QImage(tile->sheetPath).copy(tile->x, tile->y, tile->width, tile->height);
    QCOMPARE(scrubber->thumbnailAt(2500), expected);
    QVERIFY2(brightness(scrubber->thumbnailAt(2500)) < 30, "the 2 s tile lies in the black section");
    QVERIFY2(brightness(scrubber->thumbnailAt(500)) > 40, "the 0 s tile shows the test pattern");
    QTRY_VERIFY(scrubber->maximum() > 5000);
    const int x = scrubber->width() / 2;
    scrubber->showHoverAt(x);
    QVERIFY(scrubber->hoverPopup()->isVisible());
    QCOMPARE(scrubber->hoverPopup()->pixmap().toImage().convertToFormat(QImage::Format_RGB32),
             scrubber->thumbnailAt(scrubber->timeAtX(x)).convertToFormat(QImage::Format_RGB32));
    QTest::mouseMove(scrubber, QPoint(5, scrubber->height() / 2));
    QVERIFY(scrubber->timeAtX(5) < 1000);
}

void TestPreview::levelEnvelope()
{
    Result<AudioEnvelope> env = computeAudioEnvelope({m_source}, {}, 0.1, CancelToken());
    QVERIFY2(env.ok(), qPrintable(env ? QString() : env.error().toString()));
    QVERIFY2(qAbs(env->peakDbfs.size() - 60) <= 2,
             qPrintable(QString::number(env->peakDbfs.size()))); // 6 s in 100 ms windows
    QCOMPARE(env->rmsDbfs.size(), env->peakDbfs.size());
    QVERIFY(env->peakDbfs.at(env->windowAt(1.0)) > -30); // the 440 Hz tone
    QVERIFY(env->peakDbfs.at(env->windowAt(2.7)) < -80); // muted section
    QVERIFY(env->rmsDbfs.at(env->windowAt(1.0)) < env->peakDbfs.at(env->windowAt(1.0)));
    QCOMPARE(env->windowAt(-1), -1);
    QCOMPARE(env->windowAt(60), -1);

    CancelToken canceled;
    canceled.cancel();
    Result<AudioEnvelope> stopped = computeAudioEnvelope({m_source}, {}, 0.1, canceled);
    QVERIFY(!stopped.ok());
    QCOMPARE(stopped.error().code, QStringLiteral("canceled"));
    Result<AudioEnvelope> bad =
        computeAudioEnvelope({m_tmp.filePath(QStringLiteral("test.keys"))}, {}, 0.1, CancelToken());
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().context.endsWith(QStringLiteral("test.keys")));
}

void TestPreview::sourcePlayer()
{
    PreviewPanel panel;
    panel.resize(900, 600);
    panel.show();
    QSignalSpy levels(&panel, &PreviewPanel::levelsReady);
    QVERIFY(panel.openSource(m_source).ok());
    QCOMPARE(panel.mode(), PreviewPanel::Mode::Player);
    // Level meter and metadata come from our own off-thread work, whatever the backend does.
    QTRY_VERIFY_WITH_TIMEOUT(levels.count() == 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.metadata()->value(QStringLiteral("Stream 0"), QStringLiteral("Codec")).startsWith(QStringLiteral("h264")),
        kWaitMs);
    QCOMPARE(panel.metadata()->value(QStringLiteral("Stream 0"), QStringLiteral("Size")), QStringLiteral("640×360"));

    QMediaPlayer *player = panel.player();
    QTRY_VERIFY_WITH_TIMEOUT(
        player->mediaStatus() == QMediaPlayer::LoadedMedia || player->mediaStatus() == QMediaPlayer::BufferedMedia ||
            player->mediaStatus() == QMediaPlayer::InvalidMedia || player->error() != QMediaPlayer::NoError,
        kWaitMs);
    if (player->error() != QMediaPlayer::NoError || player->mediaStatus() == QMediaPlayer::InvalidMedia)
        QSKIP(qPrintable(QStringLiteral("the Qt multimedia backend cannot play here: %1").arg(player->errorString())));
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.durationMs() - 6000) < 200, kWaitMs);
    panel.seek(2600);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 2600) < 50, kWaitMs);
    QVERIFY(panel.levelMeter()->peakDbfs() < -80); // silent at 2.6 s
    panel.seek(1000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 1000) < 50, kWaitMs);
    QVERIFY(panel.levelMeter()->peakDbfs() > -30);
    panel.stepFrames(1);
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() > 1000, kWaitMs);
    QVERIFY(panel.positionMs() <= 1000 + 20);
    panel.shuttle(Shuttle::Key::L);
    QTRY_VERIFY_WITH_TIMEOUT(panel.positionMs() > 1300, kWaitMs);
    panel.shuttle(Shuttle::Key::K);
    QCOMPARE(player->playbackState(), QMediaPlayer::PausedState);
}

void TestPreview::progressiveRenditionInPlayer()
{
    QTemporaryDir dir;
    QString error;
    const QString version = reviewtest::publish(
        dir.path(), reviewtest::progressivePreset(QStringLiteral("gui-preview-proxy")), m_source, &error);
    QVERIFY2(!version.isEmpty(), qPrintable(error));
    PreviewPanel panel;
    QSignalSpy levels(&panel, &PreviewPanel::levelsReady);
    QVERIFY(panel.openVersion(version).ok());
    QCOMPARE(panel.mode(), PreviewPanel::Mode::Player); // clear single MP4: QMediaPlayer, with sound
    QCOMPARE(panel.currentRendition(), QStringLiteral("180p"));
    QVERIFY(panel.player()->source().toLocalFile().endsWith(QStringLiteral("/180p.mp4")));
    QTRY_VERIFY_WITH_TIMEOUT(levels.count() == 1, kWaitMs); // envelope of the MP4's audio
    QMediaPlayer *player = panel.player();
    QTRY_VERIFY_WITH_TIMEOUT(player->mediaStatus() == QMediaPlayer::LoadedMedia ||
                                 player->mediaStatus() == QMediaPlayer::BufferedMedia ||
                                 player->error() != QMediaPlayer::NoError,
                             kWaitMs);
    if (player->error() != QMediaPlayer::NoError)
        QSKIP(qPrintable(QStringLiteral("the Qt multimedia backend cannot play here: %1").arg(player->errorString())));
    panel.seek(4000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(panel.positionMs() - 4000) < 50, kWaitMs);
    QVERIFY(panel.levelMeter()->peakDbfs() > -40);
}

void TestPreview::missingSourceNamed()
{
    PreviewPanel panel;
    const QString missing = m_tmp.filePath(QStringLiteral("no-such-clip.mov"));
    const Status s = panel.openSource(missing);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().context, missing);
    QVERIFY(panel.errorText().contains(QStringLiteral("no-such-clip.mov")));
    QCOMPARE(panel.mode(), PreviewPanel::Mode::Empty);
}

QTEST_MAIN(TestPreview)
#include "tst_preview.moc"
