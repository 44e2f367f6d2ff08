// Fuzz target: the probe (core/media/Probe + ProbeIntegrity + ProbeRules) on mutated media.
// The input is written to a file (Probe opens paths and only allows the file protocol) and
// probed without hashing, with short time and byte bounds. FFmpeg itself is not instrumented
// (Debian's libraries), so coverage guidance comes from our code only.
// Invariants: the result names the file and its size; a file without streams has a fatal
// problem; every problem has a code and a message; the rendition.probe/1 JSON of the result
// reads back to the same JSON.

#include "tests/fuzz/FuzzSupport.h"

#include "core/media/Probe.h"

extern "C" {
#include <libavutil/log.h>
}

using namespace rendition;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const bool quiet = [] {
        av_log_set_level(AV_LOG_QUIET);
        return true;
    }();
    (void)quiet;

    const QString path = fuzz::writeTempFile(QStringLiteral("media.bin"), fuzz::bytesOf(data, size));
    ProbeOptions options;
    options.hash = HashMode::Skip;
    options.maxAnalyzeMs = 1000;
    options.maxProbeBytes = 4 << 20;
    const ProbeResult result = probe(path, options);

    FUZZ_CHECK(result.sizeBytes == qint64(size));
    if (result.streams.isEmpty()) FUZZ_CHECK(result.hasFatal());
    for (const ProbeProblem &problem : result.problems) {
        FUZZ_CHECK(!problem.code.isEmpty());
        FUZZ_CHECK(!problem.message.isEmpty());
    }
    const QJsonObject json = result.toJson();
    const Result<ProbeResult> back = ProbeResult::fromJson(json);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(back->toJson() == json);
    return 0;
}
