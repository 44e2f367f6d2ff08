// Fuzz target: content-key inputs (core/media/cenc/Keys): the "KID:KEY" key file and CPIX
// documents, both fed the same bytes.
// Invariants: a success has at least one key and no duplicate KID; a failure has a code of its
// family (cenc.keyfile_* / cenc.cpix_*) and a message; a key file error never quotes the text
// after a ':' on any line (that is where key material sits), checked for texts of 16+ characters.

#include "tests/fuzz/FuzzSupport.h"

#include "core/media/cenc/Keys.h"

#include <QSet>

using namespace rendition;
using namespace rendition::cenc;

namespace {

void checkKeys(const QList<ContentKey> &keys)
{
    FUZZ_CHECK(!keys.isEmpty());
    QSet<QByteArray> kids;
    for (const ContentKey &key : keys)
        kids.insert(QByteArray(reinterpret_cast<const char *>(key.kid.data()), qsizetype(key.kid.size())));
    FUZZ_CHECK(kids.size() == keys.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text = fuzz::bytesOf(data, size);

    const Result<QList<ContentKey>> keyFile = parseKeyFile(text, QStringLiteral("keys.txt"));
    if (keyFile.ok()) {
        checkKeys(*keyFile);
    } else {
        FUZZ_CHECK(keyFile.error().code.startsWith(QLatin1String("cenc.keyfile_")));
        FUZZ_CHECK(!keyFile.error().message.isEmpty());
        const QString shown = keyFile.error().toString();
        for (const QByteArray &line : text.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0) continue;
            const QString secret = QString::fromUtf8(line.mid(colon + 1)).trimmed();
            if (secret.size() >= 16) FUZZ_CHECK(!shown.contains(secret));
        }
    }

    const Result<QList<ContentKey>> cpix = parseCpix(text, QStringLiteral("keys.cpix"));
    if (cpix.ok()) {
        checkKeys(*cpix);
    } else {
        FUZZ_CHECK(cpix.error().code.startsWith(QLatin1String("cenc.cpix_")));
        FUZZ_CHECK(!cpix.error().message.isEmpty());
    }
    return 0;
}
