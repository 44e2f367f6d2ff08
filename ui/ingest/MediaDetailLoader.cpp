#include "ui/ingest/MediaDetailLoader.h"

#include "core/media/KeyframeGrabber.h"
#include "core/media/Loudness.h"

#include <QtConcurrent/QtConcurrentRun>

extern "C" {
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>

namespace rendition::ui {

namespace {

struct LoudnessAnswer {
    double integratedLufs = 0;
    QString error;
};

// Size of a w×h picture with pixel aspect `sar` fitted into `box`, at least 1×1.
QSize fitted(int width, int height, AVRational sar, QSize box)
{
    const double displayWidth = width * (sar.num > 0 && sar.den > 0 ? av_q2d(sar) : 1.0);
    const double scale = std::min(box.width() / displayWidth, box.height() / double(height));
    return QSize(std::max(1, int(std::lround(displayWidth * scale))), std::max(1, int(std::lround(height * scale))));
}

} // namespace

MediaDetailLoader::MediaDetailLoader(QObject *parent) : QObject(parent)
{
    m_thumbnails.setMaxThreadCount(2);
    m_loudness.setMaxThreadCount(1);
}

MediaDetailLoader::~MediaDetailLoader()
{
    m_cancel.cancel();
    m_thumbnails.clear();
    m_loudness.clear();
    m_thumbnails.waitForDone();
    m_loudness.waitForDone();
}

void MediaDetailLoader::reset()
{
    m_cancel.cancel();
    m_thumbnails.clear();
    m_loudness.clear();
    m_cancel = CancelToken();
    ++m_generation;
    m_thumbnailAsked.clear();
    m_loudnessAsked.clear();
}

QImage MediaDetailLoader::posterImage(const QString &path, QSize box, const CancelToken &cancel, QString *error)
{
    auto fail = [error](const Error &e) {
        if (error) *error = e.message;
        return QImage();
    };
    auto grabber = KeyframeGrabber::open(path, 1, cancel);
    if (!grabber) return fail(grabber.error());
    Result<av::FramePtr> frame = (*grabber)->grab((*grabber)->durationSeconds() * 0.1);
    if (!frame) return fail(frame.error());
    const AVFrame *f = frame->get();
    const QSize size = fitted(f->width, f->height, (*grabber)->sampleAspectRatio(), box);
    av::SwsPtr sws(sws_getContext(f->width, f->height, AVPixelFormat(f->format), size.width(), size.height(),
                                  AV_PIX_FMT_RGB32, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws) return fail(makeError(QStringLiteral("thumbnails.scale"), tr("The picture could not be scaled.")));
    QImage image(size, QImage::Format_RGB32);
    uint8_t *planes[4] = {image.bits(), nullptr, nullptr, nullptr};
    const int strides[4] = {int(image.bytesPerLine()), 0, 0, 0};
    sws_scale(sws.get(), f->data, f->linesize, 0, f->height, planes, strides);
    return image;
}

void MediaDetailLoader::requestThumbnail(const QString &path)
{
    if (m_thumbnailAsked.contains(path)) return;
    m_thumbnailAsked.insert(path);
    const CancelToken cancel = m_cancel;
    const int generation = m_generation;
    QtConcurrent::run(&m_thumbnails, [path, cancel] {
        QString error;
        QImage image = posterImage(path, kThumbnailSize, cancel, &error);
        return std::make_pair(image, error);
    }).then(this, [this, path, generation](const std::pair<QImage, QString> &r) {
        if (generation == m_generation) Q_EMIT thumbnailReady(path, r.first, r.second);
    });
}

void MediaDetailLoader::requestLoudness(const QString &path)
{
    if (m_loudnessAsked.contains(path)) return;
    m_loudnessAsked.insert(path);
    const CancelToken cancel = m_cancel;
    const int generation = m_generation;
    QtConcurrent::run(&m_loudness, [path, cancel] {
        LoudnessMeasureOptions options;
        options.truePeak = false;
        options.curveIntervalSeconds = 0;
        Result<LoudnessStats> stats = measureLoudness(path, options, {}, cancel);
        return stats ? LoudnessAnswer{stats->integratedLufs, {}} : LoudnessAnswer{0, stats.error().message};
    }).then(this, [this, path, generation](const LoudnessAnswer &a) {
        if (generation == m_generation) Q_EMIT loudnessReady(path, a.integratedLufs, a.error);
    });
}

} // namespace rendition::ui
