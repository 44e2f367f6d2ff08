// Fuzz target: the CENC rewriter (core/media/cenc/CencEncryptor) on a fragmented MP4.
// The input is what a clear CMAF track looks like on disk when its files are concatenated:
// init (ftyp + moov) followed by the media segments ([styp] [sidx] moof + mdat ...). It is split
// before the first top-level styp/sidx/moof; the first part goes to encryptInit(), the rest, when
// the init was accepted, to encryptSegment(). Fixed key and IV base: deterministic.
// Invariants: a failure has a cenc.* code and a message; a success is a top-level box sequence of
// at least the input's size (encryption only adds boxes) that parses all the way down whenever the
// input did, and the same segment encrypts to the same bytes twice (encryptSegment is const).

#include "tests/fuzz/FuzzSupport.h"

#include "core/media/cenc/Box.h"
#include "core/media/cenc/CencEncryptor.h"
#include "core/media/cenc/Pssh.h"

using namespace rendition;
using namespace rendition::cenc;

namespace {

qsizetype firstSegmentOffset(QByteArrayView input)
{
    const Result<std::vector<BoxSpan>> spans = scanBoxes(input);
    if (!spans.ok()) return input.size();
    for (const BoxSpan &span : *spans) {
        if (span.type == fourcc("styp") || span.type == fourcc("sidx") || span.type == fourcc("moof"))
            return qsizetype(span.offset);
    }
    return input.size();
}

void checkFailure(const Error &error)
{
    FUZZ_CHECK(error.code.startsWith(QLatin1String("cenc.")));
    FUZZ_CHECK(!error.message.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = firstSegmentOffset(input);

    CencOptions options;
    for (int i = 0; i < 16; ++i) {
        options.key.kid[i] = quint8(0x10 + i);
        options.key.key[i] = quint8(0xa0 + i);
    }
    options.psshBoxes = {makeCommonPssh({options.key.kid})};
    options.ivBase = 0x0123456789abcdefull;
    CencEncryptor encryptor(options);

    const Result<QByteArray> init = encryptor.encryptInit(input.first(split));
    if (!init.ok()) {
        checkFailure(init.error());
        return 0;
    }
    FUZZ_CHECK(encryptor.isInitialized());
    FUZZ_CHECK(init->size() >= split);
    const Result<std::vector<Box>> initBoxes = parseBoxes(*init);
    if (!initBoxes.ok() && parseBoxes(input.first(split)).ok())
        std::fprintf(stderr, "encrypted init does not parse: %s\n", qPrintable(initBoxes.error().toString()));
    FUZZ_CHECK(initBoxes.ok() || !parseBoxes(input.first(split)).ok());
    if (split == input.size()) return 0;

    const QByteArrayView segment = input.sliced(split);
    const Result<QByteArray> encrypted = encryptor.encryptSegment(segment, {1, QStringLiteral("seg_00001.m4s")});
    if (!encrypted.ok()) {
        checkFailure(encrypted.error());
        return 0;
    }
    FUZZ_CHECK(encrypted->size() >= segment.size());
    // The encryptor rewrites moofs only; other boxes pass through as they are, nested junk included.
    const Result<std::vector<Box>> reparsed = parseBoxes(*encrypted);
    if (!reparsed.ok() && parseBoxes(segment).ok())
        std::fprintf(stderr, "encrypted segment does not parse: %s\n", qPrintable(reparsed.error().toString()));
    FUZZ_CHECK(reparsed.ok() || !parseBoxes(segment).ok());
    FUZZ_CHECK(scanBoxes(*encrypted).ok());
    const Result<QByteArray> twice = encryptor.encryptSegment(segment, {1, QStringLiteral("seg_00001.m4s")});
    FUZZ_CHECK(twice.ok() && *twice == *encrypted);
    return 0;
}
