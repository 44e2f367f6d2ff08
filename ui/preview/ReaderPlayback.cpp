#include "ui/preview/ReaderPlayback.h"

#include "core/preview/RenditionFrameSource.h"

#include <QPointer>
#include <QThread>
#include <QTimer>

#include <cmath>

namespace rendition::ui {

namespace {
constexpr int kMaxPicturesInFlight = 3;
constexpr int kReverseTickMs = 200; // reverse playback: one backward seek per tick
} // namespace

// Decoding side of ReaderPlayback; every method runs on the worker thread.
class ReaderWorker : public QObject {
public:
    ReaderWorker(ReaderPlayback *owner, std::shared_ptr<std::atomic<int>> inFlight)
        : m_owner(owner), m_inFlight(std::move(inFlight))
    {
    }

    CancelToken cancel;
    std::atomic<int> seekGeneration{0};

    void openRendition(const PackageRendition &rendition, const RenditionKey &key, double offsetSeconds, int maxWidth,
                       int session)
    {
        stopTimer();
        m_session = session;
        m_source.reset();
        auto source = RenditionFrameSource::open(rendition, key, offsetSeconds, cancel, maxWidth);
        if (!source) return postError(source.error());
        m_source = std::move(source).value();
        show(m_source->seek(0), true);
    }
    void closeRendition()
    {
        stopTimer();
        m_source.reset();
        m_lastSeconds = 0;
    }
    void seekTo(double seconds, int generation)
    {
        if (!m_source || generation != seekGeneration.load()) return; // a later seek supersedes this one
        show(m_source->seek(std::max(0.0, seconds)), true);
    }
    void stepBy(int frames)
    {
        if (!m_source) return;
        stopTimer();
        if (frames > 0) {
            Result<PreviewPicture> pic = PreviewPicture{};
            for (int i = 0; i < frames; ++i) {
                pic = m_source->next();
                if (!pic || !pic->isValid()) break;
            }
            show(std::move(pic), true);
        } else if (frames < 0) {
            show(m_source->seek(std::max(0.0, m_lastSeconds + frames * m_source->frameDurationSeconds())), true);
        }
    }
    void playAt(double rate)
    {
        m_rate = rate;
        if (!m_source || rate == 0) return stopTimer();
        if (!m_timer) {
            m_timer = new QTimer(this);
            m_timer->setTimerType(Qt::PreciseTimer);
            QObject::connect(m_timer, &QTimer::timeout, this, [this] { tick(); });
        }
        m_timer->start(rate > 0 ? std::max(1, int(std::lround(1000 * m_source->frameDurationSeconds() / rate)))
                                : kReverseTickMs);
    }

private:
    void stopTimer()
    {
        if (m_timer) m_timer->stop();
    }
    void tick()
    {
        if (!m_source) return stopTimer();
        if (m_rate > 0) {
            Result<PreviewPicture> pic = m_source->next();
            if (pic && !pic->isValid()) return finished();
            return show(std::move(pic), false);
        }
        const double target = m_lastSeconds + m_rate * kReverseTickMs / 1000.0;
        show(m_source->seek(std::max(0.0, target)), true);
        if (target <= 0) finished();
    }
    void finished()
    {
        stopTimer();
        QMetaObject::invokeMethod(
            m_owner, [o = m_owner] { Q_EMIT o->endReached(); }, Qt::QueuedConnection);
    }
    void show(Result<PreviewPicture> pic, bool always)
    {
        if (!pic) return postError(pic.error());
        if (!pic->isValid()) return;
        m_lastSeconds = pic->seconds;
        if (!always && m_inFlight->load() >= kMaxPicturesInFlight) return; // the GUI is behind: drop this one
        const QImage image = QImage(reinterpret_cast<const uchar *>(pic->rgba.constData()), pic->width, pic->height,
                                    pic->width * 4, QImage::Format_RGBA8888)
                                 .copy();
        const qint64 ms = std::llround(pic->seconds * 1000);
        m_inFlight->fetch_add(1);
        QMetaObject::invokeMethod(
            m_owner, [o = m_owner, image, ms, session = m_session] { o->onPictureForWorker(image, ms, session); },
            Qt::QueuedConnection);
    }
    void postError(const Error &e)
    {
        if (e.code == u"canceled") return;
        stopTimer();
        const QString text = e.toString();
        QMetaObject::invokeMethod(
            m_owner, [o = m_owner, text] { Q_EMIT o->errorOccurred(text); }, Qt::QueuedConnection);
    }

    ReaderPlayback *m_owner;
    std::shared_ptr<std::atomic<int>> m_inFlight;
    std::unique_ptr<RenditionFrameSource> m_source;
    QTimer *m_timer = nullptr;
    double m_rate = 0;
    double m_lastSeconds = 0;
    int m_session = 0;
};

ReaderPlayback::ReaderPlayback(QObject *parent)
    : QObject(parent), m_thread(new QThread), m_inFlight(std::make_shared<std::atomic<int>>(0))
{
    m_worker = new ReaderWorker(this, m_inFlight);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread->setObjectName(QStringLiteral("rendition-preview-reader"));
    m_thread->start();
}

ReaderPlayback::~ReaderPlayback()
{
    m_worker->cancel.cancel();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void ReaderPlayback::open(const PackageRendition &rendition, const RenditionKey &key, double startOffsetSeconds,
                          int maxWidth)
{
    m_open = true;
    m_rate = 0;
    m_positionMs = 0;
    m_durationMs = qint64(rendition.durationSeconds * 1000);
    m_image = QImage();
    m_picturesShown = 0;
    ReaderWorker *w = m_worker;
    const int session = ++m_session;
    QMetaObject::invokeMethod(
        w,
        [w, rendition, key, startOffsetSeconds, maxWidth, session] {
            w->openRendition(rendition, key, startOffsetSeconds, maxWidth, session);
        },
        Qt::QueuedConnection);
}

void ReaderPlayback::close()
{
    m_open = false;
    ++m_session;
    m_rate = 0;
    ReaderWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w] { w->closeRendition(); }, Qt::QueuedConnection);
}

void ReaderPlayback::seek(qint64 positionMs)
{
    if (!m_open) return;
    setRate(0);
    ReaderWorker *w = m_worker;
    const int generation = ++w->seekGeneration;
    QMetaObject::invokeMethod(
        w, [w, positionMs, generation] { w->seekTo(positionMs / 1000.0, generation); }, Qt::QueuedConnection);
}

void ReaderPlayback::step(int frames)
{
    if (!m_open) return;
    m_rate = 0;
    ReaderWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, frames] { w->stepBy(frames); }, Qt::QueuedConnection);
}

void ReaderPlayback::setRate(double rate)
{
    if (!m_open) return;
    m_rate = rate;
    ReaderWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, rate] { w->playAt(rate); }, Qt::QueuedConnection);
}

void ReaderPlayback::onPictureForWorker(const QImage &image, qint64 positionMs, int session)
{
    m_inFlight->fetch_sub(1);
    if (!m_open || session != m_session) return; // from a rendition closed since
    m_image = image;
    m_positionMs = positionMs;
    ++m_picturesShown;
    Q_EMIT pictureReady(image, positionMs);
    Q_EMIT positionChanged(positionMs);
}

} // namespace rendition::ui
