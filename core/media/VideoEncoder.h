#pragma once
// One video encoder (software or hardware) configured from a preset rung.
// Owns its AVCodecContext and, for VAAPI, the device and frame pool. Not thread-safe:
// one rung thread drives it. Frames given to encode() are in swFormat(), sized
// width×height, pts in timeBase; the callee never keeps the caller's frame.

#include "core/media/FFmpegPtr.h"
#include "core/model/Preset.h"

#include <functional>
#include <memory>

namespace rendition {

struct VideoEncoderConfig {
    VideoCodec codec = VideoCodec::Invalid;
    int width = 0;
    int height = 0;
    AVRational timeBase{0, 1};
    AVRational frameRate{0, 1};
    RateControl rateControl;
    QString profile;
    QString level;
    QString speed;
    int gopFrames = 0;     // maximum distance between keyframes (forced ones come earlier)
    int bFrames = 0;
    bool sceneCut = false;
    bool tenBit = false;   // main10 / high10 profile requested
    int threads = 0;       // 0 = encoder's automatic choice
};

class VideoEncoder {
public:
    using PacketFn = std::function<Status(AVPacket *)>; // packet in timeBase; callee may modify

    // Opens the named FFmpeg encoder ("libx264", "h264_nvenc", ...) with `config`.
    static Result<std::unique_ptr<VideoEncoder>> open(const QString &encoderName, const VideoEncoderConfig &config);

    QString name() const { return m_name; }
    bool isHardware() const;
    AVPixelFormat swFormat() const { return m_swFormat; } // what encode() expects
    const AVCodecContext *context() const { return m_ctx.get(); }

    // Sends one frame (nullptr = flush) and hands every packet produced to `fn`.
    Status encode(const AVFrame *frame, const PacketFn &fn);

private:
    VideoEncoder() = default;
    Status uploadAndSend(const AVFrame *frame);

    QString m_name;
    av::CodecContextPtr m_ctx;
    av::BufferRefPtr m_hwDevice;
    av::BufferRefPtr m_hwFrames;
    AVPixelFormat m_swFormat = AV_PIX_FMT_YUV420P;
    av::PacketPtr m_packet;
};

// Software encoder for a codec: libx264, libx265, libsvtav1 (or libaom-av1).
QString softwareEncoderFor(VideoCodec codec);
// Hardware encoders tried by "auto", in order of preference.
QStringList hardwareEncodersFor(VideoCodec codec);

} // namespace rendition
