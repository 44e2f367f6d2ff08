#include "core/remote/SigV4.h"

#include <QFile>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <map>

namespace rendition {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Percent-decoding that keeps '+' literal and leaves malformed escapes as they are.
QByteArray percentDecode(const QByteArray &in)
{
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size() && hexValue(in[i + 1]) >= 0 && hexValue(in[i + 2]) >= 0) {
            out.append(char(hexValue(in[i + 1]) * 16 + hexValue(in[i + 2])));
            i += 2;
        } else {
            out.append(in[i]);
        }
    }
    return out;
}

struct UrlParts {
    QByteArray scheme;
    QByteArray authority; // host[:port] as written
    QByteArray host;      // value of the Host header
    QByteArray path;      // "/" when empty
    QByteArray query;     // without '?'
};

bool splitUrl(const QByteArray &url, UrlParts &parts)
{
    const qsizetype schemeEnd = url.indexOf("://");
    if (schemeEnd <= 0)
        return false;
    parts.scheme = url.left(schemeEnd).toLower();
    if (parts.scheme != "http" && parts.scheme != "https")
        return false;
    const qsizetype authStart = schemeEnd + 3;
    qsizetype pathStart = authStart;
    while (pathStart < url.size() && url[pathStart] != '/' && url[pathStart] != '?')
        ++pathStart;
    parts.authority = url.mid(authStart, pathStart - authStart);
    if (parts.authority.isEmpty() || parts.authority.contains('@'))
        return false;
    const qsizetype queryStart = url.indexOf('?', pathStart);
    parts.path = queryStart < 0 ? url.mid(pathStart) : url.mid(pathStart, queryStart - pathStart);
    parts.query = queryStart < 0 ? QByteArray() : url.mid(queryStart + 1);
    if (parts.path.isEmpty())
        parts.path = "/";
    const qsizetype hash = parts.query.indexOf('#');
    if (hash >= 0)
        parts.query.truncate(hash);
    // Host header: the port only when it is not the scheme's default.
    parts.host = parts.authority.toLower();
    const QByteArray defaultPort = parts.scheme == "https" ? ":443" : ":80";
    if (parts.host.endsWith(defaultPort) && !parts.host.endsWith("]"))
        parts.host.chop(defaultPort.size());
    return true;
}

// Generic SigV4 path normalisation (RFC 3986 dot segments, empty segments dropped).
QByteArray normalizedPath(const QByteArray &path)
{
    QList<QByteArray> out;
    for (const QByteArray &seg : path.split('/')) {
        if (seg.isEmpty() || seg == ".")
            continue;
        if (seg == "..") {
            if (!out.isEmpty())
                out.removeLast();
            continue;
        }
        out.append(seg);
    }
    QByteArray result = '/' + out.join('/');
    if (path.endsWith('/') && result.size() > 1)
        result += '/';
    return result;
}

QByteArray trimmedHeaderValue(const QByteArray &value)
{
    // Leading/trailing space removed, inner runs of spaces collapsed to one.
    return value.simplified();
}

bool isUnsignedHeader(const QByteArray &lowerName)
{
    return lowerName == "user-agent" || lowerName == "content-length" || lowerName == "expect" ||
           lowerName == "transfer-encoding" || lowerName == "connection" || lowerName == "authorization";
}

} // namespace

QByteArray SigV4::uriEncode(const QByteArray &raw, bool keepSlash)
{
    static const char kHex[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(raw.size() * 3);
    for (const char c : raw) {
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(c);
        } else {
            const auto u = static_cast<unsigned char>(c);
            out.append('%');
            out.append(kHex[u >> 4]);
            out.append(kHex[u & 0xF]);
        }
    }
    return out;
}

QByteArray SigV4::canonicalQuery(const QByteArray &rawQuery)
{
    std::vector<std::pair<QByteArray, QByteArray>> params;
    for (const QByteArray &item : rawQuery.split('&')) {
        if (item.isEmpty())
            continue;
        const qsizetype eq = item.indexOf('=');
        const QByteArray name = eq < 0 ? item : item.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : item.mid(eq + 1);
        params.emplace_back(uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false));
    }
    std::sort(params.begin(), params.end());
    QByteArray out;
    for (const auto &[name, value] : params) {
        if (!out.isEmpty())
            out += '&';
        out += name + '=' + value;
    }
    return out;
}

QByteArray SigV4::sha256Hex(const QByteArray &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int len = 0;
    EVP_Digest(data.constData(), size_t(data.size()), digest, &len, EVP_sha256(), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(len)).toHex();
}

QByteArray SigV4::hmacSha256(const QByteArray &key, const QByteArray &data)
{
    unsigned char mac[EVP_MAX_MD_SIZE] = {};
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.constData(), int(key.size()), reinterpret_cast<const unsigned char *>(data.constData()),
         size_t(data.size()), mac, &len);
    return QByteArray(reinterpret_cast<const char *>(mac), int(len));
}

QByteArray SigV4::signingKey(const QString &secretAccessKey, const QByteArray &date8, const SigV4Scope &scope)
{
    const QByteArray kDate = hmacSha256("AWS4" + secretAccessKey.toUtf8(), date8);
    const QByteArray kRegion = hmacSha256(kDate, scope.region.toUtf8());
    const QByteArray kService = hmacSha256(kRegion, scope.service.toUtf8());
    return hmacSha256(kService, "aws4_request");
}

Result<QByteArray> SigV4::sha256HexOfFile(const QString &path, qint64 offset, qint64 length)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return makeError("sigv4.file", QStringLiteral("Could not open %1 to hash the request body; check that it exists and is readable.").arg(path));
    // OpenSSL's SHA-256 (SHA-NI/AVX2 where the CPU has them): several times QCryptographicHash's
    // speed, and every uploaded byte is hashed once for x-amz-content-sha256 (bench/remote/hash_bench).
    struct Ctx {
        EVP_MD_CTX *c = EVP_MD_CTX_new();
        ~Ctx() { EVP_MD_CTX_free(c); }
    } hash;
    if (!hash.c || EVP_DigestInit_ex(hash.c, EVP_sha256(), nullptr) != 1)
        return makeError("sigv4.file", QStringLiteral("SHA-256 is not available from OpenSSL; cannot hash %1.").arg(path));
    qint64 remaining = length >= 0 ? length : file.size() - offset;
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    while (remaining > 0) {
        const qint64 n = file.read(buffer.data(), std::min<qint64>(remaining, buffer.size()));
        if (n <= 0)
            return makeError("sigv4.file", QStringLiteral("Could not read %1 bytes at offset %2 of %3 to hash the request body; the file is shorter or unreadable.")
                                               .arg(remaining).arg(offset).arg(path));
        EVP_DigestUpdate(hash.c, buffer.constData(), size_t(n));
        remaining -= n;
    }
    unsigned char digest[EVP_MAX_MD_SIZE] = {};
    unsigned int len = 0;
    EVP_DigestFinal_ex(hash.c, digest, &len);
    return QByteArray(reinterpret_cast<const char *>(digest), int(len)).toHex();
}

Result<SigV4Signature> SigV4::sign(HttpRequest &request, const AwsCredentials &credentials,
                                   const SigV4Scope &scope, const QDateTime &timeUtc,
                                   const SigV4Options &options)
{
    if (!credentials.isValid())
        return makeError("sigv4.credentials", QStringLiteral("No usable AWS credentials (access key id and secret key) to sign the request with."));
    UrlParts url;
    if (!splitUrl(request.url, url))
        return makeError("sigv4.url", QStringLiteral("Cannot sign \"%1\": not an absolute http(s) URL.").arg(QString::fromUtf8(request.url)));

    QByteArray payloadHash = options.payloadSha256Hex;
    if (payloadHash.isEmpty()) {
        if (!request.bodyFile.path.isEmpty()) {
            auto fileHash = sha256HexOfFile(request.bodyFile.path, request.bodyFile.offset, request.bodyFile.length);
            if (!fileHash)
                return fileHash.error();
            payloadHash = *fileHash;
        } else {
            payloadHash = sha256Hex(request.body);
        }
    }

    const QDateTime utc = timeUtc.toUTC();
    const QByteArray amzDate = utc.toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
    const QByteArray date8 = amzDate.left(8);

    // The bytes sent are the bytes signed: the query goes out in canonical form.
    const QByteArray query = canonicalQuery(url.query);
    request.url = url.scheme + "://" + url.authority + url.path + (query.isEmpty() ? QByteArray() : '?' + query);
    setHttpHeader(request.headers, "Host", url.host);
    setHttpHeader(request.headers, "X-Amz-Date", amzDate);
    if (options.contentSha256Header)
        setHttpHeader(request.headers, "X-Amz-Content-Sha256", payloadHash);
    if (!credentials.sessionToken.isEmpty())
        setHttpHeader(request.headers, "X-Amz-Security-Token", credentials.sessionToken.toUtf8());
    request.headers.removeIf([](const auto &h) { return h.first.compare("authorization", Qt::CaseInsensitive) == 0; });

    // Canonical headers: lower-case names, sorted; repeated names joined with ','.
    std::map<QByteArray, QByteArray> canonical;
    for (const auto &[name, value] : request.headers) {
        const QByteArray lower = name.toLower().trimmed();
        if (isUnsignedHeader(lower))
            continue;
        QByteArray &slot = canonical[lower];
        slot += (slot.isEmpty() ? QByteArray() : QByteArray(",")) + trimmedHeaderValue(value);
    }
    QByteArray canonicalHeaders;
    QByteArray signedHeaders;
    for (const auto &[name, value] : canonical) {
        canonicalHeaders += name + ':' + value + '\n';
        signedHeaders += (signedHeaders.isEmpty() ? QByteArray() : QByteArray(";")) + name;
    }

    const bool isS3 = scope.service == QLatin1String("s3");
    const QByteArray canonicalUri = isS3 ? url.path : uriEncode(normalizedPath(url.path), true);

    SigV4Signature out;
    out.signedHeaders = signedHeaders;
    out.canonicalRequest = httpMethodName(request.method) + '\n' + canonicalUri + '\n' + query + '\n' +
                           canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;
    const QByteArray credentialScope = date8 + '/' + scope.region.toUtf8() + '/' + scope.service.toUtf8() + "/aws4_request";
    out.stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + '\n' + credentialScope + '\n' + sha256Hex(out.canonicalRequest);
    out.signature = hmacSha256(signingKey(credentials.secretAccessKey, date8, scope), out.stringToSign).toHex();
    out.authorization = "AWS4-HMAC-SHA256 Credential=" + credentials.accessKeyId.toUtf8() + '/' + credentialScope +
                        ", SignedHeaders=" + signedHeaders + ", Signature=" + out.signature;
    request.headers.append({"Authorization", out.authorization});
    return out;
}

} // namespace rendition
