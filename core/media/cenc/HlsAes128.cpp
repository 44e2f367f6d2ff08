#include "core/media/cenc/HlsAes128.h"

#include "core/util/FileIo.h"

#include <QDir>
#include <QFile>

#include <openssl/evp.h>

#include <limits>
#include <memory>

namespace rendition::cenc {

namespace {

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

Error err(const char *code, const QString &message, const QString &context = {})
{
    return makeError(QString::fromLatin1(code), message, context);
}

} // namespace

AesIv ivForSequence(quint64 mediaSequence)
{
    AesIv iv{};
    for (int i = 0; i < 8; ++i)
        iv[15 - i] = quint8(mediaSequence >> (8 * i));
    return iv;
}

Result<QByteArray> encryptAes128Cbc(QByteArrayView clear, const KeyBytes &key, const AesIv &iv)
{
    // PKCS#7 always adds 1..16 bytes; EVP works in int lengths.
    if (clear.size() > std::numeric_limits<int>::max() - 32)
        return err("hlsaes.crypto", QStringLiteral("The segment is too large to encrypt in one piece (over 2 GiB)."));
    const CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    QByteArray out(clear.size() + 16, Qt::Uninitialized);
    int n = 0, tail = 0;
    auto *dst = reinterpret_cast<unsigned char *>(out.data());
    const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, key.data(), iv.data()) == 1 &&
                    EVP_CIPHER_CTX_set_padding(ctx.get(), 1) == 1 &&
                    EVP_EncryptUpdate(ctx.get(), dst, &n, reinterpret_cast<const unsigned char *>(clear.data()),
                                      int(clear.size())) == 1 &&
                    EVP_EncryptFinal_ex(ctx.get(), dst + n, &tail) == 1;
    if (!ok) return err("hlsaes.crypto", QStringLiteral("OpenSSL could not run AES-128-CBC."));
    out.truncate(n + tail);
    return out;
}

Result<AesIv> encryptTsSegmentFile(const QString &path, const KeyBytes &key, quint64 mediaSequence,
                                   const std::optional<AesIv> &iv)
{
    const AesIv used = iv.value_or(ivForSequence(mediaSequence));
    Result<QByteArray> clear = readWholeFile(path, "hlsaes");
    if (!clear) return clear.error();
    Result<QByteArray> encrypted = encryptAes128Cbc(clear.value(), key, used);
    if (!encrypted) {
        Error e = encrypted.error();
        e.context = path;
        return e;
    }
    if (Status s = replaceFileAtomically(path, encrypted.value(), "hlsaes"); !s) return s.error();
    return used;
}

Result<QList<EncryptedTsSegment>> encryptTsTrackDirectory(const QString &dir, const KeyBytes &key,
                                                          quint64 firstSequence, const CancelToken &cancel)
{
    const QDir folder(dir);
    if (!folder.exists()) return err("hlsaes.read", QStringLiteral("The rendition folder does not exist."), dir);
    const QStringList files = folder.entryList({QStringLiteral("seg_*.ts")}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        return err("hlsaes.no_segments",
                   QStringLiteral("The folder has no seg_*.ts files; point at one MPEG-TS rendition's folder."), dir);
    QList<EncryptedTsSegment> done;
    for (qsizetype k = 0; k < files.size(); ++k) {
        if (cancel.isCanceled()) return err("hlsaes.canceled", QStringLiteral("Encryption was cancelled."), dir);
        const quint64 sequence = firstSequence + quint64(k);
        Result<AesIv> iv = encryptTsSegmentFile(folder.filePath(files.at(k)), key, sequence);
        if (!iv) return iv.error();
        done.append({files.at(k), sequence, iv.value()});
    }
    return done;
}

} // namespace rendition::cenc
