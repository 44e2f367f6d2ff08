#pragma once
// Probe / ingest validation of one file. Never crashes or hangs on bad input:
// the open and stream analysis are bounded in time and bytes read, and every
// problem ends up in ProbeResult::problems with a stable code.
// Thread-safe: probe() may run concurrently on different files.

#include "core/model/ProbeResult.h"
#include "core/util/Progress.h"

#include <QString>

namespace rendition {

enum class HashMode { Invalid = 0, Skip, Compute };

struct ProbeOptions {
    HashMode hash = HashMode::Compute;
    int maxAnalyzeMs = 5000;           // wall-clock bound for open + stream info
    qint64 maxProbeBytes = 64ll << 20; // bound on bytes read while analysing
    int vfrSamplePackets = 240;        // video packets inspected to detect variable frame rate
    int maxDimension = 8192;           // larger width/height → dimensions_out_of_range
};

// Probes `path`. Always returns a ProbeResult; problems describe anything wrong.
// Cancel aborts the hash and the analysis (the result then has a fatal "unreadable").
ProbeResult probe(const QString &path, const ProbeOptions &options = {},
                  const CancelToken &cancel = {});

// SHA-256 of a file, streamed in large blocks (disk speed). Lowercase hex.
Result<QString> sha256File(const QString &path, const CancelToken &cancel = {});

} // namespace rendition
