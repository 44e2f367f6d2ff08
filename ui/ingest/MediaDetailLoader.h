#pragma once
// The slow per-asset details of the ingest table, computed on demand and off the GUI
// thread: a poster thumbnail (the keyframe nearest 10% of the duration, decoded alone by
// KeyframeGrabber and scaled by swscale) and the integrated loudness (EBU R128, an
// audio-only pass with libebur128, no true peak). The table asks only for rows it shows, so
// 1,000 dropped files do not mean 1,000 decodes.
//
// Threading: lives on the GUI thread; thumbnails run on a two-thread pool and loudness on a
// one-thread pool (a long measurement never delays thumbnails). Each path is worked on at
// most once until reset(). reset() and the destructor cancel outstanding work (CancelToken)
// and results of the old generation are dropped; the destructor waits for running tasks.

#include "core/util/Progress.h"

#include <QImage>
#include <QObject>
#include <QSet>
#include <QSize>
#include <QString>
#include <QThreadPool>

namespace rendition::ui {

class MediaDetailLoader : public QObject {
    Q_OBJECT
public:
    static constexpr QSize kThumbnailSize{96, 54};

    explicit MediaDetailLoader(QObject *parent);
    ~MediaDetailLoader() override;

    void requestThumbnail(const QString &path);
    void requestLoudness(const QString &path);
    void reset();

    // The poster picture of `path` fitted into `box` keeping the display aspect (pixel aspect
    // honoured). A null image when the file has no decodable video. Any thread.
    static QImage posterImage(const QString &path, QSize box, const CancelToken &cancel, QString *error = nullptr);

Q_SIGNALS:
    void thumbnailReady(const QString &path, const QImage &image, const QString &error);
    void loudnessReady(const QString &path, double integratedLufs, const QString &error);

private:
    QThreadPool m_thumbnails;
    QThreadPool m_loudness;
    CancelToken m_cancel;
    int m_generation = 0;
    QSet<QString> m_thumbnailAsked;
    QSet<QString> m_loudnessAsked;
};

} // namespace rendition::ui
