// SHA-256 of a whole file for the probe (step 7); declared in Probe.h.

#include "core/media/Probe.h"

#include <QFile>

#include <openssl/evp.h>

#include <memory>

namespace rendition {

namespace {

constexpr qint64 kHashBlockBytes = 4 << 20;

struct DigestDeleter {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};

} // namespace

Result<QString> sha256File(const QString &path, const CancelToken &cancel)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("probe.hash_open"),
                         QStringLiteral("The file could not be opened for hashing (%1).").arg(file.errorString()),
                         path);
    std::unique_ptr<EVP_MD_CTX, DigestDeleter> ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return makeError(QStringLiteral("probe.hash_init"), QStringLiteral("SHA-256 is not available."), path);
    QByteArray block(kHashBlockBytes, Qt::Uninitialized);
    for (;;) {
        if (cancel.isCanceled())
            return makeError(QStringLiteral("probe.canceled"), QStringLiteral("Hashing was cancelled."), path);
        const qint64 n = file.read(block.data(), block.size());
        if (n < 0)
            return makeError(QStringLiteral("probe.hash_read"),
                             QStringLiteral("The file could not be read to the end (%1).").arg(file.errorString()),
                             path);
        if (n == 0) break;
        EVP_DigestUpdate(ctx.get(), block.constData(), size_t(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &len);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(len)).toHex());
}

} // namespace rendition
