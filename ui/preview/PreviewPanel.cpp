#include "ui/preview/PreviewPanel.h"

#include "core/media/Probe.h"
#include "core/preview/AudioEnvelope.h"
#include "ui/preview/LevelMeter.h"
#include "ui/preview/MediaBackend.h"
#include "ui/preview/MetadataView.h"
#include "ui/preview/ReaderPlayback.h"
#include "ui/preview/ThumbnailScrubber.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMediaDevices>
#include <QPushButton>
#include <QSplitter>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

namespace {
constexpr int kReverseTickMs = 200;
constexpr double kLevelWindowSeconds = 0.1;

QString formatTime(qint64 ms)
{
    return QTime::fromMSecsSinceStartOfDay(int(std::max<qint64>(0, ms))).toString(QStringLiteral("mm:ss.zzz"));
}

QVideoFrame toVideoFrame(const QImage &image)
{
    const QImage rgba =
        image.format() == QImage::Format_RGBA8888 ? image : image.convertToFormat(QImage::Format_RGBA8888);
    QVideoFrame frame(QVideoFrameFormat(rgba.size(), QVideoFrameFormat::Format_RGBA8888));
    if (!frame.map(QVideoFrame::WriteOnly)) return {};
    const int rowBytes = rgba.width() * 4;
    for (int y = 0; y < rgba.height(); ++y)
        memcpy(frame.bits(0) + qsizetype(y) * frame.bytesPerLine(0), rgba.constScanLine(y), size_t(rowBytes));
    frame.unmap();
    return frame;
}
} // namespace

PreviewPanel::PreviewPanel(QWidget *parent) : QWidget(parent)
{
    preferFfmpegMediaBackend();
    buildUi();
}

PreviewPanel::~PreviewPanel() = default;

void PreviewPanel::buildUi()
{
    m_video = new QVideoWidget(this);
    m_video->setMinimumSize(320, 180);
    m_player = new QMediaPlayer(this);
    // Qt 6.4's FFmpeg backend crashes in its audio render thread (write to a null device)
    // when there is no audio device (servers, CI, offscreen): play silently then.
    if (!QMediaDevices::defaultAudioOutput().isNull()) {
        m_audio = new QAudioOutput(this);
        m_player->setAudioOutput(m_audio);
    }
    m_player->setVideoOutput(m_video);
    m_reader = new ReaderPlayback(this);
    m_scrubber = new ThumbnailScrubber(this);
    m_meter = new LevelMeter(this);
    m_metadata = new MetadataView(this);
    m_renditions = new QComboBox(this);
    m_renditions->setToolTip(tr("Rendition to preview (protected ones are decrypted with the version's key)"));
    m_playButton = new QPushButton(tr("Play"), this);
    auto *back = new QPushButton(tr("◀ Frame"), this);
    auto *forward = new QPushButton(tr("Frame ▶"), this);
    back->setToolTip(tr("Previous frame (Left)"));
    forward->setToolTip(tr("Next frame (Right)"));
    m_playButton->setToolTip(tr("Play or pause (Space); J/K/L shuttle"));
    m_time = new QLabel(formatTime(0), this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_reverseTimer = new QTimer(this);
    m_reverseTimer->setInterval(kReverseTickMs);

    auto *screen = new QHBoxLayout;
    screen->addWidget(m_video, 1);
    screen->addWidget(m_meter);
    auto *transport = new QHBoxLayout;
    transport->addWidget(back);
    transport->addWidget(m_playButton);
    transport->addWidget(forward);
    transport->addWidget(m_scrubber, 1);
    transport->addWidget(m_time);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_renditions);
    leftLayout->addLayout(screen, 1);
    leftLayout->addLayout(transport);
    leftLayout->addWidget(m_status);
    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_metadata);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    setFocusPolicy(Qt::StrongFocus);

    connect(m_playButton, &QPushButton::clicked, this, &PreviewPanel::togglePlay);
    connect(back, &QPushButton::clicked, this, [this] { stepFrames(-1); });
    connect(forward, &QPushButton::clicked, this, [this] { stepFrames(1); });
    connect(m_scrubber, &QSlider::sliderMoved, this, [this](int ms) { seek(ms); });
    connect(m_scrubber, &QSlider::actionTriggered, this, [this](int) { seek(m_scrubber->sliderPosition()); });
    connect(m_renditions, &QComboBox::activated, this, [this](int i) {
        if (Status s = selectRendition(m_renditions->itemData(i).toString()); !s) showError(s.error().toString());
    });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 ms) {
        if (m_mode == Mode::Player) onPosition(ms);
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (m_mode != Mode::Player) return;
        m_scrubber->setDurationMs(ms);
        Q_EMIT durationChanged(ms);
    });
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &text) {
        showError(tr("%1: %2").arg(m_player->source().toLocalFile(), text));
    });
    connect(m_reader, &ReaderPlayback::pictureReady, this, [this](const QImage &image, qint64) { onPicture(image); });
    connect(m_reader, &ReaderPlayback::positionChanged, this, [this](qint64 ms) {
        if (m_mode == Mode::Reader) onPosition(ms);
    });
    connect(m_reader, &ReaderPlayback::errorOccurred, this, &PreviewPanel::showError);
    connect(m_reader, &ReaderPlayback::endReached, this, [this] { applyRate(0); });
    connect(m_reverseTimer, &QTimer::timeout, this, &PreviewPanel::reverseTick);
}

void PreviewPanel::setMode(Mode mode)
{
    applyRate(0);
    ++m_jobGeneration;
    if (mode != Mode::Player) m_player->setSource(QUrl());
    if (mode != Mode::Reader) m_reader->close();
    m_mode = mode;
    m_status->clear();
    m_meter->clear();
    m_metadata->clear();
}

Status PreviewPanel::openSource(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        const Error e = makeError(QStringLiteral("preview.open"), tr("the file does not exist or is not a file"), path);
        showError(e.toString());
        return e;
    }
    setMode(Mode::Player);
    m_package.reset();
    m_key.reset();
    m_rendition.clear();
    m_renditions->clear();
    m_renditions->addItem(QFileInfo(path).fileName(), QString());
    m_scrubber->setThumbnails({});
    m_player->setSource(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
    probeSourceAsync(path);
    computeLevels({QFileInfo(path).absoluteFilePath()}, {});
    return {};
}

Status PreviewPanel::openVersion(const QString &versionDir)
{
    Result<VersionPackage> package = VersionPackage::open(versionDir);
    if (!package) {
        showError(package.error().toString());
        return package.error();
    }
    return openPackage(*package);
}

Status PreviewPanel::openPackage(const VersionPackage &package)
{
    setMode(Mode::Empty);
    m_package = package;
    m_key.reset();
    m_rendition.clear();
    m_renditions->clear();
    for (const PackageRendition &r : package.renditions())
        if (r.isVideo())
            m_renditions->addItem(
                package.isProtected() ? tr("%1 (%2, decrypted)").arg(r.name, package.drmScheme()) : r.name, r.name);
    m_scrubber->setThumbnails(package.thumbnails());
    Result<RenditionKey> key = package.readKey();
    if (!key) {
        showError(key.error().toString());
        return key.error();
    }
    m_key = *key;
    const PackageRendition *first = package.smallestVideo();
    if (!first) {
        const Error e = makeError(QStringLiteral("preview.no_video"),
                                  tr("the version has no video rendition to preview"), package.versionDir());
        showError(e.toString());
        return e;
    }
    return selectRendition(first->name);
}

Status PreviewPanel::selectRendition(const QString &name)
{
    const PackageRendition *r = m_package ? m_package->rendition(name) : nullptr;
    if (!r || !r->isVideo() || !m_key) {
        const Error e = makeError(QStringLiteral("preview.rendition"),
                                  tr("no video rendition \"%1\" in the open version").arg(name),
                                  m_package ? m_package->versionDir() : QString());
        showError(e.toString());
        return e;
    }
    // Clear progressive MP4s (proxies) play in QMediaPlayer, with sound and fast seeking; every
    // segmented or protected rendition goes through the decrypting reader.
    const bool viaPlayer = !r->progressivePath.isEmpty() && m_key->kind == RenditionKey::Kind::None;
    const Mode wanted = viaPlayer ? Mode::Player : Mode::Reader;
    const qint64 keepPosition = m_mode == Mode::Empty ? 0 : positionMs();
    const bool modeChanged = m_mode != wanted;
    if (modeChanged) setMode(wanted);
    m_rendition = name;
    m_renditions->setCurrentIndex(m_renditions->findData(name));
    m_metadata->clear();
    m_metadata->showProbe(m_package->source());
    m_metadata->addRendition(*r, m_package->drmScheme());
    const double duration = r->durationSeconds > 0 ? r->durationSeconds : m_package->durationSeconds();
    m_scrubber->setDurationMs(qint64(duration * 1000));
    if (viaPlayer) {
        m_player->setSource(QUrl::fromLocalFile(r->progressivePath));
        if (keepPosition > 0) m_player->setPosition(keepPosition);
    } else {
        m_reader->open(*r, *m_key, m_package->startOffsetSeconds());
        if (keepPosition > 0) m_reader->seek(keepPosition);
    }
    if (modeChanged) // setMode() dropped the meter's envelope: the version's audio, decrypted when protected
        for (const PackageRendition &audio : m_package->renditions())
            if (!audio.isVideo()) {
                computeLevels(audio.filesFrom(0), *m_key);
                break;
            }
    Q_EMIT durationChanged(qint64(duration * 1000));
    return {};
}

void PreviewPanel::seek(qint64 positionMs)
{
    if (m_mode == Mode::Player) {
        m_player->setPosition(positionMs);
        onPosition(positionMs);
    } else if (m_mode == Mode::Reader) {
        m_shuttle.reset();
        m_playButton->setText(tr("Play"));
        m_reader->seek(positionMs);
    }
}

qint64 PreviewPanel::positionMs() const
{
    if (m_mode == Mode::Player) return m_player->position();
    if (m_mode == Mode::Reader) return m_reader->positionMs();
    return 0;
}

qint64 PreviewPanel::durationMs() const
{
    if (m_mode == Mode::Player) return m_player->duration();
    if (m_mode == Mode::Reader) return m_reader->durationMs();
    return 0;
}

QStringList PreviewPanel::renditionNames() const
{
    QStringList names;
    if (m_package)
        for (const PackageRendition &r : m_package->renditions())
            if (r.isVideo()) names << r.name;
    return names;
}

QString PreviewPanel::errorText() const
{
    return m_status->text();
}

void PreviewPanel::togglePlay()
{
    if (m_shuttle.rate() != 0) {
        m_shuttle.reset();
        applyRate(0);
    } else {
        m_shuttle.press(Shuttle::Key::L);
        applyRate(1);
    }
}

void PreviewPanel::shuttle(Shuttle::Key key)
{
    applyRate(m_shuttle.press(key));
}

void PreviewPanel::applyRate(double rate)
{
    if (rate == 0) m_shuttle.reset();
    m_playButton->setText(rate == 0 ? tr("Play") : tr("Pause"));
    m_reverseTimer->stop();
    if (m_mode == Mode::Reader) {
        m_reader->setRate(rate);
    } else if (m_mode == Mode::Player) {
        if (rate > 0) {
            m_player->setPlaybackRate(rate);
            m_player->play();
        } else {
            m_player->pause();
            if (rate < 0) m_reverseTimer->start();
        }
    }
}

void PreviewPanel::reverseTick()
{
    const qint64 target = m_player->position() + qint64(m_shuttle.rate() * kReverseTickMs);
    m_player->setPosition(std::max<qint64>(0, target));
    onPosition(std::max<qint64>(0, target));
    if (target <= 0) applyRate(0);
}

void PreviewPanel::stepFrames(int frames)
{
    applyRate(0);
    if (m_mode == Mode::Reader) {
        m_reader->step(frames);
    } else if (m_mode == Mode::Player) {
        const qint64 target = std::max<qint64>(0, m_player->position() + qint64(std::llround(frames * frameMs())));
        m_player->setPosition(target);
        onPosition(target);
    }
}

double PreviewPanel::frameMs() const
{
    if (m_mode == Mode::Reader && m_package)
        if (const PackageRendition *r = m_package->rendition(m_rendition); r && r->frameRate > 0)
            return 1000.0 / r->frameRate;
    return m_sourceFrameRate > 0 ? 1000.0 / m_sourceFrameRate : 40.0;
}

void PreviewPanel::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_J:
        shuttle(Shuttle::Key::J);
        break;
    case Qt::Key_K:
        shuttle(Shuttle::Key::K);
        break;
    case Qt::Key_L:
        shuttle(Shuttle::Key::L);
        break;
    case Qt::Key_Space:
        togglePlay();
        break;
    case Qt::Key_Left:
        stepFrames(-1);
        break;
    case Qt::Key_Right:
        stepFrames(1);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PreviewPanel::onPosition(qint64 positionMs)
{
    if (!m_scrubber->isSliderDown()) {
        const QSignalBlocker block(m_scrubber);
        m_scrubber->setValue(int(positionMs));
    }
    m_time->setText(formatTime(positionMs));
    m_meter->setPositionMs(positionMs);
    Q_EMIT positionChanged(positionMs);
}

void PreviewPanel::onPicture(const QImage &image)
{
    if (m_mode != Mode::Reader || !m_video->videoSink()) return;
    m_video->videoSink()->setVideoFrame(toVideoFrame(image));
}

void PreviewPanel::showError(const QString &message)
{
    m_status->setText(message);
    Q_EMIT errorOccurred(message);
}

void PreviewPanel::computeLevels(const QStringList &files, const RenditionKey &key)
{
    const int generation = m_jobGeneration;
    QtConcurrent::run([files, key] {
        return computeAudioEnvelope(files, key, kLevelWindowSeconds, CancelToken());
    }).then(this, [this, generation](const Result<AudioEnvelope> &envelope) {
        if (generation != m_jobGeneration) return;
        if (!envelope) {
            if (envelope.error().code != u"qc.no_stream")
                showError(tr("Level meter: %1").arg(envelope.error().toString()));
            return;
        }
        m_meter->setEnvelope(*envelope);
        m_meter->setPositionMs(positionMs());
        Q_EMIT levelsReady();
    });
}

void PreviewPanel::probeSourceAsync(const QString &path)
{
    const int generation = m_jobGeneration;
    QtConcurrent::run([path] {
        ProbeOptions options;
        options.hash = HashMode::Skip;
        return probe(path, options);
    }).then(this, [this, generation](const ProbeResult &result) {
        if (generation != m_jobGeneration) return;
        m_metadata->showProbe(result);
        if (const StreamInfo *v = result.bestVideo(); v && v->frameRate() > 0) m_sourceFrameRate = v->frameRate();
    });
}

} // namespace rendition::ui
