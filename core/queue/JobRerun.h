#pragma once
// Re-running a job with another preset (version): the JobSpec path behind JobStore::rerun()
// and `rendition-cli queue rerun ID --preset P`.

#include "core/model/JobSpec.h"

namespace rendition {

// A new spec for the same source (URI, SHA-256, size) and output root as `previous`, with
// `preset` as its snapshot: fresh UUID, created now, this engine's version and the matching
// idempotency key (computeIdempotencyKey). `preset` must be a parsed (valid) preset.
// Value function: no I/O, any thread.
JobSpec makeRerunSpec(const JobSpec &previous, const Preset &preset);

} // namespace rendition
