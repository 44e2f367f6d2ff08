#pragma once
// 'pssh' boxes (ISO/IEC 23001-7 §8.1) for the three DRM systems Rendition signals, and a parser
// that reads them back for tests and QC.
//
//  - W3C Common / ClearKey (1077efec-c0b2-4d02-ace3-3c1e52e2fb4b): version 1, KIDs only, no data.
//  - Widevine (edef8ba9-79d6-4ace-a3c8-27dcd51d21ed): version 1 with the KIDs, data = the
//    WidevinePsshData protobuf (key_id = 2, provider = 3, content_id = 4, protection_scheme = 9),
//    hand-encoded.
//  - PlayReady (9a04f079-9840-4286-ab92-e65be0885f95): version 1 with the KID, data = a PlayReady
//    Object with one record of type 1: a UTF-16LE WRMHEADER 4.0.0.0 (cenc: KID + CHECKSUM, the first
//    8 bytes of AES-128-ECB(key, KID as little-endian GUID), both base64) or 4.3.0.0 (cbcs: KID with
//    ALGID="AESCBC", no checksum). Needs the content key for the checksum; the key itself is never
//    written.
//
// Contract: make*() return one complete box (header included) ready to append to 'moov' or to
// base64 into a manifest. Inputs are copied. parsePssh() reads one box; everything it returns is
// public data (no keys). Failures are Errors with codes cenc.pssh_* and never include key bytes.

#include "core/media/cenc/CencTypes.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace rendition::cenc {

namespace systemid {
inline constexpr KeyId kCommon = {0x10, 0x77, 0xef, 0xec, 0xc0, 0xb2, 0x4d, 0x02,
                                  0xac, 0xe3, 0x3c, 0x1e, 0x52, 0xe2, 0xfb, 0x4b};
inline constexpr KeyId kWidevine = {0xed, 0xef, 0x8b, 0xa9, 0x79, 0xd6, 0x4a, 0xce,
                                    0xa3, 0xc8, 0x27, 0xdc, 0xd5, 0x1d, 0x21, 0xed};
inline constexpr KeyId kPlayReady = {0x9a, 0x04, 0xf0, 0x79, 0x98, 0x40, 0x42, 0x86,
                                     0xab, 0x92, 0xe6, 0x5b, 0xe0, 0x88, 0x5f, 0x95};
} // namespace systemid

enum class DrmSystem { Invalid = 0, Common, Widevine, PlayReady, Other };

struct WidevineOptions {
    QString provider;             // field 3, omitted when empty
    QByteArray contentId;         // field 4, omitted when empty
    Scheme scheme = Scheme::Cenc; // field 9 ('cenc' / 'cbcs' as a 32-bit fourcc)
};

struct PlayReadyOptions {
    QString laUrl;                // LA_URL, omitted when empty (XML-escaped on write)
    Scheme scheme = Scheme::Cenc; // Cenc: WRMHEADER 4.0.0.0 AESCTR; Cbcs: 4.3.0.0 AESCBC
};

// Any system: a version-1 box when `kids` is non-empty or version == 1, else version 0.
QByteArray makePssh(const KeyId &systemId, const QList<KeyId> &kids, QByteArrayView data, int version = 1);
QByteArray makeCommonPssh(const QList<KeyId> &kids);
QByteArray makeWidevinePssh(const QList<KeyId> &kids, const WidevineOptions &options = {});
Result<QByteArray> makePlayReadyPssh(const ContentKey &key, const PlayReadyOptions &options = {});

// The WidevinePsshData message alone (for manifests that carry it without the box).
QByteArray widevinePsshData(const QList<KeyId> &kids, const WidevineOptions &options);
// The PlayReady Object alone (DASH mspr:pro carries it base64-encoded).
Result<QByteArray> playReadyObject(const ContentKey &key, const PlayReadyOptions &options);
// First 8 bytes of AES-128-ECB(key, KID in GUID byte order). Public by design (it lets a
// client check that it holds the right key); not the key.
QByteArray playReadyChecksum(const ContentKey &key);

struct PsshInfo {
    int version = 0;
    KeyId systemId{};
    DrmSystem system = DrmSystem::Invalid;
    QList<KeyId> kids; // version 1 KID list
    QByteArray data;   // the raw system data

    // Widevine (when system == Widevine and the data parsed)
    QList<KeyId> widevineKeyIds;
    QString widevineProvider;
    QByteArray widevineContentId;
    quint32 widevineProtectionScheme = 0; // fourcc, 0 when absent

    // PlayReady (when system == PlayReady and the data parsed)
    QString playReadyHeaderXml;   // the WRMHEADER record, decoded from UTF-16LE
    QString playReadyVersion;     // "4.0.0.0", "4.3.0.0", ...
    QList<KeyId> playReadyKids;   // converted back from GUID order to KID order
    QByteArray playReadyChecksum; // decoded CHECKSUM (8 bytes) when present
    QString playReadyAlgorithm;   // "AESCTR" / "AESCBC"
    QString playReadyLaUrl;
};

// Reads one complete 'pssh' box. Errors: cenc.pssh_box (not a pssh / cut short),
// cenc.pssh_widevine (protobuf malformed), cenc.pssh_playready (object or XML malformed).
Result<PsshInfo> parsePssh(QByteArrayView box);

} // namespace rendition::cenc
