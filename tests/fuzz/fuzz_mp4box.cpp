// Fuzz target: the ISO-BMFF box reader (core/media/cenc/Box) and the PSSH parser (Pssh).
// Invariants: scanBoxes' spans tile the input inside its bounds; a parsed tree serialises to
// bytes that parse again and serialise identically (sizes recomputed, nothing lost), whose
// length is the sum of the boxes' size(); every 'pssh' box found parses or fails cleanly.

#include "tests/fuzz/FuzzSupport.h"

#include "core/media/cenc/Box.h"
#include "core/media/cenc/Pssh.h"

using namespace rendition;
using namespace rendition::cenc;

namespace {

void visitPssh(const Box &box)
{
    if (box.type == fourcc("pssh")) {
        const Result<PsshInfo> info = parsePssh(box.serialize());
        FUZZ_CHECK(info.ok() || !info.error().message.isEmpty());
    }
    for (const Box &child : box.children)
        visitPssh(child);
}

QByteArray serializeAll(const std::vector<Box> &boxes, qint64 &sizeSum)
{
    QByteArray out;
    sizeSum = 0;
    for (const Box &box : boxes) {
        box.appendTo(out);
        sizeSum += box.size();
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));

    const Result<std::vector<BoxSpan>> spans = scanBoxes(input);
    if (spans.ok()) {
        qint64 at = 0;
        for (const BoxSpan &span : *spans) {
            FUZZ_CHECK(span.offset == at);
            FUZZ_CHECK(span.size >= span.headerSize);
            FUZZ_CHECK(span.end() <= qint64(size));
            at = span.end();
        }
        FUZZ_CHECK(at == qint64(size));
    }

    const Result<PsshInfo> pssh = parsePssh(input);
    FUZZ_CHECK(pssh.ok() || !pssh.error().code.isEmpty());

    const Result<std::vector<Box>> boxes = parseBoxes(input);
    if (!boxes.ok()) {
        FUZZ_CHECK(!boxes.error().message.isEmpty());
        return 0;
    }
    FUZZ_CHECK(spans.ok());
    for (const Box &box : *boxes)
        visitPssh(box);
    qint64 sizeSum = 0;
    const QByteArray written = serializeAll(*boxes, sizeSum);
    FUZZ_CHECK(sizeSum == written.size());
    const Result<std::vector<Box>> again = parseBoxes(written);
    FUZZ_CHECK(again.ok());
    qint64 againSum = 0;
    FUZZ_CHECK(serializeAll(*again, againSum) == written);
    return 0;
}
