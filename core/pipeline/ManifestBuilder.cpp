#include "core/pipeline/ManifestBuilder.h"

#include <QDateTime>
#include <QJsonArray>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

namespace rendition {

namespace {

QString libVersion(unsigned v) { return QStringLiteral("%1.%2.%3").arg(v >> 16).arg((v >> 8) & 0xff).arg(v & 0xff); }

QJsonObject trackJson(const TrackRecord &t, const QString &dir)
{
    const MeasuredBitrate b = measure(t);
    QJsonObject o{{QStringLiteral("segment_count"), t.segments.size()},
                  {QStringLiteral("duration_s"), t.durationSeconds()},
                  {QStringLiteral("bytes"), t.totalBytes},
                  {QStringLiteral("measured_average_bps"), b.averageBps},
                  {QStringLiteral("measured_peak_bps"), b.peakBps}};
    if (!t.segments.isEmpty()) {
        o.insert(QStringLiteral("playlist"), dir + QStringLiteral("/playlist.m3u8"));
        if (!t.initFile.isEmpty()) o.insert(QStringLiteral("init"), dir + u'/' + t.initFile);
        QJsonArray segs;
        for (const SegmentRecord &s : t.segments)
            segs.append(QJsonObject{{QStringLiteral("file"), dir + u'/' + s.file},
                                    {QStringLiteral("duration_s"), s.durationTs * av_q2d(t.timeBase)},
                                    {QStringLiteral("bytes"), s.bytes}});
        o.insert(QStringLiteral("segments"), segs);
    }
    return o;
}

QJsonObject videoJson(const VideoOutput &v)
{
    const RateControl &rc = v.planned.rung.rateControl;
    QJsonObject o = trackJson(v.track, v.planned.dirName);
    o.insert(QStringLiteral("name"), v.planned.rung.name);
    o.insert(QStringLiteral("type"), QStringLiteral("video"));
    o.insert(QStringLiteral("dir"), v.planned.dirName);
    o.insert(QStringLiteral("codec"), videoCodecName(v.planned.rung.codec));
    o.insert(QStringLiteral("codec_string"), v.codecString);
    o.insert(QStringLiteral("width"), v.planned.width);
    o.insert(QStringLiteral("height"), v.planned.height);
    o.insert(QStringLiteral("frame_rate"), QStringLiteral("%1/%2").arg(v.frameRate.num).arg(v.frameRate.den));
    o.insert(QStringLiteral("rate_control"), rateControlName(rc.mode));
    if (rc.bitrateKbps > 0) o.insert(QStringLiteral("target_bitrate_kbps"), rc.bitrateKbps);
    if (rc.maxKbps > 0) o.insert(QStringLiteral("max_bitrate_kbps"), rc.maxKbps);
    if (rc.crf >= 0 && (rc.mode == RateControlMode::Crf || rc.mode == RateControlMode::CappedCrf)) o.insert(QStringLiteral("crf"), rc.crf);
    o.insert(QStringLiteral("encoder"), v.encoder.toJson());
    if (!v.planned.note.isEmpty()) o.insert(QStringLiteral("note"), v.planned.note);
    return o;
}

QJsonObject audioJson(const AudioOutput &a)
{
    QJsonObject o = trackJson(a.track, a.dirName);
    o.insert(QStringLiteral("name"), a.rendition.name);
    o.insert(QStringLiteral("type"), QStringLiteral("audio"));
    o.insert(QStringLiteral("dir"), a.dirName);
    o.insert(QStringLiteral("codec"), audioCodecName(a.rendition.codec));
    o.insert(QStringLiteral("codec_string"), a.codecString);
    o.insert(QStringLiteral("channels"), a.rendition.channels);
    o.insert(QStringLiteral("sample_rate"), a.rendition.sampleRate);
    o.insert(QStringLiteral("language"), a.language);
    o.insert(QStringLiteral("target_bitrate_kbps"), a.rendition.bitrateKbps);
    o.insert(QStringLiteral("encoder"), QJsonObject{{QStringLiteral("encoder"), a.encoder}});
    return o;
}

} // namespace

QJsonObject toolVersions()
{
    return {{QStringLiteral("rendition"), QStringLiteral(RENDITION_VERSION)},
            {QStringLiteral("ffmpeg"), QString::fromUtf8(av_version_info())},
            {QStringLiteral("libavformat"), libVersion(avformat_version())},
            {QStringLiteral("libavcodec"), libVersion(avcodec_version())},
            {QStringLiteral("libavutil"), libVersion(avutil_version())},
            {QStringLiteral("libswscale"), libVersion(swscale_version())},
            {QStringLiteral("qt"), QString::fromUtf8(qVersion())}};
}

QJsonObject buildManifest(const ManifestInputs &in)
{
    const TranscodeResult &result = *in.result;
    const Preset &preset = *in.preset;
    QJsonArray renditions;
    for (const VideoOutput &v : result.video) renditions.append(videoJson(v));
    for (const AudioOutput &a : result.audio) renditions.append(audioJson(a));
    QJsonObject package;
    if (!in.entry.hlsMaster.isEmpty()) package.insert(QStringLiteral("hls"), in.entry.hlsMaster);
    if (!in.entry.dashMpd.isEmpty()) package.insert(QStringLiteral("dash"), in.entry.dashMpd);
    if (!result.progressiveFile.isEmpty()) package.insert(QStringLiteral("mp4"), result.progressiveFile);
    package.insert(QStringLiteral("segment_duration_s"), preset.packaging.segmentDurationSeconds);
    package.insert(QStringLiteral("segment_format"), preset.packaging.progressiveMp4 ? QStringLiteral("mp4")
                                                     : (preset.packaging.hls && !preset.packaging.dash &&
                                                        preset.packaging.hlsSegmentFormat == HlsSegmentFormat::MpegTs)
                                                         ? QStringLiteral("mpegts") : QStringLiteral("cmaf"));
    package.insert(QStringLiteral("start_offset_s"), result.startOffsetSeconds);

    QJsonObject m{{QStringLiteral("schema"), QString::fromLatin1(kManifestSchema)},
                  {QStringLiteral("asset"), in.assetName},
                  {QStringLiteral("status"), in.status},
                  {QStringLiteral("created_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                  {QStringLiteral("source"), in.probe->toJson()},
                  {QStringLiteral("preset"), preset.toJson()},
                  {QStringLiteral("package"), package},
                  {QStringLiteral("renditions"), renditions},
                  {QStringLiteral("skipped_rungs"), in.plan->skippedJson()},
                  {QStringLiteral("deinterlaced"), result.deinterlaced},
                  {QStringLiteral("frames_decoded"), result.framesDecoded},
                  {QStringLiteral("decode_errors"), result.decodeErrors},
                  {QStringLiteral("elapsed_s"), in.elapsedSeconds},
                  {QStringLiteral("tools"), toolVersions()}};
    if (in.loudness) m.insert(QStringLiteral("loudness"), in.loudness->toJson());
    if (in.thumbnails) {
        QJsonObject t = in.thumbnails->toJson();
        t.insert(QStringLiteral("dir"), QStringLiteral("thumbnails"));
        m.insert(QStringLiteral("thumbnails"), t);
    }
    if (in.qc) m.insert(QStringLiteral("qc"), in.qc->summaryJson());
    return m;
}

} // namespace rendition
