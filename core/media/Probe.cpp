// Probe / ingest validation. Order of work for one file:
//   1. file-system checks (exists, regular file, readable, non-empty)
//   2. open + stream info, bounded by options.maxAnalyzeMs (interrupt callback), options.maxProbeBytes
//      and the cancel token; only the "file" protocol is allowed
//   3. describe every stream (codec, geometry, timing, audio layout)
//   4. integrity: ISO-BMFF sample tables must not point past the end of the file
//   5. read (never decode) up to options.vfrSamplePackets packets of the main video stream to
//      detect variable frame rate and single-frame "videos"
//   5b. containers with a declared duration: the media must reach it (seek near the end, read)
//   6. policy: turn what was learned into problems (fatal or warning)
//   7. SHA-256 of the whole file (options.hash), also for files with fatal problems
// Timing: steps 2, 5 and 5b each get their own maxAnalyzeMs budget; 0 times out at once.
// Steps 4, 5 and 5b live in ProbeIntegrity.cpp, step 6 in ProbeRules.cpp, step 7 in Sha256.cpp.

#include "core/media/Probe.h"
#include "core/media/InputOpen.h"

#include "core/media/FFmpegPtr.h"
#include "core/media/ProbeIntegrity.h"
#include "core/media/ProbeRules.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/pixdesc.h>
}

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>

namespace rendition {

using namespace detail; // ProbeIntegrity.h, ProbeRules.h

namespace {

Q_LOGGING_CATEGORY(lcProbe, "rendition.probe")

constexpr int kHeaderSniffBytes = 64 * 1024;

void addCanceled(ProbeResult &r)
{
    addProblem(r, problem::Unreadable, Severity::Fatal,
               QStringLiteral("Probing was cancelled before the file was fully checked; probe it again."));
}

QString fromUtf8(const char *s) { return s ? QString::fromUtf8(s) : QString(); }

QByteArray readHead(const QString &path, qint64 bytes)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(bytes) : QByteArray();
}

// True when the file starts like an ISO-BMFF / QuickTime file (a plausible top-level box).
bool looksLikeIsoBmff(const QByteArray &head)
{
    if (head.size() < 8) return false;
    static const char *const kBoxes[] = {"ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"};
    const QByteArray type = head.mid(4, 4);
    return std::any_of(std::begin(kBoxes), std::end(kBoxes), [&](const char *b) { return type == b; });
}

// Format recognised from the content (not merely from the extension), or nullptr.
const AVInputFormat *sniffFormat(const QString &path, const QByteArray &head)
{
    QByteArray padded = head;
    padded.append(AVPROBE_PADDING_SIZE, '\0');
    const QByteArray name = QFile::encodeName(path);
    AVProbeData pd{name.constData(), reinterpret_cast<unsigned char *>(padded.data()), int(head.size()), nullptr};
    int score = 0;
    const AVInputFormat *fmt = av_probe_input_format2(&pd, 1, &score);
    return score > AVPROBE_SCORE_EXTENSION ? fmt : nullptr;
}

// Matroska written by FFmpeg carries per-stream durations as a "DURATION" tag "HH:MM:SS.fffffffff".
double durationTagSeconds(const AVDictionary *metadata)
{
    const AVDictionaryEntry *e = av_dict_get(metadata, "DURATION", nullptr, 0);
    if (!e) return 0;
    const QStringList parts = QString::fromLatin1(e->value).split(u':');
    if (parts.size() != 3) return 0;
    return parts[0].toDouble() * 3600 + parts[1].toDouble() * 60 + parts[2].toDouble();
}

QString fieldOrderName(AVFieldOrder order)
{
    switch (order) {
    case AV_FIELD_PROGRESSIVE: return QStringLiteral("progressive");
    case AV_FIELD_TT: return QStringLiteral("tt");
    case AV_FIELD_BB: return QStringLiteral("bb");
    case AV_FIELD_TB: return QStringLiteral("tb");
    case AV_FIELD_BT: return QStringLiteral("bt");
    case AV_FIELD_UNKNOWN: break;
    }
    return QStringLiteral("unknown");
}

void describeVideo(AVFormatContext *fmt, AVStream *st, StreamInfo &s)
{
    const AVCodecParameters *par = st->codecpar;
    s.width = par->width;
    s.height = par->height;
    AVRational sar = av_guess_sample_aspect_ratio(fmt, st, nullptr);
    if (sar.num <= 0 || sar.den <= 0) sar = {1, 1};
    av_reduce(&s.sarNum, &s.sarDen, sar.num, sar.den, INT_MAX);
    if (s.width > 0 && s.height > 0)
        av_reduce(&s.darNum, &s.darDen, int64_t(s.width) * s.sarNum, int64_t(s.height) * s.sarDen, 1 << 20);
    AVRational rate = st->avg_frame_rate;
    if (rate.num <= 0 || rate.den <= 0) rate = st->r_frame_rate;
    if (rate.num > 0 && rate.den > 0) {
        s.frameRateNum = rate.num;
        s.frameRateDen = rate.den;
    }
    const auto pixFmt = AVPixelFormat(par->format);
    s.pixelFormat = fromUtf8(av_get_pix_fmt_name(pixFmt));
    if (const AVPixFmtDescriptor *d = av_pix_fmt_desc_get(pixFmt)) s.bitDepth = d->comp[0].depth;
    s.fieldOrder = fieldOrderName(par->field_order);
    s.attachedPicture = (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0;
}

void describeAudio(const AVStream *st, StreamInfo &s)
{
    const AVCodecParameters *par = st->codecpar;
    s.sampleRate = par->sample_rate;
    s.channels = par->ch_layout.nb_channels;
    char layout[128] = {};
    if (s.channels > 0 && av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0)
        s.channelLayout = QString::fromUtf8(layout);
    s.sampleFormat = fromUtf8(av_get_sample_fmt_name(AVSampleFormat(par->format)));
}

StreamInfo describeStream(AVFormatContext *fmt, AVStream *st)
{
    const AVCodecParameters *par = st->codecpar;
    StreamInfo s;
    s.index = st->index;
    const char *type = av_get_media_type_string(par->codec_type);
    s.type = type ? QString::fromLatin1(type) : QStringLiteral("data");
    if (const AVCodecDescriptor *d = avcodec_descriptor_get(par->codec_id)) {
        s.codec = QString::fromLatin1(d->name);
        s.codecLong = fromUtf8(d->long_name);
    } else {
        char tag[AV_FOURCC_MAX_STRING_SIZE] = {};
        s.codec = QStringLiteral("unknown");
        s.codecLong = QStringLiteral("unknown codec (tag %1)")
                          .arg(QString::fromLatin1(av_fourcc_make_string(tag, par->codec_tag)));
    }
    s.profile = fromUtf8(avcodec_profile_name(par->codec_id, par->profile));
    s.bitrateBps = par->bit_rate;
    s.durationSeconds = st->duration != AV_NOPTS_VALUE ? seconds(st->duration, st->time_base)
                                                        : durationTagSeconds(st->metadata);
    if (const AVDictionaryEntry *lang = av_dict_get(st->metadata, "language", nullptr, 0))
        s.language = QString::fromUtf8(lang->value);
    s.isDefault = (st->disposition & AV_DISPOSITION_DEFAULT) != 0;
    if (par->codec_type == AVMEDIA_TYPE_VIDEO) describeVideo(fmt, st, s);
    if (par->codec_type == AVMEDIA_TYPE_AUDIO) describeAudio(st, s);
    return s;
}

// Returns an opened context with stream info, or nullptr after adding the fatal problem.
av::FormatInputPtr openInput(const QString &path, const ProbeOptions &options, Interrupt &intr,
                             ProbeResult &r)
{
    InputOpenOptions open; // a plain local file only (core/media/InputOpen.h)
    open.interrupt = AVIOInterruptCB{&interruptCallback, &intr};
    open.probeSizeBytes = std::max<int64_t>(options.maxProbeBytes, 32);
    av::FormatInputPtr fmt;
    const int rc = openMediaInput(path, open, &fmt);
    if (rc == AVERROR(ENOMEM)) {
        addProblem(r, problem::Unreadable, Severity::Fatal,
                   QStringLiteral("Out of memory while opening the file; close other work and retry."));
        return nullptr;
    }
    if (rc < 0) {
        const QByteArray head = readHead(path, kHeaderSniffBytes);
        const QString why = av::errorText(rc);
        if (intr.cancel.isCanceled()) {
            addCanceled(r);
        } else if (intr.timedOut) {
            addProblem(r, problem::ProbeTimeout, Severity::Fatal,
                       QStringLiteral("Opening the file took longer than %1 ms; check the disk or "
                                      "network share, or raise the analysis time limit.")
                           .arg(options.maxAnalyzeMs));
        } else if (looksLikeIsoBmff(head)) {
            addProblem(r, problem::Truncated, Severity::Fatal,
                       QStringLiteral("The file is an MP4/MOV whose index (moov) is missing or cut off, "
                                      "so it is truncated or was never finished; copy or export it again (%1).")
                           .arg(why));
        } else if (rc == AVERROR(EIO) || rc == AVERROR(EACCES) || rc == AVERROR(EPERM)) {
            addProblem(r, problem::Unreadable, Severity::Fatal,
                       QStringLiteral("The file could not be read (%1); check the disk and permissions.").arg(why));
        } else if (const AVInputFormat *sniffed = sniffFormat(path, head)) {
            addProblem(r, problem::Unreadable, Severity::Fatal,
                       QStringLiteral("The file looks like %1 but its header could not be read (%2); "
                                      "it is probably damaged.")
                           .arg(fromUtf8(sniffed->long_name), why));
        } else {
            addProblem(r, problem::NotMedia, Severity::Fatal,
                       QStringLiteral("The file is not audio or video that FFmpeg recognises (%1); "
                                      "check that the right file was chosen.").arg(why));
        }
        return nullptr;
    }
    const int info = avformat_find_stream_info(fmt.get(), nullptr);
    if (info < 0 || intr.cancel.isCanceled() || intr.timedOut) {
        if (intr.cancel.isCanceled()) {
            addCanceled(r);
            return nullptr;
        }
        if (intr.timedOut) {
            addProblem(r, problem::ProbeTimeout, Severity::Fatal,
                       QStringLiteral("Analysing the streams took longer than %1 ms; the file may be "
                                      "damaged or on a slow disk.").arg(options.maxAnalyzeMs));
            return nullptr;
        }
        qCDebug(lcProbe) << "stream info incomplete for" << path << av::errorText(info);
    }
    return fmt;
}

// Steps 3 to 6 on an opened file. Returns false when cancelled.
bool analyse(AVFormatContext *fmt, ProbeResult &r, const ProbeOptions &options, Interrupt &intr)
{
    r.container = fromUtf8(fmt->iformat->name);
    r.containerLong = fromUtf8(fmt->iformat->long_name);
    r.bitrateBps = fmt->bit_rate;
    r.startSeconds = fmt->start_time != AV_NOPTS_VALUE ? double(fmt->start_time) / AV_TIME_BASE : 0;
    r.durationSeconds = fmt->duration != AV_NOPTS_VALUE ? double(fmt->duration) / AV_TIME_BASE : 0;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) r.streams.append(describeStream(fmt, fmt->streams[i]));
    if (r.durationSeconds <= 0)
        for (const StreamInfo &s : std::as_const(r.streams))
            r.durationSeconds = std::max(r.durationSeconds, s.durationSeconds);

    checkSampleTables(fmt, r);
    const StreamInfo *video = r.bestVideo();
    const qsizetype videoPos = video ? video - r.streams.constData() : -1;
    intr.restart(options.maxAnalyzeMs);
    const PacketSample sample = samplePackets(fmt, video ? video->index : -1,
                                              std::max(options.vfrSamplePackets, 2), intr);
    if (sample.canceled) return false;
    if (sample.timedOut)
        addProblem(r, problem::ProbeTimeout, Severity::Warning,
                   QStringLiteral("Reading the first video packets took longer than %1 ms; the frame-rate "
                                  "checks were skipped.").arg(options.maxAnalyzeMs));
    if (videoPos >= 0) r.streams[videoPos].variableFrameRate = sample.variableFrameRate;
    if (r.durationSeconds <= 0 && sample.reachedEnd) r.durationSeconds = sample.endSeconds;

    intr.restart(options.maxAnalyzeMs);
    if (!r.hasProblem(QString::fromLatin1(problem::Truncated)) && !checkReachesEnd(fmt, r, intr))
        return false;
    if (!r.hasProblem(QString::fromLatin1(problem::Truncated))) applyPolicy(r, sample, options);
    return true;
}

} // namespace

ProbeResult probe(const QString &path, const ProbeOptions &options, const CancelToken &cancel)
{
    ProbeResult r;
    const QFileInfo fi(path);
    r.path = fi.absoluteFilePath();
    if (!fi.exists()) {
        addProblem(r, problem::NotFound, Severity::Fatal,
                   QStringLiteral("The file does not exist; check the path and that the disk is mounted."));
        return r;
    }
    if (!fi.isFile()) {
        addProblem(r, problem::NotAFile, Severity::Fatal,
                   fi.isDir() ? QStringLiteral("The path is a folder, not a media file; pick the files inside it.")
                              : QStringLiteral("The path is not a regular file (device, pipe or socket)."));
        return r;
    }
    r.sizeBytes = fi.size();
    if (!fi.isReadable()) {
        addProblem(r, problem::Unreadable, Severity::Fatal,
                   QStringLiteral("The file cannot be read; check its permissions."));
        return r;
    }
    if (r.sizeBytes == 0) {
        addProblem(r, problem::EmptyFile, Severity::Fatal,
                   QStringLiteral("The file is empty (0 bytes); copy or export it again."));
        return r;
    }
    if (cancel.isCanceled()) {
        addCanceled(r);
        return r;
    }

    Interrupt intr{cancel, {}, false}; // declared before fmt: outlives it
    intr.restart(options.maxAnalyzeMs);
    av::FormatInputPtr fmt = openInput(r.path, options, intr, r);
    if (fmt && !analyse(fmt.get(), r, options, intr)) {
        addCanceled(r);
        return r;
    }
    fmt.reset();

    if (options.hash == HashMode::Compute) {
        Result<QString> digest = sha256File(r.path, cancel);
        if (digest) {
            r.sha256 = digest.value();
        } else if (cancel.isCanceled()) {
            addCanceled(r);
        } else {
            addProblem(r, problem::Unreadable, Severity::Fatal, digest.error().message);
        }
    }
    return r;
}

} // namespace rendition
