#pragma once
// Builds the QC stage's input from what the transcoder produced (files on disk, targets,
// measured bitrates, the package's start offset) and the preset's loudness policy.

#include "core/pipeline/QcRunner.h"
#include "core/pipeline/Transcoder.h"

namespace rendition {

QcInput qcInputFor(const TranscodeJob &job, const TranscodeResult &result);

} // namespace rendition
