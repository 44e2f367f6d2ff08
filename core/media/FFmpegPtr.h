#pragma once
// Ownership of every FFmpeg object: a std::unique_ptr with a deleter struct, made by
// a make…() function. No owning raw pointers leave this header's users.
// AvError turns an AVERROR into text and a rendition::Error with context.

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/buffer.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

#include "core/util/Result.h"

#include <memory>

namespace rendition::av {

struct FormatInputDeleter {
    void operator()(AVFormatContext *c) const { avformat_close_input(&c); }
};
// Output contexts: the pb is owned by whoever opened it (we use custom IO), so
// only the context itself is freed here.
struct FormatOutputDeleter {
    void operator()(AVFormatContext *c) const { avformat_free_context(c); }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct FilterGraphDeleter {
    void operator()(AVFilterGraph *g) const { avfilter_graph_free(&g); }
};
struct SwsDeleter {
    void operator()(SwsContext *s) const { sws_freeContext(s); }
};
struct SwrDeleter {
    void operator()(SwrContext *s) const { swr_free(&s); }
};
struct BufferRefDeleter {
    void operator()(AVBufferRef *b) const { av_buffer_unref(&b); }
};
struct IoContextDeleter {
    // Frees the AVIOContext and the buffer FFmpeg may have reallocated.
    void operator()(AVIOContext *io) const
    {
        if (io) av_freep(&io->buffer);
        avio_context_free(&io);
    }
};
struct AvFreeDeleter {
    void operator()(void *p) const { av_free(p); }
};

using FormatInputPtr = std::unique_ptr<AVFormatContext, FormatInputDeleter>;
using FormatOutputPtr = std::unique_ptr<AVFormatContext, FormatOutputDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using FilterGraphPtr = std::unique_ptr<AVFilterGraph, FilterGraphDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using BufferRefPtr = std::unique_ptr<AVBufferRef, BufferRefDeleter>;
using IoContextPtr = std::unique_ptr<AVIOContext, IoContextDeleter>;

inline FramePtr makeFrame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr makePacket() { return PacketPtr(av_packet_alloc()); }
inline CodecContextPtr makeCodecContext(const AVCodec *codec)
{
    return CodecContextPtr(avcodec_alloc_context3(codec));
}
inline FilterGraphPtr makeFilterGraph() { return FilterGraphPtr(avfilter_graph_alloc()); }

// A new reference to the same frame data (cheap: refcounted buffers).
inline FramePtr refFrame(const AVFrame *src)
{
    FramePtr f = makeFrame();
    if (f && av_frame_ref(f.get(), src) < 0) f.reset();
    return f;
}

// AVERROR → text.
inline QString errorText(int averror)
{
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(averror, buf, sizeof buf);
    return QString::fromUtf8(buf);
}

// AVERROR → rendition::Error. `what` says what we were doing, e.g. "could not open the encoder".
inline Error avError(const QString &code, int averror, const QString &what, const QString &context = {})
{
    return makeError(code, what + QStringLiteral(" (") + errorText(averror) + QStringLiteral(")"), context);
}

} // namespace rendition::av
