#pragma once
// Writers that turn one encoder's packets into packaged files on disk.
//
//  - Fmp4TrackWriter: CMAF (cmfc) fragmented MP4, init.mp4 + one fragment per segment
//    file (seg_00001.m4s ...). One track per writer.
//  - TsTrackWriter:   MPEG-TS segments (seg_00001.ts ...), each self-contained (PAT/PMT first).
//  - ProgressiveMp4:  one self-contained MP4 with several tracks (editing proxies).
//
// Contract: open() once after the encoder is open, then write() packets in the encoder's
// time base, in decode order; `segmentStart` marks the first packet of a new segment
// (a keyframe for video). finish() flushes and returns what was written. A writer is
// driven by a single thread, except ProgressiveMp4 which serialises its tracks itself.

#include "core/media/FFmpegPtr.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

namespace rendition {

struct SegmentRecord {
    QString file;          // relative to the track's directory
    qint64 startPts = 0;   // earliest presentation time, in TrackRecord::timeBase
    qint64 durationTs = 0; // up to the next segment's start (last: to the end of its last sample)
    qint64 bytes = 0;
};

struct TrackRecord {
    QString dir;           // absolute directory of the files
    QString initFile;      // "init.mp4" for fMP4, empty otherwise
    QByteArray initBytes;  // the init segment itself (codec strings are read from it)
    AVRational timeBase{1, 1};
    QList<SegmentRecord> segments;
    qint64 totalBytes = 0; // media bytes (segments only)
    qint64 packets = 0;

    double durationSeconds() const;
    double averageBitrateBps() const;      // total media bits / duration
    double peakSegmentBitrateBps() const;  // max over segments of bits / segment duration
};

class TrackWriter {
public:
    virtual ~TrackWriter() = default;
    virtual Status open(const AVCodecContext *encoder) = 0;
    virtual Status write(AVPacket *packet, bool segmentStart) = 0;
    virtual Result<TrackRecord> finish() = 0;
};

std::unique_ptr<TrackWriter> makeFmp4TrackWriter(const QString &dir);
std::unique_ptr<TrackWriter> makeTsTrackWriter(const QString &dir);

// One MP4 file holding several tracks. addTrack() for each encoder, then start(), then
// write from any thread (serialised and interleaved inside), then finish().
class ProgressiveMp4 {
public:
    explicit ProgressiveMp4(QString path);
    ~ProgressiveMp4();
    Result<int> addTrack(const AVCodecContext *encoder);
    Status start();
    Status write(int track, AVPacket *packet);
    Status finish();
    QString path() const { return m_path; }

private:
    QString m_path;
    QMutex m_mutex;
    av::FormatOutputPtr m_ctx;
    QList<AVRational> m_encoderTimeBases;
    bool m_started = false;
};

} // namespace rendition
