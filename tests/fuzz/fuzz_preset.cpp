// Fuzz target: preset JSON (parsePreset / validatePreset, core/model/Preset*).
// Invariants: parsing succeeds exactly when validation finds no issue; every issue has a
// message; a parsed preset's canonical JSON validates and parses back to the same bytes.

#include "tests/fuzz/FuzzSupport.h"

#include "core/model/Preset.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace rendition;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytesOf(data, size);
    QList<PresetIssue> issues;
    const Result<Preset> preset = parsePreset(text, &issues);
    for (const PresetIssue &issue : std::as_const(issues))
        FUZZ_CHECK(!issue.message.isEmpty());

    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (doc.isObject()) FUZZ_CHECK(validatePreset(doc.object()).isEmpty() == preset.ok());
    if (!preset.ok()) {
        FUZZ_CHECK(!preset.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(validatePreset(preset->toJson()).isEmpty());
    const QByteArray canonical = preset->canonicalJson();
    const Result<Preset> again = parsePreset(canonical);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->canonicalJson() == canonical);
    return 0;
}
