#pragma once
// Content protection in the pipeline: obtains the content key (generated, a KID:KEY file
// or a CPIX document), builds the PSSH boxes of the signalled systems, encrypts the
// packaged tracks in place (CENC for CMAF, AES-128 for MPEG-TS HLS) and stores the key
// beside — never inside — the published package: OUT/<asset>/keys/<version>.json, mode
// 0600 in a 0700 folder. Manifests, events and logs only ever see KIDs.

#include "core/media/cenc/CencTypes.h"
#include "core/media/RenditionReader.h"
#include "core/model/Preset.h"
#include "core/pipeline/PlaylistWriter.h"
#include "core/pipeline/Transcoder.h"

#include <QJsonObject>

namespace rendition {

struct DrmOutcome {
    DrmScheme scheme = DrmScheme::None;
    cenc::ContentKey key;          // secret: goes to the key store only
    QList<QByteArray> psshBoxes;   // cenc: Common/ClearKey, then Widevine, PlayReady when asked for
    QByteArray widevinePssh;       // also in psshBoxes; empty when not signalled
    QByteArray playReadyPssh;
    QStringList systems;           // "clearkey", "widevine", "playready"
    QString keyUriTemplate;        // HLS key URI, {kid} = hex KID
    QJsonObject manifestJson() const; // scheme, kid, systems, key store — never the key
    RenditionKey readerKey() const;   // for the decrypting reader (QC)
};

// Key + PSSH per the policy. Errors name the key file / CPIX document and what is wrong.
Result<DrmOutcome> prepareDrm(const DrmPolicy &policy, const CancelToken &cancel);

// Encrypts every track of `result` in place and refreshes its segment byte counts.
Status protectTracks(const DrmOutcome &drm, TranscodeResult &result, const CancelToken &cancel);

// Decodes every protected track with the decrypting reader and checks it yields as many
// frames as were encoded, without decode errors: the published bytes really decrypt.
Status verifyDecryption(const DrmOutcome &drm, const TranscodeResult &result, const CancelToken &cancel);

// HLS EXT-X-KEY lines and DASH ContentProtection elements for the package.
PlaylistDrm playlistDrm(const DrmOutcome &drm);

// Writes the key to OUT/<asset>/keys/<name>.json (0600); returns the path.
Result<QString> writeKeyStore(const DrmOutcome &drm, const QString &assetDir, const QString &name, const QString &assetName);

} // namespace rendition
