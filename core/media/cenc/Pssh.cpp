// PSSH writers and parser for Common/ClearKey, Widevine and PlayReady. See Pssh.h.

#include "core/media/cenc/Pssh.h"

#include "core/media/cenc/Box.h"

#include <QXmlStreamReader>

#include <openssl/evp.h>

#include <memory>

namespace rendition::cenc {

namespace {

// ---- protobuf (only what WidevinePsshData needs) ----------------------------------------------

void putVarint(QByteArray &out, quint64 v)
{
    do {
        quint8 b = quint8(v & 0x7f);
        v >>= 7;
        if (v) b |= 0x80;
        out.append(char(b));
    } while (v);
}

void putLengthDelimited(QByteArray &out, int field, QByteArrayView bytes)
{
    putVarint(out, quint64(field) << 3 | 2);
    putVarint(out, quint64(bytes.size()));
    out.append(bytes);
}

bool readVarint(QByteArrayView d, qsizetype &pos, quint64 &v)
{
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= d.size()) return false;
        const quint8 b = quint8(d[pos++]);
        v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

Status parseWidevine(QByteArrayView d, PsshInfo &info)
{
    const auto bad = [](const QString &what) {
        return makeError(QStringLiteral("cenc.pssh_widevine"),
                         QStringLiteral("The Widevine PSSH data is not a valid protobuf (%1).").arg(what));
    };
    qsizetype pos = 0;
    while (pos < d.size()) {
        quint64 tag = 0;
        if (!readVarint(d, pos, tag)) return bad(QStringLiteral("truncated tag"));
        const int field = int(tag >> 3);
        const int wire = int(tag & 7);
        switch (wire) {
        case 0: {
            quint64 v = 0;
            if (!readVarint(d, pos, v)) return bad(QStringLiteral("truncated varint"));
            if (field == 9) info.widevineProtectionScheme = quint32(v);
            break;
        }
        case 1:
            if (d.size() - pos < 8) return bad(QStringLiteral("truncated 64-bit field"));
            pos += 8;
            break;
        case 5:
            if (d.size() - pos < 4) return bad(QStringLiteral("truncated 32-bit field"));
            pos += 4;
            break;
        case 2: {
            quint64 len = 0;
            if (!readVarint(d, pos, len) || len > quint64(d.size() - pos))
                return bad(QStringLiteral("length runs past the end"));
            const QByteArrayView value = d.sliced(pos, qsizetype(len));
            pos += qsizetype(len);
            if (field == 2) {
                if (value.size() != 16) return bad(QStringLiteral("a key_id is not 16 bytes"));
                info.widevineKeyIds.append(keyIdFromBytes(value));
            } else if (field == 3) {
                info.widevineProvider = QString::fromUtf8(value);
            } else if (field == 4) {
                info.widevineContentId = value.toByteArray();
            }
            break;
        }
        default:
            return bad(QStringLiteral("unsupported wire type %1").arg(wire));
        }
    }
    return {};
}

// ---- PlayReady --------------------------------------------------------------------------------

const QString kPlayReadyNs = QStringLiteral("http://schemas.microsoft.com/DRM/2007/03/PlayReadyHeader");

// KID (big-endian UUID order) <-> Microsoft GUID (first three fields little-endian). Involution.
KeyId swapGuid(const KeyId &in)
{
    KeyId out = in;
    out[0] = in[3];
    out[1] = in[2];
    out[2] = in[1];
    out[3] = in[0];
    out[4] = in[5];
    out[5] = in[4];
    out[6] = in[7];
    out[7] = in[6];
    return out;
}

void putLe16(QByteArray &out, quint16 v)
{
    out.append(char(v & 0xff));
    out.append(char(v >> 8));
}

void putLe32(QByteArray &out, quint32 v)
{
    putLe16(out, quint16(v & 0xffff));
    putLe16(out, quint16(v >> 16));
}

quint16 le16(const char *p)
{
    return quint16(quint8(p[0]) | (quint8(p[1]) << 8));
}
quint32 le32(const char *p)
{
    return quint32(le16(p)) | (quint32(le16(p + 2)) << 16);
}

QString wrmHeader(const ContentKey &key, const PlayReadyOptions &o)
{
    const QString kid = QString::fromLatin1(keyIdBytes(swapGuid(key.kid)).toBase64());
    const QString laUrl =
        o.laUrl.isEmpty() ? QString() : QStringLiteral("<LA_URL>%1</LA_URL>").arg(o.laUrl.toHtmlEscaped());
    if (o.scheme == Scheme::Cbcs)
        return QStringLiteral("<WRMHEADER xmlns=\"%1\" version=\"4.3.0.0\"><DATA><PROTECTINFO><KIDS>"
                              "<KID ALGID=\"AESCBC\" VALUE=\"%2\"></KID></KIDS></PROTECTINFO>%3</DATA></WRMHEADER>")
            .arg(kPlayReadyNs, kid, laUrl);
    const QString checksum = QString::fromLatin1(playReadyChecksum(key).toBase64());
    return QStringLiteral("<WRMHEADER xmlns=\"%1\" version=\"4.0.0.0\"><DATA><PROTECTINFO><KEYLEN>16</KEYLEN>"
                          "<ALGID>AESCTR</ALGID></PROTECTINFO><KID>%2</KID><CHECKSUM>%3</CHECKSUM>%4</DATA>"
                          "</WRMHEADER>")
        .arg(kPlayReadyNs, kid, checksum, laUrl);
}

Status parseWrmHeader(const QString &xml, PsshInfo &info)
{
    const auto bad = [](const QString &what) {
        return makeError(QStringLiteral("cenc.pssh_playready"),
                         QStringLiteral("The PlayReady header is malformed (%1).").arg(what));
    };
    const auto addKid = [&](QStringView b64) -> bool {
        auto decoded = QByteArray::fromBase64Encoding(b64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != 16) return false;
        info.playReadyKids.append(swapGuid(keyIdFromBytes(decoded.decoded)));
        return true;
    };
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        if (r.readNext() != QXmlStreamReader::StartElement) continue;
        const QStringView name = r.name();
        if (name == u"WRMHEADER") {
            info.playReadyVersion = r.attributes().value(QStringLiteral("version")).toString();
        } else if (name == u"KID") {
            // 4.0: <KID>base64</KID>; 4.1+: <KID ALGID=".." VALUE="base64" [CHECKSUM=".."]>
            const QXmlStreamAttributes a = r.attributes();
            if (a.hasAttribute(QStringLiteral("VALUE"))) {
                if (!addKid(a.value(QStringLiteral("VALUE"))))
                    return bad(QStringLiteral("a KID VALUE is not 16 bytes"));
                if (a.hasAttribute(QStringLiteral("ALGID")))
                    info.playReadyAlgorithm = a.value(QStringLiteral("ALGID")).toString();
                if (a.hasAttribute(QStringLiteral("CHECKSUM")))
                    info.playReadyChecksum = QByteArray::fromBase64(a.value(QStringLiteral("CHECKSUM")).toLatin1());
            } else {
                const QString text = r.readElementText();
                if (!addKid(text.trimmed())) return bad(QStringLiteral("the KID is not 16 bytes of base64"));
            }
        } else if (name == u"CHECKSUM") {
            info.playReadyChecksum = QByteArray::fromBase64(r.readElementText().trimmed().toLatin1());
        } else if (name == u"ALGID") {
            info.playReadyAlgorithm = r.readElementText().trimmed();
        } else if (name == u"LA_URL") {
            info.playReadyLaUrl = r.readElementText().trimmed();
        }
    }
    if (r.hasError()) return bad(r.errorString());
    if (info.playReadyVersion.isEmpty()) return bad(QStringLiteral("no WRMHEADER version"));
    return {};
}

Status parsePlayReadyObject(QByteArrayView d, PsshInfo &info)
{
    const auto bad = [](const QString &what) {
        return makeError(QStringLiteral("cenc.pssh_playready"),
                         QStringLiteral("The PlayReady Object is malformed (%1).").arg(what));
    };
    if (d.size() < 6) return bad(QStringLiteral("shorter than its header"));
    const quint32 length = le32(d.data());
    if (length != quint32(d.size())) return bad(QStringLiteral("length %1 != %2 bytes").arg(length).arg(d.size()));
    const int records = le16(d.data() + 4);
    qsizetype pos = 6;
    for (int i = 0; i < records; ++i) {
        if (d.size() - pos < 4) return bad(QStringLiteral("record %1 is cut short").arg(i + 1));
        const quint16 type = le16(d.data() + pos);
        const quint16 len = le16(d.data() + pos + 2);
        pos += 4;
        if (d.size() - pos < len) return bad(QStringLiteral("record %1 runs past the end").arg(i + 1));
        if (type == 1) {
            if (len % 2) return bad(QStringLiteral("the header record has an odd UTF-16 length"));
            QString xml(len / 2, Qt::Uninitialized);
            for (int c = 0; c < len / 2; ++c)
                xml[c] = QChar(le16(d.data() + pos + 2 * c));
            info.playReadyHeaderXml = xml;
            if (Status s = parseWrmHeader(xml, info); !s) return s;
        }
        pos += len;
    }
    if (info.playReadyHeaderXml.isEmpty()) return bad(QStringLiteral("no rights management header record"));
    return {};
}

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};

} // namespace

QByteArray makePssh(const KeyId &systemId, const QList<KeyId> &kids, QByteArrayView data, int version)
{
    const int v = (!kids.isEmpty() || version == 1) ? 1 : 0;
    QByteArray payload;
    payload.append(reinterpret_cast<const char *>(systemId.data()), int(systemId.size()));
    if (v == 1) {
        be::put32(payload, quint32(kids.size()));
        for (const KeyId &k : kids)
            payload.append(keyIdBytes(k));
    }
    be::put32(payload, quint32(data.size()));
    payload.append(data);
    return Box::fullBox(fourcc("pssh"), quint8(v), 0, payload).serialize();
}

QByteArray makeCommonPssh(const QList<KeyId> &kids)
{
    return makePssh(systemid::kCommon, kids, {}, 1);
}

QByteArray widevinePsshData(const QList<KeyId> &kids, const WidevineOptions &options)
{
    QByteArray pb;
    for (const KeyId &k : kids)
        putLengthDelimited(pb, 2, keyIdBytes(k));
    if (!options.provider.isEmpty()) putLengthDelimited(pb, 3, options.provider.toUtf8());
    if (!options.contentId.isEmpty()) putLengthDelimited(pb, 4, options.contentId);
    if (const quint32 scheme = schemeFourcc(options.scheme)) {
        putVarint(pb, (9 << 3) | 0);
        putVarint(pb, scheme);
    }
    return pb;
}

QByteArray makeWidevinePssh(const QList<KeyId> &kids, const WidevineOptions &options)
{
    return makePssh(systemid::kWidevine, kids, widevinePsshData(kids, options), 1);
}

QByteArray playReadyChecksum(const ContentKey &key)
{
    const KeyId guid = swapGuid(key.kid);
    unsigned char out[32] = {};
    int outLen = 0;
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
    if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_128_ecb(), nullptr, key.key.data(), nullptr) != 1) return {};
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    if (EVP_EncryptUpdate(ctx.get(), out, &outLen, guid.data(), int(guid.size())) != 1 || outLen != 16) return {};
    return QByteArray(reinterpret_cast<const char *>(out), 8);
}

Result<QByteArray> playReadyObject(const ContentKey &key, const PlayReadyOptions &options)
{
    if (options.scheme == Scheme::Invalid)
        return makeError(QStringLiteral("cenc.pssh_playready"),
                         QStringLiteral("No protection scheme was given for the PlayReady header."));
    if (options.scheme == Scheme::Cenc && playReadyChecksum(key).size() != 8)
        return makeError(QStringLiteral("cenc.pssh_playready"),
                         QStringLiteral("AES-128-ECB is not available from OpenSSL; the PlayReady checksum cannot "
                                        "be computed."));
    const QString xml = wrmHeader(key, options);
    if (xml.size() * 2 > 0xffff)
        return makeError(QStringLiteral("cenc.pssh_playready"),
                         QStringLiteral("The PlayReady header is longer than a record can hold; shorten LA_URL."));
    QByteArray record;
    putLe16(record, 1);
    putLe16(record, quint16(xml.size() * 2));
    for (QChar c : xml)
        putLe16(record, c.unicode());
    QByteArray pro;
    putLe32(pro, quint32(6 + record.size()));
    putLe16(pro, 1);
    pro.append(record);
    return pro;
}

Result<QByteArray> makePlayReadyPssh(const ContentKey &key, const PlayReadyOptions &options)
{
    Result<QByteArray> pro = playReadyObject(key, options);
    if (!pro) return pro.error();
    return makePssh(systemid::kPlayReady, {key.kid}, pro.value(), 1);
}

Result<PsshInfo> parsePssh(QByteArrayView boxBytes)
{
    const auto bad = [](const QString &what) {
        return makeError(QStringLiteral("cenc.pssh_box"), QStringLiteral("The pssh box is malformed (%1).").arg(what));
    };
    Result<Box> box = parseBox(boxBytes);
    if (!box) return box.error();
    if (box->type != fourcc("pssh")) return bad(QStringLiteral("box type is '%1'").arg(fourccToString(box->type)));
    ByteReader r(box->body);
    PsshInfo info;
    info.version = r.u8();
    r.u24();
    info.systemId = keyIdFromBytes(r.bytes(16));
    if (info.version > 1) return bad(QStringLiteral("version %1 is unknown").arg(info.version));
    if (info.version == 1) {
        const quint32 count = r.u32();
        if (!r.ok() || qint64(count) * 16 > r.remaining()) return bad(QStringLiteral("KID count runs past the end"));
        for (quint32 i = 0; i < count; ++i)
            info.kids.append(keyIdFromBytes(r.bytes(16)));
    }
    const quint32 dataSize = r.u32();
    if (!r.ok() || dataSize != quint32(r.remaining())) return bad(QStringLiteral("data size does not match the box"));
    info.data = r.bytes(dataSize).toByteArray();

    if (info.systemId == systemid::kCommon) {
        info.system = DrmSystem::Common;
    } else if (info.systemId == systemid::kWidevine) {
        info.system = DrmSystem::Widevine;
        if (Status s = parseWidevine(info.data, info); !s) return s.error();
    } else if (info.systemId == systemid::kPlayReady) {
        info.system = DrmSystem::PlayReady;
        if (Status s = parsePlayReadyObject(info.data, info); !s) return s.error();
    } else {
        info.system = DrmSystem::Other;
    }
    return info;
}

} // namespace rendition::cenc
