#pragma once
// Plays one packaged rendition through the decrypting reader (core RenditionFrameSource) on
// a worker thread and hands the pictures to the GUI thread as QImages: the preview's path for
// every packaged rendition (clear, CENC or AES-128), and the A/B comparison's decoder.
//
// Threads: the object lives on the GUI thread; decoding runs on its own QThread. Commands
// are queued to the worker; seeks are coalesced (only the latest pending seek runs); at most
// a few pictures are in flight, further ones are dropped while the GUI is busy. Playback is
// paced by a timer on the worker; reverse playback is emulated by seeking back in steps.
// Signals arrive on the GUI thread. Destruction cancels decoding and joins the thread.

#include "core/preview/VersionPackage.h"

#include <QImage>
#include <QObject>

#include <atomic>
#include <memory>

class QThread;

namespace rendition::ui {

class ReaderWorker;

class ReaderPlayback : public QObject {
    Q_OBJECT
public:
    explicit ReaderPlayback(QObject *parent = nullptr);
    ~ReaderPlayback() override;

    // Opens `rendition` (a video rendition) and shows its first picture. `key` may be empty
    // (kind None) for clear renditions. maxWidth bounds the decoded picture width.
    void open(const PackageRendition &rendition, const RenditionKey &key, double startOffsetSeconds,
              int maxWidth = 1280);
    void close();
    bool isOpen() const { return m_open; }

    void seek(qint64 positionMs);
    void step(int frames);     // +n: next frames, -n: previous frames (paused)
    void setRate(double rate); // 0 pause; 1 normal; 2, 4, 8 fast; negative: reverse
    double rate() const { return m_rate; }

    qint64 positionMs() const { return m_positionMs; }
    qint64 durationMs() const { return m_durationMs; }
    const QImage &currentImage() const { return m_image; }
    int picturesShown() const { return m_picturesShown; }

Q_SIGNALS:
    void pictureReady(const QImage &image, qint64 positionMs);
    void positionChanged(qint64 positionMs);
    void errorOccurred(const QString &message);
    void endReached();

private:
    friend class ReaderWorker;
    void onPictureForWorker(const QImage &image, qint64 positionMs, int session); // GUI thread, queued from the worker

    QThread *m_thread = nullptr;
    ReaderWorker *m_worker = nullptr; // lives on m_thread, deleted with it
    std::shared_ptr<std::atomic<int>> m_inFlight;
    bool m_open = false;
    int m_session = 0; // pictures of an earlier open() are ignored
    double m_rate = 0;
    qint64 m_positionMs = 0;
    qint64 m_durationMs = 0;
    QImage m_image;
    int m_picturesShown = 0;
};

} // namespace rendition::ui
