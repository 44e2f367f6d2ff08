#include "core/media/VideoEncoder.h"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/opt.h>
}

#include <QStringList>

namespace rendition {

namespace {

enum class Family { Invalid = 0, X264, X265, SvtAv1, Aom, Nvenc, Qsv, Vaapi, Other };

Family familyOf(const QString &name)
{
    if (name == u"libx264") return Family::X264;
    if (name == u"libx265") return Family::X265;
    if (name == u"libsvtav1") return Family::SvtAv1;
    if (name == u"libaom-av1") return Family::Aom;
    if (name.endsWith(u"_nvenc")) return Family::Nvenc;
    if (name.endsWith(u"_qsv")) return Family::Qsv;
    if (name.endsWith(u"_vaapi")) return Family::Vaapi;
    return Family::Other;
}

void setOpt(AVCodecContext *ctx, const char *key, const QString &value)
{
    if (!value.isEmpty()) av_opt_set(ctx->priv_data, key, value.toUtf8().constData(), 0);
}

// NVENC presets are p1 (fastest) .. p7 (slowest); map x264-style names onto them.
QString nvencPreset(const QString &speed)
{
    static const QStringList order{QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
                                   QStringLiteral("faster"),    QStringLiteral("fast"),      QStringLiteral("medium"),
                                   QStringLiteral("slow"),      QStringLiteral("slower"),    QStringLiteral("veryslow")};
    const int i = order.indexOf(speed);
    if (i < 0) return QStringLiteral("p4");
    return QStringLiteral("p%1").arg(qBound(1, 1 + i * 7 / order.size(), 7));
}

void applyBitrates(AVCodecContext *ctx, const RateControl &rc)
{
    const qint64 target = qint64(rc.bitrateKbps) * 1000;
    qint64 max = qint64(rc.maxKbps) * 1000;
    if (rc.mode == RateControlMode::Cbr) max = target;
    if (target > 0) ctx->bit_rate = target;
    if (max > 0) ctx->rc_max_rate = max;
    if (rc.mode == RateControlMode::Cbr) ctx->rc_min_rate = target;
    const qint64 buf = rc.bufsizeKbps > 0 ? qint64(rc.bufsizeKbps) * 1000 : 2 * (max > 0 ? max : target);
    if (buf > 0 && (max > 0 || rc.mode == RateControlMode::Cbr)) ctx->rc_buffer_size = int(qMin<qint64>(buf, INT_MAX));
}

void configureX264(AVCodecContext *ctx, const VideoEncoderConfig &c)
{
    setOpt(ctx, "preset", c.speed.isEmpty() ? QStringLiteral("medium") : c.speed);
    setOpt(ctx, "profile", c.profile);
    av_opt_set_int(ctx->priv_data, "forced-idr", 1, 0);
    QStringList params{QStringLiteral("open-gop=0"), QStringLiteral("log=-1")};
    if (!c.sceneCut) params << QStringLiteral("scenecut=0");
    if (c.rateControl.mode == RateControlMode::Crf || c.rateControl.mode == RateControlMode::CappedCrf)
        av_opt_set_double(ctx->priv_data, "crf", c.rateControl.crf, 0);
    if (c.rateControl.mode == RateControlMode::Cbr) params << QStringLiteral("nal-hrd=cbr");
    setOpt(ctx, "x264-params", params.join(u':'));
}

void configureX265(AVCodecContext *ctx, const VideoEncoderConfig &c)
{
    setOpt(ctx, "preset", c.speed.isEmpty() ? QStringLiteral("medium") : c.speed);
    setOpt(ctx, "profile", c.profile);
    av_opt_set_int(ctx->priv_data, "forced-idr", 1, 0);
    QStringList params{QStringLiteral("log-level=error"), QStringLiteral("open-gop=0"),
                       QStringLiteral("keyint=%1").arg(c.gopFrames), QStringLiteral("min-keyint=%1").arg(c.gopFrames),
                       QStringLiteral("bframes=%1").arg(c.bFrames), QStringLiteral("repeat-headers=0")};
    if (!c.sceneCut) params << QStringLiteral("scenecut=0");
    if (c.rateControl.mode == RateControlMode::Crf || c.rateControl.mode == RateControlMode::CappedCrf)
        av_opt_set_double(ctx->priv_data, "crf", c.rateControl.crf, 0);
    if (c.rateControl.mode == RateControlMode::Cbr) params << QStringLiteral("strict-cbr=1");
    setOpt(ctx, "x265-params", params.join(u':'));
}

void configureAv1(AVCodecContext *ctx, Family family, const VideoEncoderConfig &c)
{
    const bool crfMode = c.rateControl.mode == RateControlMode::Crf || c.rateControl.mode == RateControlMode::CappedCrf;
    if (family == Family::SvtAv1) {
        if (!c.speed.isEmpty()) av_opt_set_int(ctx->priv_data, "preset", c.speed.toInt(), 0);
        if (crfMode) av_opt_set_int(ctx->priv_data, "crf", c.rateControl.crf, 0);
        setOpt(ctx, "svtav1-params", c.sceneCut ? QStringLiteral("scd=1") : QStringLiteral("scd=0"));
    } else {
        if (!c.speed.isEmpty()) av_opt_set_int(ctx->priv_data, "cpu-used", c.speed.toInt(), 0);
        if (crfMode) av_opt_set_int(ctx->priv_data, "crf", c.rateControl.crf, 0);
        av_opt_set_int(ctx->priv_data, "row-mt", 1, 0);
    }
}

void configureHardware(AVCodecContext *ctx, Family family, const VideoEncoderConfig &c)
{
    const bool crfMode = c.rateControl.mode == RateControlMode::Crf || c.rateControl.mode == RateControlMode::CappedCrf;
    switch (family) {
    case Family::Nvenc:
        setOpt(ctx, "preset", nvencPreset(c.speed));
        setOpt(ctx, "profile", c.profile);
        av_opt_set_int(ctx->priv_data, "forced-idr", 1, 0);
        av_opt_set_int(ctx->priv_data, "strict_gop", 1, 0);
        av_opt_set_int(ctx->priv_data, "no-scenecut", c.sceneCut ? 0 : 1, 0);
        setOpt(ctx, "rc", c.rateControl.mode == RateControlMode::Cbr ? QStringLiteral("cbr") : QStringLiteral("vbr"));
        if (crfMode) av_opt_set_double(ctx->priv_data, "cq", c.rateControl.crf, 0);
        break;
    case Family::Qsv:
        setOpt(ctx, "preset", c.speed);
        setOpt(ctx, "profile", c.profile);
        av_opt_set_int(ctx->priv_data, "forced_idr", 1, 0);
        if (crfMode) ctx->global_quality = c.rateControl.crf;
        break;
    case Family::Vaapi:
        setOpt(ctx, "rc_mode", crfMode ? (c.rateControl.maxKbps > 0 ? QStringLiteral("QVBR") : QStringLiteral("CQP"))
                              : c.rateControl.mode == RateControlMode::Cbr ? QStringLiteral("CBR") : QStringLiteral("VBR"));
        if (crfMode) ctx->global_quality = c.rateControl.crf;
        break;
    default:
        break;
    }
}

} // namespace

QString softwareEncoderFor(VideoCodec codec)
{
    switch (codec) {
    case VideoCodec::H264: return QStringLiteral("libx264");
    case VideoCodec::Hevc: return QStringLiteral("libx265");
    case VideoCodec::Av1:
        return avcodec_find_encoder_by_name("libsvtav1") ? QStringLiteral("libsvtav1") : QStringLiteral("libaom-av1");
    case VideoCodec::Invalid: break;
    }
    return {};
}

QStringList hardwareEncodersFor(VideoCodec codec)
{
    switch (codec) {
    case VideoCodec::H264: return {QStringLiteral("h264_nvenc"), QStringLiteral("h264_qsv"), QStringLiteral("h264_vaapi")};
    case VideoCodec::Hevc: return {QStringLiteral("hevc_nvenc"), QStringLiteral("hevc_qsv"), QStringLiteral("hevc_vaapi")};
    case VideoCodec::Av1: return {QStringLiteral("av1_nvenc"), QStringLiteral("av1_qsv"), QStringLiteral("av1_vaapi")};
    case VideoCodec::Invalid: break;
    }
    return {};
}

bool VideoEncoder::isHardware() const
{
    const Family f = familyOf(m_name);
    return f == Family::Nvenc || f == Family::Qsv || f == Family::Vaapi;
}

Result<std::unique_ptr<VideoEncoder>> VideoEncoder::open(const QString &encoderName, const VideoEncoderConfig &c)
{
    const AVCodec *codec = avcodec_find_encoder_by_name(encoderName.toUtf8().constData());
    if (!codec)
        return makeError(QStringLiteral("encoder.not_found"),
                         QStringLiteral("this FFmpeg build has no encoder named %1").arg(encoderName));
    std::unique_ptr<VideoEncoder> enc(new VideoEncoder);
    enc->m_name = encoderName;
    enc->m_ctx = av::makeCodecContext(codec);
    enc->m_packet = av::makePacket();
    AVCodecContext *ctx = enc->m_ctx.get();
    const Family family = familyOf(encoderName);

    enc->m_swFormat = c.tenBit ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
    if (family == Family::Qsv || family == Family::Vaapi) enc->m_swFormat = c.tenBit ? AV_PIX_FMT_P010LE : AV_PIX_FMT_NV12;
    ctx->width = c.width;
    ctx->height = c.height;
    ctx->time_base = c.timeBase;
    ctx->framerate = c.frameRate;
    ctx->sample_aspect_ratio = AVRational{1, 1};
    ctx->pix_fmt = enc->m_swFormat;
    ctx->gop_size = c.gopFrames;
    ctx->keyint_min = c.gopFrames;
    ctx->max_b_frames = c.bFrames;
    ctx->thread_count = c.threads;
    ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_CLOSED_GOP;
    ctx->color_range = AVCOL_RANGE_MPEG;
    if (!c.level.isEmpty() && family != Family::SvtAv1 && family != Family::Aom)
        ctx->level = qRound(c.level.toDouble() * (c.codec == VideoCodec::Hevc ? 30 : 10));
    applyBitrates(ctx, c.rateControl);

    switch (family) {
    case Family::X264: configureX264(ctx, c); break;
    case Family::X265: configureX265(ctx, c); break;
    case Family::SvtAv1:
    case Family::Aom: configureAv1(ctx, family, c); break;
    default: configureHardware(ctx, family, c); break;
    }

    if (family == Family::Vaapi) {
        AVBufferRef *device = nullptr;
        int rc = av_hwdevice_ctx_create(&device, AV_HWDEVICE_TYPE_VAAPI, nullptr, nullptr, 0);
        if (rc < 0) return av::avError(QStringLiteral("encoder.hw_device"), rc, QStringLiteral("no VAAPI device"), encoderName);
        enc->m_hwDevice.reset(device);
        enc->m_hwFrames.reset(av_hwframe_ctx_alloc(device));
        auto *frames = reinterpret_cast<AVHWFramesContext *>(enc->m_hwFrames->data);
        frames->format = AV_PIX_FMT_VAAPI;
        frames->sw_format = enc->m_swFormat;
        frames->width = c.width;
        frames->height = c.height;
        frames->initial_pool_size = 16;
        if ((rc = av_hwframe_ctx_init(enc->m_hwFrames.get())) < 0)
            return av::avError(QStringLiteral("encoder.hw_frames"), rc, QStringLiteral("could not create VAAPI frames"), encoderName);
        ctx->pix_fmt = AV_PIX_FMT_VAAPI;
        ctx->hw_frames_ctx = av_buffer_ref(enc->m_hwFrames.get());
    }

    const int rc = avcodec_open2(ctx, codec, nullptr);
    if (rc < 0)
        return av::avError(QStringLiteral("encoder.open"), rc,
                           QStringLiteral("could not open the encoder at %1x%2").arg(c.width).arg(c.height), encoderName);
    return enc;
}

Status VideoEncoder::uploadAndSend(const AVFrame *frame)
{
    if (!frame || !m_hwFrames) return {};
    av::FramePtr hw = av::makeFrame();
    int rc = av_hwframe_get_buffer(m_hwFrames.get(), hw.get(), 0);
    if (rc >= 0) rc = av_hwframe_transfer_data(hw.get(), frame, 0);
    if (rc >= 0) rc = av_frame_copy_props(hw.get(), frame);
    if (rc < 0) return av::avError(QStringLiteral("encoder.hw_upload"), rc, QStringLiteral("could not upload a frame"), m_name);
    rc = avcodec_send_frame(m_ctx.get(), hw.get());
    if (rc < 0) return av::avError(QStringLiteral("encoder.send"), rc, QStringLiteral("the encoder rejected a frame"), m_name);
    return {};
}

Status VideoEncoder::encode(const AVFrame *frame, const PacketFn &fn)
{
    if (m_hwFrames && frame) {
        if (Status s = uploadAndSend(frame); !s) return s;
    } else {
        const int rc = avcodec_send_frame(m_ctx.get(), frame);
        if (rc < 0 && rc != AVERROR_EOF)
            return av::avError(QStringLiteral("encoder.send"), rc, QStringLiteral("the encoder rejected a frame"), m_name);
    }
    for (;;) {
        const int rc = avcodec_receive_packet(m_ctx.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return {};
        if (rc < 0) return av::avError(QStringLiteral("encoder.receive"), rc, QStringLiteral("the encoder failed"), m_name);
        Status s = fn(m_packet.get());
        av_packet_unref(m_packet.get());
        if (!s) return s;
    }
}

} // namespace rendition
