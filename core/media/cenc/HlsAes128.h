#pragma once
// HLS full-segment encryption, METHOD=AES-128 (RFC 8216 §4.3.2.4, §5.2): each finished MPEG-TS
// segment is replaced by AES-128-CBC(key, IV) of the whole file with PKCS#7 padding.
//
// IV: unless one is given, the segment's media sequence number as a 16-byte big-endian integer —
// the IV a client uses when EXT-X-KEY has no IV attribute (hls.js, shaka, FFmpeg, Safari), so the
// playlist needs no per-segment key line.
//
// Contract
//  - Key bytes never appear in an Error, a log line or a file name (CencTypes.h rule); IVs are
//    public (they may go into playlists).
//  - Files are rewritten in place: the ciphertext goes to "<name>.part" next to the file and is
//    renamed over it, so a reader sees either the clear or the encrypted file, never a mix. Not
//    fsynced (publishing owns durability). Encrypting a file twice encrypts it twice: callers run
//    this exactly once per finished segment.
//  - Errors: hlsaes.read, hlsaes.write, hlsaes.crypto, hlsaes.no_segments, hlsaes.canceled; the
//    context names the file or folder.
//  - Thread-safe: no shared state; each call makes its own cipher context.

#include "core/media/cenc/CencTypes.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace rendition::cenc {

using AesIv = std::array<quint8, 16>;

// The implicit HLS IV: `mediaSequence` big-endian in the 16 bytes (upper 8 bytes zero).
AesIv ivForSequence(quint64 mediaSequence);

// AES-128-CBC with PKCS#7 padding: the output is 16 to 16 + size bytes, a multiple of 16.
Result<QByteArray> encryptAes128Cbc(QByteArrayView clear, const KeyBytes &key, const AesIv &iv);

// Encrypts one finished segment file in place. `iv` defaults to ivForSequence(mediaSequence).
// Returns the IV used.
Result<AesIv> encryptTsSegmentFile(const QString &path, const KeyBytes &key, quint64 mediaSequence,
                                   const std::optional<AesIv> &iv = std::nullopt);

struct EncryptedTsSegment {
    QString fileName; // "seg_00001.ts"
    quint64 mediaSequence = 0;
    AesIv iv{};
};

// Encrypts every seg_*.ts of one rendition folder in place, in name order: the k-th file (from 0)
// gets media sequence firstSequence + k and its implicit IV. `firstSequence` is the playlist's
// EXT-X-MEDIA-SEQUENCE (0 in the playlists PlaylistWriter writes). Checks `cancel` before each
// file ("hlsaes.canceled"; files done stay encrypted, the caller discards the folder). A folder
// without segments is "hlsaes.no_segments". Returns one entry per file, in order.
Result<QList<EncryptedTsSegment>> encryptTsTrackDirectory(const QString &dir, const KeyBytes &key,
                                                          quint64 firstSequence, const CancelToken &cancel = {});

} // namespace rendition::cenc
