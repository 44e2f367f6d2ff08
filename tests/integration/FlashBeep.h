#pragma once
// Flash-and-beep sources and their measurement, for the conformance matrix (tst_conformance).
//
// A source has a white frame and a 1 kHz burst (100 ms, amplitude 0.8) starting at the same
// instants: the first picture at or after 1 s and one 0.5 s before the end, both times whole
// numbers of frames and of 48 kHz samples. decodeMarks() decodes a file with FFmpeg (libav,
// the files exactly as stored) and returns every picture's pts, the flash times and the burst
// onsets, all as FFmpeg reports them (seconds of the stream's own clock, no normalisation).

#include "tests/integration/IntegrationHelpers.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
}

#include <cmath>
#include <vector>

namespace itest {

struct FlashBeepSpec {
    QString rate = QStringLiteral("30000/1001"); // frame rate (ignored when vfr)
    int width = 640;
    int height = 360;
    double seconds = 3;
    bool video = true;
    bool audio = true;
    int bFrames = 3;             // of the source's own H.264
    QString sar;                 // "64:45" for non-square pixels
    bool interlaced = false;     // flagged interlaced (tff) H.264
    bool vfr = false;            // frame durations alternate 30 / 50 ms
    QString container = QStringLiteral("mp4");
};

// The flash frame numbers for `spec` (CFR), and their times in seconds.
inline QList<int> flashFrames(const FlashBeepSpec &s)
{
    const double fps = rationalValue(s.rate);
    return {int(std::ceil(1.0 * fps - 1e-9)), int(std::floor((s.seconds - 0.5) * fps + 1e-9))};
}

// Writes the source with the ffmpeg CLI (lavfi). VFR: frame n at 40 ms × n plus 10 ms on odd
// frames (durations 50/30 ms), the flashes on frames 25 and (seconds − 0.5) × 25.
inline bool makeFlashBeepSource(const QString &path, const FlashBeepSpec &s)
{
    QStringList args{QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-y")};
    QList<qint64> flashSamples;
    if (s.video) {
        const QString rate = s.vfr ? QStringLiteral("25") : s.rate;
        const QList<int> frames = s.vfr ? QList<int>{25, int((s.seconds - 0.5) * 25)} : flashFrames(s);
        QString chain = QStringLiteral("testsrc2=size=%1x%2:rate=%3:duration=%4,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n\\,%5)+eq(n\\,%6)'")
                            .arg(s.width).arg(s.height).arg(rate).arg(s.seconds).arg(frames[0]).arg(frames[1]);
        if (!s.sar.isEmpty()) chain += QStringLiteral(",setsar=") + QString(s.sar).replace(u':', u'/');
        if (s.vfr) chain += QStringLiteral(",setpts='(N*40+10*mod(N\\,2))/1000/TB'");
        chain += QStringLiteral(",format=yuv420p");
        args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i") << chain;
        for (int f : frames) {
            const double t = s.vfr ? (f * 40 + 10 * (f % 2)) / 1000.0 : f / rationalValue(s.rate);
            flashSamples << std::llround(t * 48000);
        }
    } else {
        flashSamples << 48000 << std::llround((s.seconds - 0.5) * 48000);
    }
    if (s.audio) {
        QString expr;
        for (qint64 n0 : flashSamples)
            expr += QStringLiteral("%1 0.8*sin(2*PI*1000*(n-%2)/48000)*between(n\\,%2\\,%3)").arg(expr.isEmpty() ? QString() : QStringLiteral("+")).arg(n0).arg(n0 + 4799);
        args << QStringLiteral("-f") << QStringLiteral("lavfi") << QStringLiteral("-i")
             << QStringLiteral("aevalsrc='%1':s=48000:d=%2:c=stereo").arg(expr).arg(s.seconds);
    }
    if (s.video) {
        args << QStringLiteral("-c:v") << QStringLiteral("libx264") << QStringLiteral("-preset") << QStringLiteral("veryfast")
             << QStringLiteral("-bf") << QString::number(s.bFrames) << QStringLiteral("-pix_fmt") << QStringLiteral("yuv420p");
        if (s.interlaced) args << QStringLiteral("-flags") << QStringLiteral("+ildct+ilme") << QStringLiteral("-x264opts") << QStringLiteral("tff=1");
        if (s.vfr) args << QStringLiteral("-fps_mode") << QStringLiteral("passthrough");
    }
    if (s.audio && s.container == u"mp4") args << QStringLiteral("-c:a") << QStringLiteral("aac") << QStringLiteral("-b:a") << QStringLiteral("256k");
    else if (s.audio) args << QStringLiteral("-c:a") << (s.container == u"mkv" ? QStringLiteral("flac") : QStringLiteral("pcm_s16le"));
    args << path;
    const ProcessResult r = runProcess(QStringLiteral("ffmpeg"), args, 120000);
    if (!r.finished || r.exitCode != 0) qWarning().noquote() << r.describe();
    return r.finished && r.exitCode == 0;
}

struct DecodedMarks {
    QString error;
    std::vector<double> framePts;    // every decoded picture, in output order (s)
    std::vector<double> flashes;     // first picture of each bright run (s)
    std::vector<double> onsets;      // burst onsets (s)
    double firstAudioPts = NAN;      // first decoded audio frame
    double firstAudioPacketPts = NAN;
    std::vector<qint64> onsetSampleIndex; // onset, counted in decoded samples from the first decoded one
    int sampleRate = 0;
};

namespace detail {
inline double meanLuma(const AVFrame *f)
{
    const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(AVPixelFormat(f->format));
    if (!d) return 0;
    const int depth = d->comp[0].depth;
    const bool wide = d->comp[0].step > 1 || depth > 8;
    double sum = 0;
    for (int y = 0; y < f->height; y += 2) {
        const uint8_t *row = f->data[0] + qint64(y) * f->linesize[0];
        for (int x = 0; x < f->width; x += 2) sum += wide ? reinterpret_cast<const uint16_t *>(row)[x] : row[x];
    }
    const double n = double((f->height + 1) / 2) * ((f->width + 1) / 2);
    return sum / n / ((1 << depth) - 1);
}
} // namespace detail

// Decodes the first stream of `type` in `file`. Burst onset: the first sample whose magnitude
// passes half of the track's peak, at least 0.5 s after the previous onset.
inline DecodedMarks decodeMarks(const QString &file, AVMediaType type)
{
    DecodedMarks m;
    AVFormatContext *fmt = nullptr;
    if (avformat_open_input(&fmt, QFile::encodeName(file).constData(), nullptr, nullptr) < 0) {
        m.error = QStringLiteral("cannot open ") + file;
        return m;
    }
    avformat_find_stream_info(fmt, nullptr);
    const int si = av_find_best_stream(fmt, type, -1, -1, nullptr, 0);
    if (si < 0) {
        avformat_close_input(&fmt);
        m.error = QStringLiteral("no stream in ") + file;
        return m;
    }
    AVStream *st = fmt->streams[si];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    AVCodecContext *dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec, st->codecpar);
    dec->pkt_timebase = st->time_base;
    if (!codec || avcodec_open2(dec, codec, nullptr) < 0) {
        avcodec_free_context(&dec);
        avformat_close_input(&fmt);
        m.error = QStringLiteral("no decoder for ") + file;
        return m;
    }
    const double tb = av_q2d(st->time_base);
    std::vector<double> luma;
    std::vector<float> mono;
    AVPacket *pkt = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    auto drain = [&] {
        while (avcodec_receive_frame(dec, frame) >= 0) {
            const qint64 ts = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
            if (type == AVMEDIA_TYPE_VIDEO) {
                m.framePts.push_back(ts * tb);
                luma.push_back(detail::meanLuma(frame));
            } else {
                if (std::isnan(m.firstAudioPts)) {
                    m.firstAudioPts = ts * tb;
                    m.sampleRate = frame->sample_rate;
                }
                const int ch = frame->ch_layout.nb_channels;
                for (int i = 0; i < frame->nb_samples; ++i) {
                    float v = 0;
                    if (frame->format == AV_SAMPLE_FMT_FLTP) v = reinterpret_cast<const float *>(frame->extended_data[0])[i];
                    else if (frame->format == AV_SAMPLE_FMT_FLT) v = reinterpret_cast<const float *>(frame->data[0])[i * ch];
                    else if (frame->format == AV_SAMPLE_FMT_S16) v = reinterpret_cast<const int16_t *>(frame->data[0])[i * ch] / 32768.0f;
                    else if (frame->format == AV_SAMPLE_FMT_S16P) v = reinterpret_cast<const int16_t *>(frame->extended_data[0])[i] / 32768.0f;
                    else if (frame->format == AV_SAMPLE_FMT_S32) v = reinterpret_cast<const int32_t *>(frame->data[0])[i * ch] / 2147483648.0f;
                    mono.push_back(v);
                }
            }
            av_frame_unref(frame);
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) {
            if (type == AVMEDIA_TYPE_AUDIO && std::isnan(m.firstAudioPacketPts) && pkt->pts != AV_NOPTS_VALUE) m.firstAudioPacketPts = pkt->pts * tb;
            avcodec_send_packet(dec, pkt);
            drain();
        }
        av_packet_unref(pkt);
    }
    avcodec_send_packet(dec, nullptr);
    drain();
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);

    for (size_t i = 0; i < luma.size(); ++i)
        if (luma[i] > 0.8 && (i == 0 || luma[i - 1] <= 0.8)) m.flashes.push_back(m.framePts[i]);
    if (!mono.empty() && m.sampleRate > 0) {
        float peak = 0;
        for (float v : mono) peak = std::max(peak, std::abs(v));
        qint64 last = -qint64(m.sampleRate);
        for (qint64 i = 0; i < qint64(mono.size()); ++i)
            if (std::abs(mono[size_t(i)]) > 0.5f * peak && i - last > m.sampleRate / 2) {
                m.onsetSampleIndex.push_back(i);
                m.onsets.push_back(m.firstAudioPts + double(i) / m.sampleRate);
                last = i;
            }
    }
    return m;
}

} // namespace itest
