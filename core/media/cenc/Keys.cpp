// Content keys: RAND_bytes generation, key files and CPIX documents. See Keys.h.

#include "core/media/cenc/Keys.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <cstring>

namespace rendition::cenc {

namespace {

const QString kCpixNs = QStringLiteral("urn:dashif:org:cpix");
const QString kPskcNs = QStringLiteral("urn:ietf:params:xml:ns:keyprov:pskc");

QString lineContext(const QString &source, int line)
{
    return QStringLiteral("%1, line %2").arg(source).arg(line);
}

// Checks one hex field; on failure returns the sentence fragment saying what is wrong.
// Never quotes the field: it may be (part of) a key.
QString hexProblem(QStringView field, const QString &name)
{
    if (field.isEmpty()) return QStringLiteral("the %1 is empty").arg(name);
    for (qsizetype i = 0; i < field.size(); ++i)
        if (!isHexDigit(field[i]))
            return QStringLiteral("the %1 has a character that is not a hex digit at position %2").arg(name).arg(i + 1);
    if (field.size() != 32)
        return QStringLiteral("the %1 has %2 hex digits; it needs 32 (16 bytes)").arg(name).arg(field.size());
    return {};
}

Result<QByteArray> readAll(const QString &path, const QString &code)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(code,
                         QStringLiteral("The file could not be opened (%1); check the path and its permissions.")
                             .arg(f.errorString()),
                         path);
    return f.readAll();
}

// QXmlStreamReader's messages are generic, but scrub anything that looks like key material
// (long base64/hex runs) before it can reach an Error.
QString scrubbed(QString text)
{
    static const QRegularExpression longRun(QStringLiteral("[A-Za-z0-9+/=_-]{16,}"));
    return text.replace(longRun, QStringLiteral("…"));
}

} // namespace

Result<ContentKey> generateContentKey()
{
    ContentKey k;
    if (RAND_bytes(k.kid.data(), int(k.kid.size())) != 1 || RAND_bytes(k.key.data(), int(k.key.size())) != 1)
        return makeError(
            QStringLiteral("cenc.random"),
            QStringLiteral("The system random generator failed; keys cannot be made safely, retry later."));
    k.kid[6] = quint8((k.kid[6] & 0x0f) | 0x40); // UUID version 4
    k.kid[8] = quint8((k.kid[8] & 0x3f) | 0x80); // RFC 4122 variant
    return k;
}

Result<QList<ContentKey>> parseKeyFile(QByteArrayView text, const QString &sourceName)
{
    QList<ContentKey> keys;
    QHash<QByteArray, int> seenOnLine;
    const QString all = QString::fromUtf8(text);
    const QStringList lines = all.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        QStringView line = lines[i];
        if (const qsizetype hash = line.indexOf(u'#'); hash >= 0) line = line.first(hash);
        line = line.trimmed();
        if (line.isEmpty()) continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon < 0 || line.indexOf(u':', colon + 1) >= 0)
            return makeError(QStringLiteral("cenc.keyfile_syntax"),
                             QStringLiteral("Expected KID:KEY (two 32-digit hex values separated by one ':'); "
                                            "fix the line or comment it out with '#'."),
                             lineContext(sourceName, lineNo));
        QString kidText = line.first(colon).trimmed().toString();
        const QStringView keyText = line.sliced(colon + 1).trimmed();
        if (kidText.size() == 36 && kidText[8] == u'-' && kidText[13] == u'-' && kidText[18] == u'-' &&
            kidText[23] == u'-')
            kidText.remove(u'-');
        if (const QString p = hexProblem(kidText, QStringLiteral("KID")); !p.isEmpty())
            return makeError(QStringLiteral("cenc.keyfile_syntax"),
                             QStringLiteral("%1; write it as 32 hex digits.").arg(p.left(1).toUpper() + p.mid(1)),
                             lineContext(sourceName, lineNo));
        if (const QString p = hexProblem(keyText, QStringLiteral("key")); !p.isEmpty())
            return makeError(QStringLiteral("cenc.keyfile_syntax"),
                             QStringLiteral("%1; write it as 32 hex digits.").arg(p.left(1).toUpper() + p.mid(1)),
                             lineContext(sourceName, lineNo));
        ContentKey k;
        const QByteArray kidBytes = QByteArray::fromHex(kidText.toLatin1());
        QByteArray keyBytes = QByteArray::fromHex(keyText.toLatin1());
        k.kid = keyIdFromBytes(kidBytes);
        std::memcpy(k.key.data(), keyBytes.constData(), k.key.size());
        OPENSSL_cleanse(keyBytes.data(), size_t(keyBytes.size()));
        if (const auto it = seenOnLine.constFind(kidBytes); it != seenOnLine.constEnd())
            return makeError(QStringLiteral("cenc.keyfile_duplicate_kid"),
                             QStringLiteral("KID %1 is listed twice (first on line %2); keep one line per KID.")
                                 .arg(keyIdToHex(k.kid))
                                 .arg(*it),
                             lineContext(sourceName, lineNo));
        seenOnLine.insert(kidBytes, lineNo);
        keys.append(k);
    }
    if (keys.isEmpty())
        return makeError(QStringLiteral("cenc.keyfile_empty"),
                         QStringLiteral("No KID:KEY line was found; add one line per key."), sourceName);
    return keys;
}

Result<QList<ContentKey>> readKeyFile(const QString &path)
{
    Result<QByteArray> text = readAll(path, QStringLiteral("cenc.keyfile_read"));
    if (!text) return text.error();
    Result<QList<ContentKey>> keys = parseKeyFile(text.value(), path);
    OPENSSL_cleanse(text->data(), size_t(text->size()));
    return keys;
}

// ---- CPIX -------------------------------------------------------------------------------------

namespace {

struct CpixKeyDraft {
    std::optional<KeyId> kid;
    QString kidText;
    int line = 0;
    bool sawPlain = false;
    bool sawEncrypted = false;
    QByteArray plain; // base64 text of the key, cleansed after use
};

class CpixReader {
public:
    CpixReader(QByteArrayView xml, QString source) : m_xml(xml.toByteArray()), m_source(std::move(source)) {}
    ~CpixReader() { OPENSSL_cleanse(m_xml.data(), size_t(m_xml.size())); }

    Result<QList<ContentKey>> read()
    {
        if (m_xml.trimmed().isEmpty())
            return makeError(QStringLiteral("cenc.cpix_xml"),
                             QStringLiteral("The document is empty; export the keys as a CPIX 2.x document."),
                             m_source);
        QXmlStreamReader r(m_xml);
        bool sawRoot = false;
        QList<ContentKey> keys;
        QHash<QByteArray, int> seenOnLine;
        std::optional<CpixKeyDraft> draft;
        QStringList path; // local names of open elements, for structure checks
        while (!r.atEnd()) {
            const auto token = r.readNext();
            if (token == QXmlStreamReader::StartElement) {
                const QStringView name = r.name();
                const QStringView ns = r.namespaceUri();
                if (!sawRoot) {
                    sawRoot = true;
                    if (name != u"CPIX" || ns != kCpixNs)
                        return makeError(QStringLiteral("cenc.cpix_not_cpix"),
                                         QStringLiteral("The root element is not cpix:CPIX in namespace %1; "
                                                        "export the keys as a CPIX 2.x document.")
                                             .arg(kCpixNs),
                                         m_source);
                }
                path.append(name.toString());
                const bool inKeyList = path.size() == 3 && path[1] == u"ContentKeyList";
                if (inKeyList && name == u"ContentKey" && ns == kCpixNs) {
                    draft = CpixKeyDraft{};
                    draft->line = int(r.lineNumber());
                    draft->kidText = r.attributes().value(QStringLiteral("kid")).toString();
                    draft->kid = keyIdFromString(draft->kidText);
                } else if (draft && name == u"PlainValue" && ns == kPskcNs && path.size() >= 2 &&
                           path[path.size() - 2] == u"Secret") {
                    draft->sawPlain = true;
                    QString text = r.readElementText(QXmlStreamReader::ErrorOnUnexpectedElement);
                    draft->plain = text.trimmed().toLatin1();
                    text.fill(u'0');
                    path.removeLast(); // readElementText consumed the end element
                } else if (draft && name == u"EncryptedValue" && ns == kPskcNs) {
                    draft->sawEncrypted = true;
                }
            } else if (token == QXmlStreamReader::EndElement) {
                const bool closesKey = draft && path.size() == 3 && r.name() == u"ContentKey";
                if (!path.isEmpty()) path.removeLast();
                if (closesKey) {
                    Result<ContentKey> k = finish(*draft);
                    OPENSSL_cleanse(draft->plain.data(), size_t(draft->plain.size()));
                    draft.reset();
                    if (!k) return k.error();
                    const QByteArray kidBytes = keyIdBytes(k->kid);
                    if (const auto it = seenOnLine.constFind(kidBytes); it != seenOnLine.constEnd())
                        return makeError(
                            QStringLiteral("cenc.cpix_duplicate_kid"),
                            QStringLiteral("ContentKey %1 appears twice (first on line %2); keep one per KID.")
                                .arg(keyIdToUuid(k->kid))
                                .arg(*it),
                            lineContext(m_source, int(r.lineNumber())));
                    seenOnLine.insert(kidBytes, int(r.lineNumber()));
                    keys.append(k.value());
                }
            }
        }
        if (draft) OPENSSL_cleanse(draft->plain.data(), size_t(draft->plain.size()));
        if (r.hasError())
            return makeError(QStringLiteral("cenc.cpix_xml"),
                             QStringLiteral("The XML is malformed (%1 at column %2); fix or re-export the document.")
                                 .arg(scrubbed(r.errorString()))
                                 .arg(r.columnNumber()),
                             lineContext(m_source, int(r.lineNumber())));
        if (!sawRoot)
            return makeError(QStringLiteral("cenc.cpix_xml"),
                             QStringLiteral("The document has no root element; export the keys as a CPIX 2.x "
                                            "document."),
                             m_source);
        if (keys.isEmpty())
            return makeError(QStringLiteral("cenc.cpix_empty"),
                             QStringLiteral("No cpix:ContentKeyList/cpix:ContentKey was found; the document carries "
                                            "no keys."),
                             m_source);
        return keys;
    }

private:
    Result<ContentKey> finish(const CpixKeyDraft &d)
    {
        const QString ctx = lineContext(m_source, d.line);
        if (d.kidText.isEmpty())
            return makeError(QStringLiteral("cenc.cpix_kid"),
                             QStringLiteral("A ContentKey has no kid attribute; every key needs its KID as a UUID."),
                             ctx);
        if (!d.kid)
            return makeError(QStringLiteral("cenc.cpix_kid"),
                             QStringLiteral("A ContentKey kid is not a UUID; write it as 8-4-4-4-12 hex digits."), ctx);
        const QString who = QStringLiteral("ContentKey %1").arg(keyIdToUuid(*d.kid));
        if (!d.sawPlain && d.sawEncrypted)
            return makeError(QStringLiteral("cenc.cpix_encrypted_key"),
                             QStringLiteral("%1 is encrypted (pskc:EncryptedValue), which is not supported; export "
                                            "the document with plain keys.")
                                 .arg(who),
                             ctx);
        if (!d.sawPlain)
            return makeError(QStringLiteral("cenc.cpix_missing_key"),
                             QStringLiteral("%1 has no cpix:Data/pskc:Secret/pskc:PlainValue; the key value is "
                                            "missing.")
                                 .arg(who),
                             ctx);
        auto decoded = QByteArray::fromBase64Encoding(d.plain, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return makeError(QStringLiteral("cenc.cpix_key_length"),
                             QStringLiteral("%1 has a PlainValue that is not valid base64.").arg(who), ctx);
        const qsizetype n = decoded.decoded.size();
        ContentKey k;
        k.kid = *d.kid;
        if (n == 16) std::memcpy(k.key.data(), decoded.decoded.constData(), 16);
        OPENSSL_cleanse(decoded.decoded.data(), size_t(decoded.decoded.size()));
        if (n != 16)
            return makeError(QStringLiteral("cenc.cpix_key_length"),
                             QStringLiteral("%1 has a %2-byte key; AES-128 keys are 16 bytes.").arg(who).arg(n), ctx);
        return k;
    }

    QByteArray m_xml;
    QString m_source;
};

} // namespace

Result<QList<ContentKey>> parseCpix(QByteArrayView xml, const QString &sourceName)
{
    return CpixReader(xml, sourceName).read();
}

Result<QList<ContentKey>> readCpixFile(const QString &path)
{
    Result<QByteArray> text = readAll(path, QStringLiteral("cenc.cpix_read"));
    if (!text) return text.error();
    Result<QList<ContentKey>> keys = parseCpix(text.value(), path);
    OPENSSL_cleanse(text->data(), size_t(text->size()));
    return keys;
}

} // namespace rendition::cenc
