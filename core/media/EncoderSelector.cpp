#include "core/media/EncoderSelector.h"

#include "core/media/VideoEncoder.h"

#include <QHash>
#include <QMutex>

extern "C" {
#include <libavutil/imgutils.h>
}

namespace rendition {

namespace {

constexpr int kProbeWidth = 320;
constexpr int kProbeHeight = 240;
constexpr int kProbeFrames = 5;

EncoderProbeResult runProbe(const QString &name, VideoCodec codec)
{
    EncoderProbeResult r{name, false, {}};
    VideoEncoderConfig cfg;
    cfg.codec = codec;
    cfg.width = kProbeWidth;
    cfg.height = kProbeHeight;
    cfg.timeBase = AVRational{1, 25};
    cfg.frameRate = AVRational{25, 1};
    cfg.rateControl.mode = RateControlMode::Vbr;
    cfg.rateControl.bitrateKbps = 500;
    cfg.rateControl.maxKbps = 750;
    cfg.gopFrames = 25;
    cfg.threads = 1;
    auto enc = VideoEncoder::open(name, cfg);
    if (!enc) {
        r.detail = enc.error().message;
        return r;
    }
    av::FramePtr frame = av::makeFrame();
    frame->format = (*enc)->swFormat();
    frame->width = kProbeWidth;
    frame->height = kProbeHeight;
    if (av_frame_get_buffer(frame.get(), 0) < 0) {
        r.detail = QStringLiteral("out of memory");
        return r;
    }
    int packets = 0;
    auto count = [&packets](AVPacket *) -> Status { ++packets; return {}; };
    for (int i = 0; i < kProbeFrames; ++i) {
        av_frame_make_writable(frame.get());
        for (int p = 0; p < 4 && frame->data[p]; ++p)
            memset(frame->data[p], 16 + 20 * i, size_t(frame->linesize[p]) * (p == 0 ? kProbeHeight : (kProbeHeight + 1) / 2));
        frame->pts = i;
        if (Status s = (*enc)->encode(frame.get(), count); !s) {
            r.detail = s.error().message;
            return r;
        }
    }
    if (Status s = (*enc)->encode(nullptr, count); !s) {
        r.detail = s.error().message;
        return r;
    }
    r.usable = packets > 0;
    r.detail = r.usable ? QStringLiteral("encoded %1 test frames").arg(kProbeFrames)
                        : QStringLiteral("opened but produced no packets");
    return r;
}

QMutex g_cacheMutex;
QHash<QString, EncoderProbeResult> g_cache;

} // namespace

QJsonObject EncoderProbeResult::toJson() const
{
    return {{QStringLiteral("encoder"), encoder}, {QStringLiteral("usable"), usable}, {QStringLiteral("detail"), detail}};
}

QJsonObject EncoderChoice::toJson() const
{
    QJsonObject o{{QStringLiteral("encoder"), encoder},
                  {QStringLiteral("requested"), requested},
                  {QStringLiteral("hardware"), hardware}};
    if (!fallbackReason.isEmpty()) o.insert(QStringLiteral("fallback_reason"), fallbackReason);
    return o;
}

EncoderProbeResult probeEncoder(const QString &encoder, VideoCodec codec)
{
    {
        QMutexLocker lock(&g_cacheMutex);
        if (auto it = g_cache.constFind(encoder); it != g_cache.constEnd()) return *it;
    }
    EncoderProbeResult r = runProbe(encoder, codec); // outside the lock: probes may take a while
    QMutexLocker lock(&g_cacheMutex);
    g_cache.insert(encoder, r);
    return r;
}

EncoderChoice chooseEncoder(VideoCodec codec, const QString &preference)
{
    EncoderChoice choice;
    choice.requested = preference.isEmpty() ? QStringLiteral("software") : preference;
    const QString software = softwareEncoderFor(codec);
    QStringList candidates;
    if (choice.requested == u"auto") candidates = hardwareEncodersFor(codec);
    else if (choice.requested != u"software" && choice.requested != software) candidates = {choice.requested};

    QStringList reasons;
    for (const QString &name : candidates) {
        const EncoderProbeResult r = probeEncoder(name, codec);
        if (r.usable) {
            choice.encoder = name;
            choice.hardware = hardwareEncodersFor(codec).contains(name);
            return choice;
        }
        reasons << name + QStringLiteral(": ") + r.detail;
    }
    choice.encoder = software;
    if (!reasons.isEmpty())
        choice.fallbackReason = QStringLiteral("no working hardware encoder, used %1 (%2)").arg(software, reasons.join(QStringLiteral("; ")));
    return choice;
}

QList<EncoderProbeResult> probeAllHardwareEncoders()
{
    QList<EncoderProbeResult> out;
    for (VideoCodec c : {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Av1})
        for (const QString &name : hardwareEncodersFor(c)) out << probeEncoder(name, c);
    return out;
}

} // namespace rendition
