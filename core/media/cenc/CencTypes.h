#pragma once
// Value types shared by the CENC encryptor, the PSSH writer/parser and the key readers.
//
// Key material rule (applies to every file in media/cenc/): a ContentKey's `key` bytes are
// never logged, never put into an Error, an event, a manifest or a file name. Only the KID
// (public by design: it is written into every init segment) may appear in messages.
// There is deliberately no toString()/QDebug operator for ContentKey.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <optional>

namespace rendition::cenc {

// A 16-byte identifier (KID, DRM system ID) in the byte order of ISO/IEC 23001-7, i.e. the
// big-endian UUID order ("10 77 ef ec ..." for 1077efec-c0b2-...). PlayReady's little-endian
// GUID order only exists inside Pssh.cpp.
using KeyId = std::array<quint8, 16>;
using KeyBytes = std::array<quint8, 16>; // AES-128 key

struct ContentKey {
    KeyId kid{};
    KeyBytes key{}; // secret: see the rule above
};

// Protection scheme of ISO/IEC 23001-7 (the `schm` scheme_type).
enum class Scheme {
    Invalid = 0,
    Cenc, // AES-128 CTR, full-sample / subsample encryption, 8-byte per-sample IVs
    Cbcs, // AES-128 CBC, 1:9 pattern, 16-byte constant IV
};

constexpr quint32 fourcc(const char (&s)[5])
{
    return (quint32(quint8(s[0])) << 24) | (quint32(quint8(s[1])) << 16) | (quint32(quint8(s[2])) << 8) |
           quint32(quint8(s[3]));
}
QString fourccToString(quint32 type); // "avc1"; non-printable bytes as '?'

quint32 schemeFourcc(Scheme scheme); // 'cenc' / 'cbcs'; 0 for Invalid
QString schemeName(Scheme scheme);   // "cenc" / "cbcs" / "invalid"

// Hex (lower case, 32 digits) and UUID ("8-4-4-4-12") spellings of a KID.
QString keyIdToHex(const KeyId &id);
QString keyIdToUuid(const KeyId &id);
// Accepts 32 hex digits, with or without the four UUID dashes, either case.
std::optional<KeyId> keyIdFromString(QStringView text);
bool isHexDigit(QChar c);                     // ASCII 0-9 a-f A-F only
KeyId keyIdFromBytes(QByteArrayView bytes16); // caller guarantees 16 bytes
QByteArray keyIdBytes(const KeyId &id);

} // namespace rendition::cenc
