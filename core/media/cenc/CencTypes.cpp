// Helpers for the shared CENC value types (CencTypes.h).

#include "core/media/cenc/CencTypes.h"

#include <cstring>

namespace rendition::cenc {

QString fourccToString(quint32 type)
{
    QString s;
    for (int shift = 24; shift >= 0; shift -= 8) {
        const char c = char((type >> shift) & 0xff);
        s += (c >= 0x20 && c < 0x7f) ? QChar::fromLatin1(c) : QChar(u'?');
    }
    return s;
}

quint32 schemeFourcc(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Cenc:
        return fourcc("cenc");
    case Scheme::Cbcs:
        return fourcc("cbcs");
    case Scheme::Invalid:
        break;
    }
    return 0;
}

QString schemeName(Scheme scheme)
{
    switch (scheme) {
    case Scheme::Cenc:
        return QStringLiteral("cenc");
    case Scheme::Cbcs:
        return QStringLiteral("cbcs");
    case Scheme::Invalid:
        break;
    }
    return QStringLiteral("invalid");
}

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

QString keyIdToHex(const KeyId &id)
{
    return QString::fromLatin1(keyIdBytes(id).toHex());
}

QString keyIdToUuid(const KeyId &id)
{
    const QString h = keyIdToHex(id);
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + u'-' + h.mid(12, 4) + u'-' + h.mid(16, 4) + u'-' + h.mid(20);
}

std::optional<KeyId> keyIdFromString(QStringView text)
{
    QString digits = text.trimmed().toString();
    if (digits.size() == 36) {
        if (digits[8] != u'-' || digits[13] != u'-' || digits[18] != u'-' || digits[23] != u'-') return std::nullopt;
        digits.remove(u'-');
    }
    if (digits.size() != 32) return std::nullopt;
    for (QChar c : digits)
        if (!isHexDigit(c)) return std::nullopt;
    return keyIdFromBytes(QByteArray::fromHex(digits.toLatin1()));
}

KeyId keyIdFromBytes(QByteArrayView bytes16)
{
    KeyId id{};
    if (!bytes16.isEmpty()) // an empty view may have a null data(): memcpy from null is undefined
        std::memcpy(id.data(), bytes16.data(), std::min<size_t>(id.size(), size_t(bytes16.size())));
    return id;
}

QByteArray keyIdBytes(const KeyId &id)
{
    return QByteArray(reinterpret_cast<const char *>(id.data()), int(id.size()));
}

} // namespace rendition::cenc
