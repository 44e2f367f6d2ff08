// Container integrity, truncation and VFR checks of the probe (steps 4, 5 and 5b); see
// ProbeIntegrity.h.

#include "core/media/ProbeIntegrity.h"

#include "core/media/FFmpegPtr.h"
#include "core/media/ProbeRules.h"

#include <QFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <vector>

namespace rendition::detail {

namespace {

constexpr int kMaxReorderDepth = 16;          // H.264/HEVC never reorder more frames than this
constexpr double kVfrRelativeTolerance = 0.05; // frame-duration spread allowed, relative to median
constexpr int kVfrMinTicks = 2;                // ... and in time-base ticks (rounding jitter)
constexpr int kVfrMinDeviants = 2;             // frame durations off the median needed to call it VFR
constexpr double kVfrMinDeviantRatio = 0.02;   // ... and as a fraction of the durations sampled
constexpr double kTailSeconds = 3.0;           // how far before the declared end the tail check seeks
constexpr double kTailToleranceSeconds = 0.5;  // media may end this much before the declared duration
constexpr double kTailToleranceRatio = 0.02;   // ... or this fraction of it, whichever is larger
constexpr int kMaxTopLevelBoxes = 200000;      // fragmented MP4: two boxes per fragment

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

} // namespace

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

double seconds(int64_t ts, AVRational tb) { return ts == AV_NOPTS_VALUE ? 0.0 : ts * av_q2d(tb); }

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

} // namespace rendition::detail
