#include "core/pipeline/DrmSignalling.h"

#include "core/media/cenc/Pssh.h"

namespace rendition {

namespace {

inline constexpr auto kSampleAesCtr = "SAMPLE-AES-CTR";
inline constexpr auto kWidevineKeyFormat = "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";
inline constexpr auto kPlayReadyKeyFormat = "com.microsoft.playready";

QString base64(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toBase64());
}

// The PlayReady Object inside a PlayReady 'pssh' box; empty when the box does not parse.
QByteArray playReadyObjectOf(const QByteArray &box)
{
    Result<cenc::PsshInfo> info = cenc::parsePssh(box);
    return info && info->system == cenc::DrmSystem::PlayReady ? info->data : QByteArray();
}

QString keyLine(const char *keyFormat, const QString &uri, const QString &extra = {})
{
    return QStringLiteral("#EXT-X-KEY:METHOD=%1,KEYFORMAT=\"%2\",KEYFORMATVERSIONS=\"1\",URI=\"%3\"%4")
        .arg(QLatin1String(kSampleAesCtr), QLatin1String(keyFormat), uri, extra);
}

Status checkBox(const QByteArray &box, cenc::DrmSystem system, const cenc::KeyId &kid, const QString &name)
{
    const auto fail = [&](const QString &what) { return makeError(QStringLiteral("drm.signalling"), what, name); };
    Result<cenc::PsshInfo> info = cenc::parsePssh(box);
    if (!info) return fail(QStringLiteral("The pssh box does not parse (%1).").arg(info.error().message));
    if (info->system != system) return fail(QStringLiteral("The pssh box is for another DRM system."));
    const QList<cenc::KeyId> &kids = system == cenc::DrmSystem::PlayReady ? info->playReadyKids : info->kids;
    if (!kids.contains(kid))
        return fail(QStringLiteral("The pssh box does not carry the default KID %1.").arg(cenc::keyIdToUuid(kid)));
    return {};
}

} // namespace

Status checkSignalling(const CencSignalling &s)
{
    if (!s.widevinePssh.isEmpty()) {
        if (Status st = checkBox(s.widevinePssh, cenc::DrmSystem::Widevine, s.defaultKid, QStringLiteral("widevine"));
            !st)
            return st;
    }
    if (!s.playReadyPssh.isEmpty()) {
        if (Status st =
                checkBox(s.playReadyPssh, cenc::DrmSystem::PlayReady, s.defaultKid, QStringLiteral("playready"));
            !st)
            return st;
    }
    return {};
}

QString mpdNamespaceAttributes(const CencSignalling &s)
{
    QString out = QStringLiteral(" xmlns:cenc=\"urn:mpeg:cenc:2013\"");
    if (!s.playReadyPssh.isEmpty()) out += QStringLiteral(" xmlns:mspr=\"urn:microsoft:playready\"");
    return out;
}

QString mpdContentProtection(const CencSignalling &s, const QString &indent)
{
    const QString inner = indent + QStringLiteral("  ");
    QString out;
    out += indent + QStringLiteral("<ContentProtection schemeIdUri=\"%1\" value=\"cenc\" cenc:default_KID=\"%2\"/>\n")
                        .arg(QLatin1String(kMp4ProtectionScheme), cenc::keyIdToUuid(s.defaultKid));
    out += indent + QStringLiteral("<ContentProtection schemeIdUri=\"%1\" value=\"ClearKey1.0\"/>\n")
                        .arg(QLatin1String(kClearKeySchemeUri));
    if (!s.widevinePssh.isEmpty()) {
        out += indent + QStringLiteral("<ContentProtection schemeIdUri=\"%1\" value=\"Widevine\">\n")
                            .arg(QLatin1String(kWidevineSchemeUri));
        out += inner + QStringLiteral("<cenc:pssh>%1</cenc:pssh>\n").arg(base64(s.widevinePssh));
        out += indent + QStringLiteral("</ContentProtection>\n");
    }
    if (!s.playReadyPssh.isEmpty()) {
        out += indent + QStringLiteral("<ContentProtection schemeIdUri=\"%1\" value=\"MSPR 2.0\">\n")
                            .arg(QLatin1String(kPlayReadySchemeUri));
        out += inner + QStringLiteral("<cenc:pssh>%1</cenc:pssh>\n").arg(base64(s.playReadyPssh));
        const QByteArray pro = s.playReadyPro ? playReadyObjectOf(s.playReadyPssh) : QByteArray();
        if (!pro.isEmpty()) out += inner + QStringLiteral("<mspr:pro>%1</mspr:pro>\n").arg(base64(pro));
        out += indent + QStringLiteral("</ContentProtection>\n");
    }
    return out;
}

QString expandKeyUri(const QString &keyUriTemplate, const cenc::KeyId &kid)
{
    return QString(keyUriTemplate).replace(QLatin1String("{kid}"), cenc::keyIdToHex(kid));
}

QStringList hlsSampleAesCtrKeyLines(const CencSignalling &s, const QString &keyUriTemplate)
{
    QStringList lines;
    lines.append(
        keyLine("org.w3.clearkey", QStringLiteral("data:text/plain;base64,") + base64(cenc::keyIdBytes(s.defaultKid))));
    lines.append(keyLine("identity", expandKeyUri(keyUriTemplate, s.defaultKid)));
    if (!s.widevinePssh.isEmpty()) {
        lines.append(keyLine(kWidevineKeyFormat, QStringLiteral("data:text/plain;base64,") + base64(s.widevinePssh),
                             QStringLiteral(",KEYID=0x") + cenc::keyIdToHex(s.defaultKid)));
    }
    if (const QByteArray pro = playReadyObjectOf(s.playReadyPssh); !pro.isEmpty()) {
        lines.append(
            keyLine(kPlayReadyKeyFormat, QStringLiteral("data:text/plain;charset=UTF-16;base64,") + base64(pro)));
    }
    return lines;
}

QString hlsAes128KeyLine(const QString &keyUri, const std::optional<cenc::AesIv> &iv)
{
    QString line = QStringLiteral("#EXT-X-KEY:METHOD=AES-128,URI=\"%1\"").arg(keyUri);
    if (iv) {
        const QByteArray bytes(reinterpret_cast<const char *>(iv->data()), qsizetype(iv->size()));
        line += QStringLiteral(",IV=0x") + QString::fromLatin1(bytes.toHex());
    }
    return line;
}

} // namespace rendition
