#pragma once
// Manifest text for protected packages: DASH ContentProtection elements and HLS EXT-X-KEY lines.
// Pure text builders: no I/O, no key material in or out (only the public KID and 'pssh' boxes).
//
// What each player reads (checked in the sources of hls.js 1.7.4, shaka-player 5.2.12 and
// dash.js 5.2.1 pinned in tests/player):
//  - DASH (shaka, dash.js): the mp4protection element with cenc:default_KID, plus one element per
//    system. ClearKey (W3C, urn:uuid:e2719d58-...) needs no PSSH: dash.js and shaka build a
//    "keyids" request from cenc:default_KID. Widevine and PlayReady carry their box in <cenc:pssh>.
//  - HLS fMP4 'cenc' (METHOD=SAMPLE-AES-CTR): one EXT-X-KEY per key format; each player keeps the
//    formats it knows and ignores the others with a warning.
//      hls.js  KEYFORMAT="org.w3.clearkey": the data: URI is the 16-byte KID itself (hls.js takes
//              the first 16 decoded bytes as the KID, so a PSSH box there would give a wrong KID),
//              then asks its ClearKey license server for the key.
//      shaka   KEYFORMAT="identity": URI returns the 16 raw key bytes (the preset's key_uri with
//              {kid} = hex KID, served by a key server); the KID comes from the init segment's
//              tenc. shaka rejects org.w3.clearkey (HLS_KEYFORMATS_NOT_SUPPORTED when alone);
//              hls.js ignores identity with SAMPLE-AES-CTR.
//      both    Widevine KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed", URI = data: of
//              the complete Widevine 'pssh' box, KEYID=0x<hex KID> (shaka reads KEYID).
//      both    PlayReady KEYFORMAT="com.microsoft.playready", URI = data: of the PlayReady Object
//              (the box's data, not the box: both players wrap it into a 'pssh' themselves).
//    Put the lines before EXT-X-MAP: hls.js attaches the keys in force at the MAP tag to the init
//    segment.
//  - HLS MPEG-TS (METHOD=AES-128): hls.js, shaka and FFmpeg fetch the key from the URI; without
//    an IV attribute the IV is the segment's media sequence number (what HlsAes128.h uses).
//
// Output conventions: XML elements are one per line (nested lines indented two more spaces),
// each prefixed with `indent` and ending in '\n'; HLS lines have no trailing newline.

#include "core/media/cenc/CencTypes.h"
#include "core/media/cenc/HlsAes128.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace rendition {

inline constexpr auto kMp4ProtectionScheme = "urn:mpeg:dash:mp4protection:2011";
inline constexpr auto kClearKeySchemeUri = "urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e";
inline constexpr auto kWidevineSchemeUri = "urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed";
inline constexpr auto kPlayReadySchemeUri = "urn:uuid:9a04f079-9840-4286-ab92-e65be0885f95";

// Public signalling data of one CENC key. ClearKey is always signalled.
struct CencSignalling {
    cenc::KeyId defaultKid{}; // the tenc default_KID
    QByteArray widevinePssh;  // complete Widevine 'pssh' box (cenc::makeWidevinePssh); empty = not signalled
    QByteArray playReadyPssh; // complete PlayReady 'pssh' box (cenc::makePlayReadyPssh); empty = not signalled
    bool playReadyPro = true; // DASH: also <mspr:pro> with the PlayReady Object
};

// Checks that the boxes are what the fields say (parse, right system, carry defaultKid), so that
// the builders below cannot emit a signal a player would reject. Error "drm.signalling" with the
// system as context; the builders themselves do not check.
Status checkSignalling(const CencSignalling &s);

// Attributes the MPD root needs for mpdContentProtection(): ' xmlns:cenc="urn:mpeg:cenc:2013"'
// and, when PlayReady is signalled, ' xmlns:mspr="urn:microsoft:playready"' (leading space
// included, to append after the existing attributes).
QString mpdNamespaceAttributes(const CencSignalling &s);

// The ContentProtection elements of one AdaptationSet (video and audio share the key).
QString mpdContentProtection(const CencSignalling &s, const QString &indent = QStringLiteral("      "));

// The key URI for `kid`: every "{kid}" in `keyUriTemplate` (preset drm.key_uri) becomes the
// 32-digit lower-case hex KID.
QString expandKeyUri(const QString &keyUriTemplate, const cenc::KeyId &kid);

// EXT-X-KEY lines for an fMP4 'cenc' media playlist, in this order: org.w3.clearkey (hls.js),
// identity (shaka; URI = expandKeyUri(keyUriTemplate, defaultKid)), Widevine, PlayReady.
QStringList hlsSampleAesCtrKeyLines(const CencSignalling &s, const QString &keyUriTemplate);

// "#EXT-X-KEY:METHOD=AES-128,URI=\"<keyUri>\"" plus ",IV=0x<32 hex>" when `iv` is given; without
// it the IV of each segment is its media sequence number. `keyUri` is used as given.
QString hlsAes128KeyLine(const QString &keyUri, const std::optional<cenc::AesIv> &iv = std::nullopt);

} // namespace rendition
