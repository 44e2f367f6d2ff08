#pragma once
// Internal to the probe (core/media/Probe*.cpp). How problems are recorded, and the policy
// (step 6) that classifies what was learned about the streams into ProbeProblems: no audio
// or video, codecs this FFmpeg cannot decode, picture size, frame rate, interlacing and
// missing playing time.

#include "core/media/Probe.h"

namespace rendition::detail {

struct PacketSample;

// Appends a problem with a stable code (problem::*); `streamIndex` -1 means the whole file.
void addProblem(ProbeResult &r, const char *code, Severity severity, const QString &message,
                int streamIndex = -1);

// Step 6: turns the described streams and the packet sample into problems (fatal or warning).
void applyPolicy(ProbeResult &r, const PacketSample &sample, const ProbeOptions &options);

} // namespace rendition::detail
