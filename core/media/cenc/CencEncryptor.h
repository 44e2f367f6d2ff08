#pragma once
// Rendition's own Common Encryption (ISO/IEC 23001-7, scheme 'cenc') for clear CMAF tracks:
// rewrites an init segment and its media segments so that FFmpeg, Shaka/dash.js/hls.js players and
// DRM clients can decrypt them. FFmpeg 5.1 cannot write fragmented CENC, hence this.
//
// Input: what Fmp4TrackWriter writes — init.mp4 = ftyp + moov (one trak, empty sample tables,
// mvex/trex), seg_NNNNN.m4s = [styp] [sidx] (moof + mdat)+ with one traf per moof. Supported
// sample entries: avc1/avc3 (H.264), hvc1/hev1 (HEVC), mp4a/ac-3/ec-3/Opus (audio).
// AV1 (av01) is refused with "cenc.unsupported_codec": its subsample rules need OBU/frame-header
// parsing that is not implemented.
//
// encryptInit(): the sample entry becomes encv/enca with sinf = frma(original format) +
//   schm('cenc', 0x00010000) + schi/tenc(v0: isProtected=1, Per_Sample_IV_Size=8, default_KID);
//   `psshBoxes` are appended to moov. Learns the track ID, the codec, the NAL length size
//   (avcC/hvcC lengthSizeMinusOne + 1) and the trex defaults needed by encryptSegment().
// encryptSegment(): per sample AES-128-CTR with an 8-byte IV (counter block = IV || 64-bit block
//   counter from 0, continuing across the subsamples of a sample). Video: subsample maps from
//   Subsamples.h; audio: whole-sample. Each traf gains saiz (default size or per-sample sizes),
//   saio (one 32-bit offset to the first IV in senc, relative to the moof start) and senc (flags
//   0x2 when subsamples are used), in that order after trun; trun data_offset grows by what the
//   moof grew; sidx referenced_size and mfra/tfra moof_offset are fixed when present.
//
// IVs: IV(sample) = ivBase + (sequence << 32) + sampleIndex (mod 2^64). With
//   SegmentInfo::sequenceNumber != 0, sequence is that number and sampleIndex counts the samples of
//   the whole file (across its moofs); with 0, sequence is each moof's mfhd sequence_number and
//   sampleIndex restarts in each moof. Either way IVs are unique within a track as long as the
//   sequence numbers are. ivBase is 64 random bits (RAND_bytes) per encryptor unless
//   CencOptions::ivBase is set. Distinct tracks sharing one key MUST use distinct encryptors (random
//   ivBase) — never the same fixed ivBase — or counter blocks repeat.
//
// Ownership and threading: the encryptor copies the options (including the key) and never logs
// or returns key bytes; errors never contain them. encryptInit() must succeed once before
// encryptSegment(); encryptInit() is not thread-safe, encryptSegment() is const and may be called
// from several threads at once afterwards (each call makes its own cipher context).
// Failure: Result errors with codes cenc.* and a context ("seg_00003.m4s, sample 17"); the output
// of a failed call is discarded, the encryptor stays usable. Nothing is written to disk here except
// by encryptTrackDirectory().

#include "core/media/cenc/CencTypes.h"
#include "core/util/Progress.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace rendition::cenc {

struct CencOptions {
    Scheme scheme = Scheme::Cenc;  // only Cenc is implemented; Cbcs gives "cenc.unsupported_scheme"
    ContentKey key;                // default_KID + AES key; copied, never logged
    QList<QByteArray> psshBoxes;   // complete 'pssh' boxes (Pssh.h), appended to moov in this order
    std::optional<quint64> ivBase; // tests only: deterministic IVs (see the IV note above)
};

struct SegmentInfo {
    quint32 sequenceNumber = 0; // 1-based index of the segment in its track; 0 = use mfhd
    QString name;               // for error contexts only ("seg_00003.m4s")
};

// What encryptInit() learned, for callers that build manifests or QC.
struct EncryptedTrackInfo {
    quint32 trackId = 0;
    quint32 originalFormat = 0;  // 'avc1', 'mp4a', ...
    quint32 protectedFormat = 0; // 'encv' / 'enca'
    int nalLengthSize = 0;       // 0 for audio
    bool subsampleEncryption = false;
};

class CencEncryptor {
public:
    explicit CencEncryptor(CencOptions options);
    ~CencEncryptor();
    CencEncryptor(CencEncryptor &&) noexcept;
    CencEncryptor &operator=(CencEncryptor &&) noexcept;
    CencEncryptor(const CencEncryptor &) = delete;
    CencEncryptor &operator=(const CencEncryptor &) = delete;

    Result<QByteArray> encryptInit(QByteArrayView clearInit);
    Result<QByteArray> encryptSegment(QByteArrayView clearSegment, const SegmentInfo &info = {}) const;

    bool isInitialized() const { return m_track != nullptr; }
    std::optional<EncryptedTrackInfo> trackInfo() const;

private:
    struct Track;
    CencOptions m_options;
    std::unique_ptr<Track> m_track;
};

struct TrackEncryptionStats {
    int segments = 0;
    qint64 bytesIn = 0;  // init + segments read
    qint64 bytesOut = 0; // init + segments written
};

// Encrypts one track folder as Fmp4TrackWriter left it: `clearDir`/init.mp4 and every
// `clearDir`/*.m4s (in name order; the k-th file gets sequenceNumber k) into `outDir` under the same
// names (created if missing; each file written as "<name>.part" then renamed over the final name, not
// fsynced — the publish step owns durability). Other files are not touched. Checks
// `cancel` between segments ("cenc.canceled"; files already written stay, the caller owns cleanup).
Result<TrackEncryptionStats> encryptTrackDirectory(const QString &clearDir, const QString &outDir,
                                                   const CencOptions &options, const CancelToken &cancel = {});

} // namespace rendition::cenc
