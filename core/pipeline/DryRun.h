#pragma once
// Dry run: what a preset would make of one source, without encoding anything — the planned
// renditions (planLadder), the skipped rungs and why, the encoder each rung would use
// (EncoderSelector, hardware probed and fallback stated), and ESTIMATES of the output size and
// of the wall-clock time. Used by the preset editor's dry-run view; widget-free and testable.
//
// Size model (bytes include a container overhead: 2 % for fMP4/MP4, 6 % for MPEG-TS):
//   vbr, cbr    target bitrate × duration (rate control holds the average to the target).
//   crf         bits-per-pixel heuristic for typical live-action content:
//                 bpp = refBpp(codec) × 2^((refCrf − crf) / crfPerDoubling) × (1920·1080 / pixels)^0.25
//               with h264 (crf 23, 0.080 bpp, ×2 every 6), hevc (crf 28, 0.045 bpp, ×2 every 6),
//               av1 (crf 35, 0.035 bpp, ×2 every 8); smaller pictures need more bits per pixel,
//               hence the fourth-root term. Screen recordings come out smaller, grain larger.
//   capped_crf  the crf estimate, limited to max_kbps.
//   audio       each audio rendition's bitrate × duration (only when the source has audio).
// Time model: every rung is encoded from ONE decode; software rungs share the CPU, hardware
// rungs run on the device concurrently with them:
//   time = decode + max(Σ software work / (rate × cores), Σ hardware work / hwRate)
//   work = output pixels × frames; rate per core = 20 Mpx/s (x264 "medium") × codec factor ×
//   speed factor (tables in DryRun.cpp: libx265 0.12×, SVT-AV1 by preset, libaom 0.03×);
//   hardware encoders 250 Mpx/s; decode 400 Mpx/s across the machine.
// These are rough figures for planning, not measurements; the UI says so.
//
// Thread: every function here may run on any thread. dryRunFile() probes the file (no
// checksum) and, for rungs asking for "auto" or a hardware encoder, probes that encoder
// by encoding a few frames (cached per process): run it off the GUI thread.

#include "core/media/EncoderSelector.h"
#include "core/model/Preset.h"
#include "core/model/ProbeResult.h"
#include "core/pipeline/LadderPlan.h"
#include "core/util/Progress.h"

#include <functional>

namespace rendition {

struct RungEstimate {
    PlannedRung planned;            // the rung, its output size and folder
    EncoderChoice encoder;          // what would encode it (with the hardware fallback reason)
    double frameRate = 0;           // output frames per second (the source's rate)
    double videoKbps = 0;           // estimated average video bitrate
    bool bitrateFromPreset = false; // true: the vbr/cbr target; false: the crf heuristic
    qint64 estimatedBytes = 0;      // video track, container overhead included
    double estimatedSeconds = 0;    // this rung's share of the asset's wall-clock time
};

struct AudioEstimate {
    QString name;
    int bitrateKbps = 0;
    qint64 estimatedBytes = 0;
};

struct DryRunResult {
    QString sourcePath;
    Error error; // code empty when the source could be planned
    double durationSeconds = 0;
    int sourceWidth = 0; // display size (square pixels)
    int sourceHeight = 0;
    double sourceFrameRate = 0;
    QList<RungEstimate> rungs;
    QList<SkippedRung> skipped;
    QList<AudioEstimate> audio;  // empty when the source has no audio or the preset none
    double decodeSeconds = 0;    // part of estimatedSeconds
    qint64 estimatedBytes = 0;   // every rendition together
    double estimatedSeconds = 0; // the whole asset, wall clock

    bool ok() const { return error.code.isEmpty(); }
};

// Picks the encoder for a rung; the default is chooseEncoder() (probes hardware, cached).
using EncoderResolver = std::function<EncoderChoice(VideoCodec codec, const QString &preference)>;

struct DryRunOptions {
    int cpuThreads = 0;             // cores the encoders share; 0 = QThread::idealThreadCount()
    EncoderResolver resolveEncoder; // empty = chooseEncoder
};

// Average kbps the crf heuristic expects for `codec` at `crf` and this output (see above).
double estimateCrfKbps(VideoCodec codec, int crf, int width, int height, double frameRate);
// Estimated average video kbps for a rung's rate control at this output size.
double estimateRungKbps(const RateControl &rc, VideoCodec codec, int width, int height, double frameRate);
// Encoding rate in output pixels per second: per core for software encoders, per device
// session for hardware ones. `speed` is the rung's speed ("" = the encoder's default).
double encodePixelsPerSecond(const EncoderChoice &encoder, VideoCodec codec, const QString &speed);

// Plans and estimates from an existing probe. A probe with a fatal problem gives an error
// result (ProbeResult::rejection(): code "ingest.<problem>", the fatal messages, the file).
DryRunResult estimateDryRun(const Preset &preset, const ProbeResult &probe, const DryRunOptions &options = {});

// Probes `path` (no checksum) and estimates. Cancel gives an error result with code "canceled".
DryRunResult dryRunFile(const QString &path, const Preset &preset, const DryRunOptions &options = {},
                        const CancelToken &cancel = {});

} // namespace rendition
