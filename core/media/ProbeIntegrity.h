#pragma once
// Internal to the probe (core/media/Probe*.cpp). Bounded reads of an opened container that
// check it is whole and sample its timing: ISO-BMFF boxes and sample tables against the file
// size (step 4), the first video packets for variable frame rate (step 5) and the media
// against the duration the header declares (step 5b). Reads never decode. Each check adds
// its problems to the ProbeResult it is given; reads stop when `Interrupt` says so.

#include "core/media/Probe.h"

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <chrono>

namespace rendition::detail {

using Clock = std::chrono::steady_clock;

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

// FFmpeg's AVIOInterruptCB: `opaque` is the Interrupt. Non-zero once cancelled or past the deadline.
int interruptCallback(void *opaque);

// `ts` in seconds; 0 for AV_NOPTS_VALUE.
double seconds(int64_t ts, AVRational tb);

// What step 5 learned from the first packets of the main video stream.
struct PacketSample {
    int videoPackets = 0;
    bool reachedEnd = false;
    bool timedOut = false;
    bool canceled = false;
    bool variableFrameRate = false;
    double endSeconds = 0; // largest pts + duration seen in the main video stream
};

// Step 4, ISO-BMFF only: a top-level box or a sample past the end of the file → fatal "truncated".
void checkSampleTables(AVFormatContext *fmt, ProbeResult &r);

// Step 5: reads (without decoding) up to `maxPackets` packets of `videoIndex`; the other
// streams are discarded. `videoIndex` -1 reads nothing.
PacketSample samplePackets(AVFormatContext *fmt, int videoIndex, int maxPackets, Interrupt &intr);

// Media still has to reach the duration its header declares (Matroska, WebM, MXF, MP3 with a
// Xing header...): seek near that end and read what is there. MP4/MOV are covered by their
// sample tables. Returns false when cancelled; a timeout leaves the question open.
bool checkReachesEnd(AVFormatContext *fmt, ProbeResult &r, Interrupt &intr);

} // namespace rendition::detail
