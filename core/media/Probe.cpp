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

#include "media/Probe.h"

#include "media/FFmpegPtr.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/dict.h>
#include <libavutil/pixdesc.h>
}

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtEndian>

#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

namespace rendition {

namespace {

Q_LOGGING_CATEGORY(lcProbe, "rendition.probe")

using Clock = std::chrono::steady_clock;

constexpr qint64 kHashBlockBytes = 4 << 20;
constexpr int kMinDimension = 16;
constexpr int kMaxReorderDepth = 16;          // H.264/HEVC never reorder more frames than this
constexpr double kVfrRelativeTolerance = 0.05; // frame-duration spread allowed, relative to median
constexpr int kVfrMinTicks = 2;                // ... and in time-base ticks (rounding jitter)
constexpr int kVfrMinDeviants = 2;             // frame durations off the median needed to call it VFR
constexpr double kVfrMinDeviantRatio = 0.02;   // ... and as a fraction of the durations sampled
constexpr int kHeaderSniffBytes = 64 * 1024;
constexpr double kTailSeconds = 3.0;           // how far before the declared end the tail check seeks
constexpr double kTailToleranceSeconds = 0.5;  // media may end this much before the declared duration
constexpr double kTailToleranceRatio = 0.02;   // ... or this fraction of it, whichever is larger
constexpr int kMaxTopLevelBoxes = 200000;      // fragmented MP4: two boxes per fragment

// Shared with FFmpeg's interrupt callback. Must outlive the format context that points at it,
// so it is always declared before the FormatInputPtr.
struct Interrupt {
    CancelToken cancel;
    Clock::time_point deadline;
    bool timedOut = false;

    void restart(int budgetMs)
    {
        deadline = Clock::now() + std::chrono::milliseconds(std::max(0, budgetMs));
        timedOut = false;
    }
};

int interruptCallback(void *opaque)
{
    auto *state = static_cast<Interrupt *>(opaque);
    if (state->cancel.isCanceled()) return 1;
    if (Clock::now() >= state->deadline) {
        state->timedOut = true;
        return 1;
    }
    return 0;
}

struct DigestDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};

void addProblem(ProbeResult &r, const char *code, Severity severity, const QString &message,
                int streamIndex = -1)
{
    r.problems.append(ProbeProblem{QString::fromLatin1(code), message, severity, streamIndex});
}

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

double seconds(int64_t ts, AVRational tb) { return ts == AV_NOPTS_VALUE ? 0.0 : ts * av_q2d(tb); }

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

bool isIsoBmffFormat(const AVFormatContext *fmt) { return std::strncmp(fmt->iformat->name, "mov,", 4) == 0; }

// Walks the top-level boxes: one whose declared size runs past EOF means a cut file.
// Returns the type of that box, or an empty string when every box fits.
QByteArray boxPastEnd(const QString &path, qint64 fileSize)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    qint64 offset = 0;
    for (int boxes = 0; offset < fileSize && boxes < kMaxTopLevelBoxes; ++boxes) {
        if (!f.seek(offset)) return {};
        const QByteArray header = f.read(16);
        if (header.size() < 8) return QByteArrayLiteral("(box header)");
        qint64 size = qFromBigEndian<quint32>(header.constData());
        if (size == 1 && header.size() == 16) size = qint64(qFromBigEndian<quint64>(header.constData() + 8));
        if (size < 8) return {}; // 0: "extends to the end of the file"; below 8: nothing we can judge
        if (offset + size > fileSize) return header.mid(4, 4);
        offset += size;
    }
    return {};
}

// ISO-BMFF keeps every sample's offset and size in the moov: boxes or samples past EOF mean a cut file.
void checkSampleTables(AVFormatContext *fmt, ProbeResult &r)
{
    if (!isIsoBmffFormat(fmt)) return;
    if (const QByteArray box = boxPastEnd(r.path, r.sizeBytes); !box.isEmpty()) {
        addProblem(r, problem::Truncated, Severity::Fatal,
                   QStringLiteral("The file is truncated: its '%1' box runs past the end of the file; copy "
                                  "or export it again.").arg(QString::fromLatin1(box)));
        return;
    }
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
        AVStream *st = fmt->streams[i];
        const int count = avformat_index_get_entries_count(st);
        int64_t end = 0;
        int missing = 0;
        for (int e = 0; e < count; ++e) {
            const AVIndexEntry *entry = avformat_index_get_entry(st, e);
            if (!entry) continue;
            end = std::max(end, entry->pos + entry->size);
            if (entry->pos + entry->size > r.sizeBytes) ++missing;
        }
        if (missing > 0) {
            addProblem(r, problem::Truncated, Severity::Fatal,
                       QStringLiteral("The file is truncated: %1 of %2 samples of stream %3 lie beyond its "
                                      "end (%4 of %5 bytes present); copy or export it again.")
                           .arg(missing).arg(count).arg(i).arg(r.sizeBytes).arg(end),
                       int(i));
            return; // one truncation report per file is enough
        }
    }
}

struct PacketSample {
    int videoPackets = 0;
    bool reachedEnd = false;
    bool timedOut = false;
    bool canceled = false;
    bool variableFrameRate = false;
    double endSeconds = 0; // largest pts + duration seen in the main video stream
};

bool variableDurations(std::vector<int64_t> pts, int64_t lastDts, bool dtsUsable)
{
    std::sort(pts.begin(), pts.end());
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    // Frames not yet read may still fill gaps at the top of the range (reordering): with decode
    // timestamps every pts below the last dts is complete; otherwise drop the reorder window.
    if (dtsUsable)
        pts.erase(std::lower_bound(pts.begin(), pts.end(), lastDts), pts.end());
    else
        pts.resize(pts.size() > size_t(kMaxReorderDepth) ? pts.size() - kMaxReorderDepth : 0);
    if (pts.size() < 3) return false;
    std::vector<int64_t> deltas;
    for (size_t i = 1; i < pts.size(); ++i) deltas.push_back(pts[i] - pts[i - 1]);
    std::vector<int64_t> sorted = deltas;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double median = double(sorted[sorted.size() / 2]);
    const double tolerance = std::max(double(kVfrMinTicks), kVfrRelativeTolerance * median);
    // A lone odd frame (fragmented-MP4 first sample, one dropped frame) does not make a file VFR.
    const auto deviants = std::count_if(deltas.begin(), deltas.end(),
                                        [&](int64_t d) { return std::abs(double(d) - median) > tolerance; });
    return deviants >= std::max<qsizetype>(kVfrMinDeviants, qsizetype(kVfrMinDeviantRatio * deltas.size()));
}

// Reads (without decoding) packets of `videoIndex` only; the other streams are discarded.
PacketSample samplePackets(AVFormatContext *fmt, int videoIndex, int maxPackets, Interrupt &intr)
{
    PacketSample sample;
    if (videoIndex < 0) return sample;
    for (unsigned i = 0; i < fmt->nb_streams; ++i)
        fmt->streams[i]->discard = int(i) == videoIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    const AVStream *st = fmt->streams[videoIndex];
    av::PacketPtr pkt = av::makePacket();
    std::vector<int64_t> pts;
    int64_t lastDts = AV_NOPTS_VALUE;
    bool dtsUsable = true;
    int64_t endTs = AV_NOPTS_VALUE;
    while (pkt && sample.videoPackets < maxPackets) {
        const int rc = av_read_frame(fmt, pkt.get());
        if (rc < 0) {
            sample.canceled = intr.cancel.isCanceled();
            sample.timedOut = !sample.canceled && intr.timedOut;
            sample.reachedEnd = rc == AVERROR_EOF || (!sample.canceled && !sample.timedOut);
            break;
        }
        if (pkt->stream_index == videoIndex) {
            ++sample.videoPackets;
            if (pkt->pts != AV_NOPTS_VALUE) {
                pts.push_back(pkt->pts);
                endTs = std::max(endTs, pkt->pts + pkt->duration);
            }
            if (pkt->dts == AV_NOPTS_VALUE || (pkt->pts != AV_NOPTS_VALUE && pkt->dts > pkt->pts))
                dtsUsable = false;
            else
                lastDts = pkt->dts;
        }
        av_packet_unref(pkt.get());
    }
    sample.variableFrameRate = variableDurations(std::move(pts), lastDts, dtsUsable);
    if (endTs != AV_NOPTS_VALUE) sample.endSeconds = seconds(endTs, st->time_base);
    return sample;
}

// Returns an opened context with stream info, or nullptr after adding the fatal problem.
av::FormatInputPtr openInput(const QString &path, const ProbeOptions &options, Interrupt &intr,
                             ProbeResult &r)
{
    AVFormatContext *raw = avformat_alloc_context(); // owned by avformat_open_input from here on
    if (!raw) {
        addProblem(r, problem::Unreadable, Severity::Fatal,
                   QStringLiteral("Out of memory while opening the file; close other work and retry."));
        return nullptr;
    }
    raw->interrupt_callback = AVIOInterruptCB{&interruptCallback, &intr};
    raw->probesize = std::max<int64_t>(options.maxProbeBytes, 32);
    raw->protocol_whitelist = av_strdup("file"); // freed with the context; no nested http/concat
    // "file:" so that names such as "concat:a|b" or "http:..." can never select another protocol.
    const QByteArray url = "file:" + QFile::encodeName(path);
    const int rc = avformat_open_input(&raw, url.constData(), nullptr, nullptr); // frees raw on failure
    av::FormatInputPtr fmt(raw);
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

bool isDecodable(const StreamInfo &s)
{
    const AVCodecDescriptor *d = avcodec_descriptor_get_by_name(s.codec.toLatin1().constData());
    return d && avcodec_find_decoder(d->id) != nullptr;
}

// Turns what was learned into problems (step 6).
void applyPolicy(ProbeResult &r, const PacketSample &sample, const ProbeOptions &options)
{
    int videos = 0, decodableVideos = 0, audios = 0, decodableAudios = 0;
    for (const StreamInfo &s : std::as_const(r.streams)) {
        const bool decodable = isDecodable(s);
        if (s.type == u"video" && !s.attachedPicture) {
            ++videos;
            decodableVideos += decodable;
        } else if (s.type == u"audio") {
            ++audios;
            decodableAudios += decodable;
        }
    }
    if (videos == 0 && audios == 0) {
        addProblem(r, problem::NotMedia, Severity::Fatal,
                   r.streams.isEmpty()
                       ? QStringLiteral("The file contains no streams at all; check that the export finished.")
                       : QStringLiteral("The file has no audio or video stream (only subtitles or data); "
                                        "choose the file that holds the picture and sound."));
        return;
    }
    if (videos == 0)
        addProblem(r, problem::NoVideoStream, Severity::Warning,
                   QStringLiteral("The file has no video stream; only audio renditions can be made from it."));
    if (audios == 0)
        addProblem(r, problem::NoAudioStream, Severity::Warning,
                   QStringLiteral("The file has no audio stream; the output will be silent."));

    for (const StreamInfo &s : std::as_const(r.streams)) {
        const bool av = (s.type == u"video" && !s.attachedPicture) || s.type == u"audio";
        if (!av || isDecodable(s)) continue;
        const bool fatal = s.type == u"video" ? decodableVideos == 0 : (decodableAudios == 0 && decodableVideos == 0);
        addProblem(r, problem::UnsupportedCodec, fatal ? Severity::Fatal : Severity::Warning,
                   QStringLiteral("Stream %1 uses %2, which this build of FFmpeg cannot decode; "
                                  "re-export it with a common codec such as H.264 or AAC.")
                       .arg(s.index).arg(s.codecLong),
                   s.index);
    }

    if (const StreamInfo *v = r.bestVideo()) {
        if (v->width < kMinDimension || v->height < kMinDimension || v->width > options.maxDimension ||
            v->height > options.maxDimension)
            addProblem(r, problem::DimensionsOutOfRange, Severity::Fatal,
                       QStringLiteral("The picture size %1x%2 is outside the supported range of %3 to %4 "
                                      "pixels per side.")
                           .arg(v->width).arg(v->height).arg(kMinDimension).arg(options.maxDimension),
                       v->index);
        else if (v->width % 2 || v->height % 2)
            addProblem(r, problem::OddDimensions, Severity::Warning,
                       QStringLiteral("The picture size %1x%2 is odd; renditions will be cropped or scaled "
                                      "to even sizes.").arg(v->width).arg(v->height),
                       v->index);
        if (v->variableFrameRate)
            addProblem(r, problem::VariableFrameRate, Severity::Warning,
                       QStringLiteral("The video has a variable frame rate; it will be converted to a "
                                      "constant rate, which can drop or repeat frames."),
                       v->index);
        if (v->isInterlaced())
            addProblem(r, problem::Interlaced, Severity::Warning,
                       QStringLiteral("The video is interlaced (field order %1); it will be deinterlaced.")
                           .arg(v->fieldOrder),
                       v->index);
    }

    const bool durationUnknown = r.durationSeconds <= 0 && !sample.reachedEnd;
    const bool singleFrame = r.bestVideo() && audios == 0 && sample.reachedEnd && sample.videoPackets <= 1;
    if ((r.durationSeconds <= 0 && !durationUnknown) || singleFrame)
        addProblem(r, problem::ZeroDuration, Severity::Fatal,
                   singleFrame ? QStringLiteral("The file holds a single video frame and no audio, so it has "
                                                "no playing time; supply a clip instead of a still.")
                               : QStringLiteral("The file has no playing time (duration 0); check that the "
                                                "export finished."));
}

// Media still has to reach the duration its header declares (Matroska, WebM, MXF, MP3 with a
// Xing header...): seek near that end and read what is there. MP4/MOV are covered by their
// sample tables. Returns false when cancelled; a timeout leaves the question open.
bool checkReachesEnd(AVFormatContext *fmt, ProbeResult &r, Interrupt &intr)
{
    if (fmt->duration_estimation_method != AVFMT_DURATION_FROM_STREAM || r.durationSeconds <= 0 ||
        isIsoBmffFormat(fmt))
        return true;
    for (unsigned i = 0; i < fmt->nb_streams; ++i) fmt->streams[i]->discard = AVDISCARD_DEFAULT;
    const int64_t start = fmt->start_time == AV_NOPTS_VALUE ? 0 : fmt->start_time;
    const int64_t target = start + int64_t(std::max(0.0, r.durationSeconds - kTailSeconds) * AV_TIME_BASE);
    if (avformat_seek_file(fmt, -1, INT64_MIN, target, target, 0) < 0)
        return !intr.cancel.isCanceled(); // cannot reach the end cheaply: no conclusion
    av::PacketPtr pkt = av::makePacket();
    double endSeconds = 0;
    while (pkt && av_read_frame(fmt, pkt.get()) >= 0) {
        const AVStream *st = fmt->streams[pkt->stream_index];
        if (pkt->pts != AV_NOPTS_VALUE)
            endSeconds = std::max(endSeconds, seconds(pkt->pts + pkt->duration, st->time_base) -
                                                  double(start) / AV_TIME_BASE);
        av_packet_unref(pkt.get());
    }
    if (intr.cancel.isCanceled()) return false;
    const double missing = r.durationSeconds - endSeconds;
    if (!intr.timedOut && missing > std::max(kTailToleranceSeconds, kTailToleranceRatio * r.durationSeconds))
        addProblem(r, problem::Truncated, Severity::Fatal,
                   QStringLiteral("The file is truncated: its media stops at %1 s of the %2 s its header "
                                  "declares; copy or export it again.")
                       .arg(endSeconds, 0, 'f', 2).arg(r.durationSeconds, 0, 'f', 2));
    return true;
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

Result<QString> sha256File(const QString &path, const CancelToken &cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("probe.hash_open"),
                         QStringLiteral("The file could not be opened for hashing (%1).").arg(file.errorString()),
                         path);
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return makeError(QStringLiteral("probe.hash_init"), QStringLiteral("SHA-256 is not available."), path);
    QByteArray block(kHashBlockBytes, Qt::Uninitialized);
    for (;;) {
        if (cancel.isCanceled())
            return makeError(QStringLiteral("probe.canceled"), QStringLiteral("Hashing was cancelled."), path);
        const qint64 n = file.read(block.data(), block.size());
        if (n < 0)
            return makeError(QStringLiteral("probe.hash_read"),
                             QStringLiteral("The file could not be read to the end (%1).").arg(file.errorString()),
                             path);
        if (n == 0) break;
        EVP_DigestUpdate(ctx.get(), block.constData(), size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &len);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(len)).toHex());
}

} // namespace rendition
