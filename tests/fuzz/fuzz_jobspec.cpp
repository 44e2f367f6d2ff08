// Fuzz target: job specs (JobSpec::fromJson, core/model/JobSpec + the preset it embeds).
// Invariants: a parsed spec serialises to JSON that parses back to the same bytes (idempotency
// key still matching); a failure has the code job.invalid and a message.

#include "tests/fuzz/FuzzSupport.h"

#include "core/model/JobSpec.h"

using namespace rendition;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytesOf(data, size);
    QList<PresetIssue> issues;
    const Result<JobSpec> spec = JobSpec::fromJson(text, &issues);
    if (!spec.ok()) {
        FUZZ_CHECK(!spec.error().code.isEmpty());
        FUZZ_CHECK(!spec.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(issues.isEmpty());
    const QByteArray written = spec->toJsonBytes();
    const Result<JobSpec> again = JobSpec::fromJson(written);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->toJsonBytes() == written);
    FUZZ_CHECK(again->idempotencyKey == spec->idempotencyKey);
    (void)spec->source.localPath();
    return 0;
}
