// 'cenc' encryption of clear CMAF init and media segments. See CencEncryptor.h for the contract.

#include "core/media/cenc/CencEncryptor.h"

#include "core/util/FileIo.h"

#include "core/media/cenc/Box.h"
#include "core/media/cenc/Subsamples.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <vector>

namespace rendition::cenc {

namespace {

constexpr quint32 kTfhdBaseDataOffset = 0x000001;
constexpr quint32 kTfhdSampleDescriptionIndex = 0x000002;
constexpr quint32 kTfhdDefaultDuration = 0x000008;
constexpr quint32 kTfhdDefaultSize = 0x000010;
constexpr quint32 kTfhdDefaultFlags = 0x000020;

constexpr quint32 kTrunDataOffset = 0x000001;
constexpr quint32 kTrunFirstSampleFlags = 0x000004;
constexpr quint32 kTrunDuration = 0x000100;
constexpr quint32 kTrunSize = 0x000200;
constexpr quint32 kTrunFlags = 0x000400;
constexpr quint32 kTrunCtsOffset = 0x000800;

constexpr quint32 kSencUseSubsamples = 0x2;
constexpr quint64 kMaxSamplesPerFragment = 1u << 22; // ~19 h of 59.94p in one fragment; guards corrupt counts
constexpr int kPerSampleIvSize = 8;
constexpr int kSencFirstIvOffset = 16; // senc header (8) + version/flags (4) + sample_count (4)

enum class TrackKind { Invalid = 0, H264, Hevc, Audio };

struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

Error err(const char *code, const QString &message, const QString &context = {})
{
    return makeError(QString::fromLatin1(code), message, context);
}

// One sample to encrypt: where it is in the input, its IV and its slice of the subsample list.
struct SampleJob {
    qint64 inOffset = 0;
    quint32 size = 0;
    quint64 iv = 0;
    size_t spanIndex = 0; // the mdat (top-level span) holding the sample
    size_t firstSub = 0;
    size_t subCount = 0; // 0: whole-sample encryption
};

// What encryptInit() learned about the track; read-only afterwards.
struct TrackParams {
    quint32 trackId = 0;
    TrackKind kind = TrackKind::Invalid;
    int nalLengthSize = 0;
    quint32 originalFormat = 0;
    quint32 protectedFormat = 0;
    quint32 trexSampleDescriptionIndex = 1;
    quint32 trexDefaultSampleSize = 0;
    quint64 ivBase = 0;
};

} // namespace

struct CencEncryptor::Track : TrackParams {};

CencEncryptor::CencEncryptor(CencOptions options) : m_options(std::move(options)) {}
CencEncryptor::~CencEncryptor() = default;
CencEncryptor::CencEncryptor(CencEncryptor &&) noexcept = default;
CencEncryptor &CencEncryptor::operator=(CencEncryptor &&) noexcept = default;

std::optional<EncryptedTrackInfo> CencEncryptor::trackInfo() const
{
    if (!m_track) return std::nullopt;
    EncryptedTrackInfo i;
    i.trackId = m_track->trackId;
    i.originalFormat = m_track->originalFormat;
    i.protectedFormat = m_track->protectedFormat;
    i.nalLengthSize = m_track->nalLengthSize;
    i.subsampleEncryption = m_track->kind == TrackKind::H264 || m_track->kind == TrackKind::Hevc;
    return i;
}

// ---- init -------------------------------------------------------------------------------------

namespace {

Box makeSinf(quint32 originalFormat, Scheme scheme, const KeyId &kid)
{
    QByteArray frma;
    be::put32(frma, originalFormat);
    QByteArray schm;
    be::put32(schm, schemeFourcc(scheme));
    be::put32(schm, 0x00010000);
    QByteArray tenc;
    be::put8(tenc, 0);                // reserved
    be::put8(tenc, 0);                // reserved (version 0)
    be::put8(tenc, 1);                // default_isProtected
    be::put8(tenc, kPerSampleIvSize); // default_Per_Sample_IV_Size
    tenc.append(keyIdBytes(kid));     // default_KID
    std::vector<Box> schi;
    schi.push_back(Box::fullBox(fourcc("tenc"), 0, 0, tenc));
    std::vector<Box> sinf;
    sinf.push_back(Box::leaf(fourcc("frma"), frma));
    sinf.push_back(Box::fullBox(fourcc("schm"), 0, 0, schm));
    sinf.push_back(Box::makeContainer(fourcc("schi"), std::move(schi)));
    return Box::makeContainer(fourcc("sinf"), std::move(sinf));
}

Result<quint32> trackIdOf(const Box &trak)
{
    const Box *tkhd = trak.child(fourcc("tkhd"));
    if (!tkhd) return err("cenc.not_init", QStringLiteral("The track has no tkhd box."));
    ByteReader r(tkhd->body);
    const quint8 version = r.u8();
    r.u24();
    r.skip(version == 1 ? 16 : 8); // creation + modification time
    const quint32 id = r.u32();
    if (!r.ok() || id == 0) return err("cenc.not_init", QStringLiteral("The tkhd box is cut short or has track ID 0."));
    return id;
}

// Kind and NAL length size from the (clear) sample entry.
Status inspectSampleEntry(const Box &entry, TrackParams &t)
{
    switch (entry.type) {
    case fourcc("avc1"):
    case fourcc("avc3"): {
        const Box *avcC = entry.child(fourcc("avcC"));
        if (!avcC || avcC->body.size() < 5)
            return err("cenc.not_init", QStringLiteral("The H.264 sample entry has no usable avcC box."));
        t.kind = TrackKind::H264;
        t.nalLengthSize = (quint8(avcC->body[4]) & 0x3) + 1;
        break;
    }
    case fourcc("hvc1"):
    case fourcc("hev1"): {
        const Box *hvcC = entry.child(fourcc("hvcC"));
        if (!hvcC || hvcC->body.size() < 23)
            return err("cenc.not_init", QStringLiteral("The HEVC sample entry has no usable hvcC box."));
        t.kind = TrackKind::Hevc;
        t.nalLengthSize = (quint8(hvcC->body[21]) & 0x3) + 1;
        break;
    }
    case fourcc("mp4a"):
    case fourcc("ac-3"):
    case fourcc("ec-3"):
    case fourcc("Opus"):
        t.kind = TrackKind::Audio;
        return {};
    case fourcc("encv"):
    case fourcc("enca"):
        return err("cenc.already_encrypted",
                   QStringLiteral("The init segment is already encrypted; encrypt the clear package instead."));
    case fourcc("av01"):
        return err("cenc.unsupported_codec",
                   QStringLiteral("AV1 encryption is not implemented (its subsample rules need OBU parsing); "
                                  "package AV1 in the clear or choose H.264/HEVC for DRM."));
    default:
        return err("cenc.unsupported_codec",
                   QStringLiteral("Sample entry '%1' cannot be encrypted; supported are avc1/avc3, hvc1/hev1, mp4a, "
                                  "ac-3, ec-3 and Opus.")
                       .arg(fourccToString(entry.type)));
    }
    if (t.nalLengthSize == 3)
        return err("cenc.not_init", QStringLiteral("A 3-byte NAL length size is not allowed by ISO/IEC 14496-15."));
    return {};
}

// trex defaults of the track (a tfhd may rely on them).
Status readTrex(const Box &moov, TrackParams &t)
{
    const Box *mvex = moov.child(fourcc("mvex"));
    if (!mvex)
        return err("cenc.not_init",
                   QStringLiteral("The init segment has no mvex box, so it is not a fragmented (CMAF) track."));
    for (const Box *trex : mvex->childrenOfType(fourcc("trex"))) {
        ByteReader r(trex->body);
        r.u32(); // version + flags
        const quint32 id = r.u32();
        const quint32 sdi = r.u32();
        r.u32(); // default_sample_duration
        const quint32 size = r.u32();
        if (r.ok() && id == t.trackId) {
            t.trexSampleDescriptionIndex = sdi;
            t.trexDefaultSampleSize = size;
        }
    }
    return {};
}

} // namespace

Result<QByteArray> CencEncryptor::encryptInit(QByteArrayView clearInit)
{
    if (m_options.scheme != Scheme::Cenc)
        return err("cenc.unsupported_scheme",
                   QStringLiteral("Only the 'cenc' protection scheme is implemented; choose cenc (cbcs is not "
                                  "available yet)."));
    Result<std::vector<Box>> parsed = parseBoxes(clearInit);
    if (!parsed) return parsed.error();
    std::vector<Box> roots = std::move(parsed.value());
    Box *moov = findPath(roots, {fourcc("moov")});
    if (!moov)
        return err("cenc.not_init",
                   QStringLiteral("There is no moov box; pass the init segment (init.mp4), not a media segment."));
    std::vector<Box *> traks = moov->childrenOfType(fourcc("trak"));
    if (traks.size() != 1)
        return err("cenc.unsupported_layout",
                   QStringLiteral("The init segment has %1 tracks; CMAF packages carry exactly one per file.")
                       .arg(traks.size()));
    Result<quint32> trackId = trackIdOf(*traks.front());
    if (!trackId) return trackId.error();
    Box *stsd = findPath(*traks.front(), {fourcc("mdia"), fourcc("minf"), fourcc("stbl"), fourcc("stsd")});
    if (!stsd || stsd->children.size() != 1)
        return err("cenc.unsupported_layout",
                   QStringLiteral("The track needs exactly one sample description (stsd entry)."));
    Box &entry = stsd->children.front();

    auto track = std::make_unique<Track>();
    track->trackId = trackId.value();
    track->originalFormat = entry.type;
    if (Status s = inspectSampleEntry(entry, *track); !s) return s.error();
    if (Status s = readTrex(*moov, *track); !s) return s.error();
    track->protectedFormat = track->kind == TrackKind::Audio ? fourcc("enca") : fourcc("encv");

    // Rename the entry and append sinf; append the pssh boxes to moov.
    entry.type = track->protectedFormat;
    entry.removeChildren(fourcc("sinf"));
    entry.children.push_back(makeSinf(track->originalFormat, m_options.scheme, m_options.key.kid));
    for (int i = 0; i < m_options.psshBoxes.size(); ++i) {
        Result<Box> pssh = parseBox(m_options.psshBoxes[i]);
        if (!pssh || pssh->type != fourcc("pssh"))
            return err("cenc.bad_pssh",
                       QStringLiteral("PSSH box %1 of the options is not a complete 'pssh' box.").arg(i + 1));
        moov->children.push_back(std::move(pssh.value()));
    }

    if (m_options.ivBase) {
        track->ivBase = *m_options.ivBase;
    } else if (RAND_bytes(reinterpret_cast<unsigned char *>(&track->ivBase), sizeof track->ivBase) != 1) {
        return err("cenc.random", QStringLiteral("The system random generator failed; IVs cannot be made safely."));
    }

    QByteArray out;
    qint64 total = 0;
    for (const Box &b : roots)
        total += b.size();
    out.reserve(qsizetype(total));
    for (const Box &b : roots)
        b.appendTo(out);
    m_track = std::move(track);
    return out;
}

// ---- segments ---------------------------------------------------------------------------------

namespace {

struct FragmentContext {
    QByteArrayView in;
    const std::vector<BoxSpan> *spans = nullptr;
    size_t moofIndex = 0;
    QString name;
};

// Where `size` bytes at input offset `off` live: the index of the top-level mdat holding them.
std::optional<size_t> mdatHolding(const std::vector<BoxSpan> &spans, qint64 off, qint64 size)
{
    for (size_t i = 0; i < spans.size(); ++i) {
        const BoxSpan &s = spans[i];
        if (s.type == fourcc("mdat") && off >= s.payloadOffset() && off + size <= s.end()) return i;
    }
    return std::nullopt;
}

// Patches a sidx (in `out`, at its output position) for the new layout.
Status patchSidx(char *sidx, qint64 inAnchor, qint64 outAnchor, const std::function<std::optional<qint64>(qint64)> &map,
                 const QString &ctx)
{
    const qint64 size = be::read32(sidx) == 1 ? qint64(be::read64(sidx + 8)) : qint64(be::read32(sidx));
    const int header = be::read32(sidx) == 1 ? 16 : 8;
    char *body = sidx + header;
    const qint64 bodySize = size - header;
    const quint8 version = quint8(body[0]);
    const qint64 fixed = version == 0 ? 4 + 4 + 4 + 4 + 4 + 2 + 2 : 4 + 4 + 4 + 8 + 8 + 2 + 2;
    if (bodySize < fixed) return err("cenc.bad_box", QStringLiteral("The sidx box is cut short."), ctx);
    char *firstOffsetAt = body + (version == 0 ? 16 : 20);
    const quint64 firstOffset = version == 0 ? be::read32(firstOffsetAt) : be::read64(firstOffsetAt);
    const int refCount = (quint8(body[fixed - 2]) << 8) | quint8(body[fixed - 1]);
    if (bodySize < fixed + qint64(refCount) * 12)
        return err("cenc.bad_box", QStringLiteral("The sidx references run past the box."), ctx);
    qint64 inStart = inAnchor + qint64(firstOffset);
    const std::optional<qint64> outFirst = map(inStart);
    if (!outFirst)
        return err("cenc.unsupported_layout",
                   QStringLiteral("The sidx does not point at a box boundary inside this segment."), ctx);
    if (version == 0)
        be::write32(firstOffsetAt, quint32(*outFirst - outAnchor));
    else
        be::write64(firstOffsetAt, quint64(*outFirst - outAnchor));
    char *ref = body + fixed;
    for (int i = 0; i < refCount; ++i, ref += 12) {
        const quint32 word = be::read32(ref);
        const qint64 inEnd = inStart + qint64(word & 0x7fffffff);
        const std::optional<qint64> a = map(inStart);
        const std::optional<qint64> b = map(inEnd);
        if (!a || !b)
            return err(
                "cenc.unsupported_layout",
                QStringLiteral("sidx reference %1 does not end on a box boundary inside this segment.").arg(i + 1),
                ctx);
        const qint64 newSize = *b - *a;
        if (newSize > 0x7fffffff)
            return err("cenc.unsupported_layout", QStringLiteral("A sidx reference grew past 2 GiB."), ctx);
        be::write32(ref, (word & 0x80000000u) | quint32(newSize));
        inStart = inEnd;
    }
    return {};
}

// Patches every tfra moof_offset inside an mfra (in `out`) for the new layout.
Status patchMfra(char *mfra, qint64 size, const std::function<std::optional<qint64>(qint64)> &map, const QString &ctx)
{
    const int header = be::read32(mfra) == 1 ? 16 : 8;
    Result<std::vector<BoxSpan>> kids = scanBoxes(QByteArrayView(mfra + header, size - header));
    if (!kids) return kids.error();
    for (const BoxSpan &k : kids.value()) {
        if (k.type != fourcc("tfra")) continue;
        char *body = mfra + header + k.payloadOffset();
        const qint64 bodySize = k.size - k.headerSize;
        if (bodySize < 16) return err("cenc.bad_box", QStringLiteral("A tfra box is cut short."), ctx);
        const quint8 version = quint8(body[0]);
        const quint32 lengths = be::read32(body + 8);
        const int trafBytes = int((lengths >> 4) & 3) + 1;
        const int trunBytes = int((lengths >> 2) & 3) + 1;
        const int sampleBytes = int(lengths & 3) + 1;
        const quint32 entries = be::read32(body + 12);
        const int timeBytes = version == 1 ? 8 : 4;
        const qint64 entrySize = 2 * timeBytes + trafBytes + trunBytes + sampleBytes;
        if (bodySize < 16 + qint64(entries) * entrySize)
            return err("cenc.bad_box", QStringLiteral("The tfra entries run past the box."), ctx);
        char *e = body + 16;
        for (quint32 i = 0; i < entries; ++i, e += entrySize) {
            char *offAt = e + timeBytes;
            const qint64 inOff = version == 1 ? qint64(be::read64(offAt)) : qint64(be::read32(offAt));
            const std::optional<qint64> outOff = map(inOff);
            if (!outOff)
                return err("cenc.unsupported_layout",
                           QStringLiteral("A tfra entry does not point at a moof inside this file."), ctx);
            if (version == 1)
                be::write64(offAt, quint64(*outOff));
            else if (*outOff > qint64(std::numeric_limits<quint32>::max()))
                return err("cenc.unsupported_layout", QStringLiteral("A tfra offset no longer fits 32 bits."), ctx);
            else
                be::write32(offAt, quint32(*outOff));
        }
    }
    return {};
}

} // namespace

namespace {

// The samples of one moof: where they are, their IVs and subsample maps, and the trun boxes whose
// data_offset must move.
struct Fragment {
    size_t firstJob = 0;
    std::vector<size_t> trunsWithOffset; // indices into the traf's children
};

// Reads tfhd + truns of the moof's single traf and appends one SampleJob per sample (offsets in the
// input; IVs and subsamples are filled later).
Result<Fragment> collectSamples(const Box &traf, const BoxSpan &moofSpan, const TrackParams &t,
                                std::vector<SampleJob> &jobs, const QString &ctx)
{
    for (quint32 type : {fourcc("senc"), fourcc("saiz"), fourcc("saio")})
        if (traf.child(type))
            return err("cenc.already_encrypted",
                       QStringLiteral("The segment already carries encryption boxes; encrypt the clear package."), ctx);
    const Box *tfhd = traf.child(fourcc("tfhd"));
    if (!tfhd) return err("cenc.bad_box", QStringLiteral("The traf has no tfhd."), ctx);
    ByteReader th(tfhd->body);
    th.u8();
    const quint32 tfFlags = th.u24();
    const quint32 trackId = th.u32();
    if (tfFlags & kTfhdBaseDataOffset)
        return err("cenc.unsupported_layout",
                   QStringLiteral("tfhd uses an explicit base_data_offset; only moof-relative CMAF fragments are "
                                  "supported."),
                   ctx);
    const quint32 sdi = (tfFlags & kTfhdSampleDescriptionIndex) ? th.u32() : t.trexSampleDescriptionIndex;
    if (tfFlags & kTfhdDefaultDuration) th.u32();
    const bool hasDefaultSize = (tfFlags & kTfhdDefaultSize) || t.trexDefaultSampleSize;
    const quint32 defaultSize = (tfFlags & kTfhdDefaultSize) ? th.u32() : t.trexDefaultSampleSize;
    if (tfFlags & kTfhdDefaultFlags) th.u32();
    if (!th.ok()) return err("cenc.bad_box", QStringLiteral("The tfhd box is cut short."), ctx);
    if (trackId != t.trackId)
        return err("cenc.track_mismatch",
                   QStringLiteral("The fragment is for track %1 but the init segment describes track %2; pair each "
                                  "segment with its own init.")
                       .arg(trackId)
                       .arg(t.trackId),
                   ctx);
    if (sdi != 1)
        return err("cenc.unsupported_layout",
                   QStringLiteral("The fragment uses sample description %1; only the first is encrypted.").arg(sdi),
                   ctx);

    // Base data offset = the moof start (default-base-is-moof, or no base flag with one traf).
    Fragment f;
    f.firstJob = jobs.size();
    qint64 cursor = moofSpan.offset;
    bool firstTrun = true;
    for (size_t ci = 0; ci < traf.children.size(); ++ci) {
        if (traf.children[ci].type != fourcc("trun")) continue;
        ByteReader r(traf.children[ci].body);
        r.u8();
        const quint32 flags = r.u24();
        const quint32 count = r.u32();
        if (flags & kTrunDataOffset) {
            cursor = moofSpan.offset + qint32(r.u32());
            f.trunsWithOffset.push_back(ci);
        } else if (firstTrun) {
            return err("cenc.unsupported_layout",
                       QStringLiteral("The first trun has no data_offset, so its samples cannot be located."), ctx);
        }
        firstTrun = false;
        if (flags & kTrunFirstSampleFlags) r.u32();
        if (!r.ok()) return err("cenc.bad_box", QStringLiteral("The trun box is cut short."), ctx);
        if (quint64(jobs.size() - f.firstJob) + count > kMaxSamplesPerFragment)
            return err("cenc.unsupported_layout",
                       QStringLiteral("The fragment claims %1 samples, more than any real fragment holds; the trun "
                                      "is corrupt.")
                           .arg(count),
                       ctx);
        if (!(flags & kTrunSize) && !hasDefaultSize)
            return err("cenc.bad_box", QStringLiteral("Sample sizes are neither in trun nor defaulted."), ctx);
        for (quint32 i = 0; i < count; ++i) {
            if (flags & kTrunDuration) r.u32();
            const quint32 size = (flags & kTrunSize) ? r.u32() : defaultSize;
            if (flags & kTrunFlags) r.u32();
            if (flags & kTrunCtsOffset) r.u32();
            if (!r.ok()) return err("cenc.bad_box", QStringLiteral("The trun sample table is cut short."), ctx);
            SampleJob job;
            job.inOffset = cursor;
            job.size = size;
            jobs.push_back(job);
            cursor += size;
        }
    }
    return f;
}

// The three boxes describing a fragment's samples, in the order they are appended to the traf.
struct AuxBoxes {
    Box saiz, saio, senc;
};

// Locates each sample of the fragment in an mdat, gives it its IV and (video) its subsample map,
// and builds saiz/saio/senc. saio's offset is left 0 (see placeAuxBoxes).
Result<AuxBoxes> describeSamples(QByteArrayView in, const std::vector<BoxSpan> &spans, const TrackParams &t,
                                 quint64 sequence, quint64 &sampleIndex, std::vector<SampleJob> &jobs, size_t firstJob,
                                 std::vector<Subsample> &subs, const QString &ctx)
{
    const bool video = t.kind != TrackKind::Audio;
    const NalCodec codec = t.kind == TrackKind::H264 ? NalCodec::H264 : NalCodec::Hevc;
    const quint32 count = quint32(jobs.size() - firstJob);
    QByteArray senc;
    be::put32(senc, count);
    std::vector<quint8> infoSizes;
    infoSizes.reserve(count);
    std::vector<std::pair<qint64, qint64>> ranges;
    for (size_t j = firstJob; j < jobs.size(); ++j) {
        SampleJob &job = jobs[j];
        const QString sampleCtx = QStringLiteral("%1, sample %2").arg(ctx).arg(j - firstJob + 1);
        const std::optional<size_t> mdat = mdatHolding(spans, job.inOffset, job.size);
        if (!mdat)
            return err("cenc.sample_outside_mdat",
                       QStringLiteral("The sample's bytes are not inside an mdat of this segment; the trun offsets "
                                      "or sizes are wrong."),
                       sampleCtx);
        job.spanIndex = *mdat;
        ranges.emplace_back(job.inOffset, job.size);
        job.iv = t.ivBase + (sequence << 32) + sampleIndex++;
        be::put64(senc, job.iv);
        int infoSize = kPerSampleIvSize;
        if (video) {
            Result<QList<Subsample>> map = nalSubsamples(in.sliced(job.inOffset, job.size), codec, t.nalLengthSize);
            if (!map) return err("cenc.bad_nal", map.error().message, sampleCtx + u' ' + map.error().context);
            job.firstSub = subs.size();
            job.subCount = size_t(map->size());
            infoSize += 2 + 6 * int(map->size());
            if (infoSize > 255)
                return err("cenc.too_many_subsamples",
                           QStringLiteral("The sample needs %1 subsamples, more than saiz can describe (41); encode "
                                          "with fewer slices per picture.")
                               .arg(map->size()),
                           sampleCtx);
            be::put16(senc, quint16(map->size()));
            for (const Subsample &s : map.value()) {
                be::put16(senc, s.clearBytes);
                be::put32(senc, s.protectedBytes);
                subs.push_back(s);
            }
        }
        infoSizes.push_back(quint8(infoSize));
    }
    std::sort(ranges.begin(), ranges.end()); // overlapping samples would be encrypted twice
    for (size_t k = 1; k < ranges.size(); ++k)
        if (ranges[k - 1].first + ranges[k - 1].second > ranges[k].first)
            return err("cenc.unsupported_layout", QStringLiteral("Two samples share bytes."), ctx);

    const bool uniform = !infoSizes.empty() &&
                         std::all_of(infoSizes.begin(), infoSizes.end(), [&](quint8 s) { return s == infoSizes[0]; });
    QByteArray saiz;
    be::put8(saiz, uniform ? infoSizes[0] : 0);
    be::put32(saiz, count);
    if (!uniform) saiz.append(reinterpret_cast<const char *>(infoSizes.data()), qsizetype(infoSizes.size()));
    QByteArray saio;
    be::put32(saio, 1); // entry_count
    be::put32(saio, 0); // offset, set by placeAuxBoxes()
    return AuxBoxes{Box::fullBox(fourcc("saiz"), 0, 0, saiz), Box::fullBox(fourcc("saio"), 0, 0, saio),
                    Box::fullBox(fourcc("senc"), 0, video ? kSencUseSubsamples : 0, senc)};
}

// Appends saiz, saio, senc to the traf, moves every trun data_offset by what the moof grew and points
// saio at the first IV in senc (relative to the moof start). Returns the new moof bytes.
Result<QByteArray> placeAuxBoxes(Box &moof, size_t trafIndex, const Fragment &f, AuxBoxes aux, qint64 oldSize,
                                 const QString &ctx)
{
    Box &traf = moof.children[trafIndex];
    traf.children.push_back(std::move(aux.saiz));
    traf.children.push_back(std::move(aux.saio));
    traf.children.push_back(std::move(aux.senc));
    const qint64 growth = moof.size() - oldSize;
    for (size_t ci : f.trunsWithOffset) {
        char *at = traf.children[ci].body.data() + 8; // after version/flags + sample_count
        const qint64 moved = qint64(qint32(be::read32(at))) + growth;
        if (moved > std::numeric_limits<qint32>::max())
            return err("cenc.unsupported_layout", QStringLiteral("The trun data_offset no longer fits 32 bits."), ctx);
        be::write32(at, quint32(qint32(moved)));
    }
    qint64 sencAt = moof.headerSize() + moof.body.size();
    for (size_t ci = 0; ci < trafIndex; ++ci)
        sencAt += moof.children[ci].size();
    sencAt += traf.headerSize() + traf.body.size();
    for (size_t ci = 0; ci + 1 < traf.children.size(); ++ci)
        sencAt += traf.children[ci].size();
    if (traf.children.back().headerSize() != 8 ||
        sencAt + kSencFirstIvOffset > qint64(std::numeric_limits<quint32>::max()))
        return err("cenc.unsupported_layout", QStringLiteral("The senc box is too large for a 32-bit saio."), ctx);
    be::write32(traf.children[traf.children.size() - 2].body.data() + 8, quint32(sencAt + kSencFirstIvOffset));
    return moof.serialize();
}

// Copies the input's top-level boxes into one buffer, moofs replaced, and fixes sidx/mfra offsets.
// outStart[i] receives where box i starts in the output (outStart[n] = total size).
Result<QByteArray> assemble(QByteArrayView in, const std::vector<BoxSpan> &spans,
                            const std::vector<QByteArray> &replacement, std::vector<qint64> &outStart,
                            const QString &name)
{
    outStart.assign(spans.size() + 1, 0);
    qint64 total = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        outStart[i] = total;
        total += replacement[i].isEmpty() ? spans[i].size : replacement[i].size();
    }
    outStart[spans.size()] = total;
    QByteArray out(qsizetype(total), Qt::Uninitialized);
    for (size_t i = 0; i < spans.size(); ++i) {
        if (!replacement[i].isEmpty())
            std::memcpy(out.data() + outStart[i], replacement[i].constData(), size_t(replacement[i].size()));
        else
            std::memcpy(out.data() + outStart[i], in.data() + spans[i].offset, size_t(spans[i].size));
    }
    const auto map = [&](qint64 inOffset) -> std::optional<qint64> {
        if (inOffset == in.size()) return outStart[spans.size()];
        for (size_t i = 0; i < spans.size(); ++i)
            if (spans[i].offset == inOffset) return outStart[i];
        return std::nullopt;
    };
    for (size_t i = 0; i < spans.size(); ++i) {
        const QString ctx =
            QStringLiteral("%1, %2 at byte %3").arg(name, fourccToString(spans[i].type)).arg(spans[i].offset);
        if (spans[i].type == fourcc("sidx")) {
            if (Status s = patchSidx(out.data() + outStart[i], spans[i].end(), outStart[i + 1], map, ctx); !s)
                return s.error();
        } else if (spans[i].type == fourcc("mfra")) {
            if (Status s = patchMfra(out.data() + outStart[i], spans[i].size, map, ctx); !s) return s.error();
        }
    }
    return out;
}

// AES-128-CTR in place, per sample; the counter runs on across the sample's subsamples.
Status encryptSamples(QByteArray &out, const std::vector<SampleJob> &jobs, const std::vector<Subsample> &subs,
                      const std::vector<BoxSpan> &spans, const std::vector<qint64> &outStart, const KeyBytes &key,
                      const QString &name)
{
    CipherCtxPtr cipher(EVP_CIPHER_CTX_new());
    if (!cipher || EVP_EncryptInit_ex(cipher.get(), EVP_aes_128_ctr(), nullptr, key.data(), nullptr) != 1)
        return err("cenc.cipher", QStringLiteral("AES-128-CTR is not available from OpenSSL."), name);
    for (const SampleJob &job : jobs) {
        unsigned char iv[16] = {}; // IV (8 bytes) || block counter (8 bytes, from 0)
        be::write64(reinterpret_cast<char *>(iv), job.iv);
        if (EVP_EncryptInit_ex(cipher.get(), nullptr, nullptr, nullptr, iv) != 1)
            return err("cenc.cipher", QStringLiteral("The cipher could not take a new IV."), name);
        auto *p = reinterpret_cast<unsigned char *>(out.data() + outStart[job.spanIndex] +
                                                    (job.inOffset - spans[job.spanIndex].offset));
        int outLen = 0;
        bool ok = true;
        if (job.subCount == 0) {
            ok = job.size == 0 || EVP_EncryptUpdate(cipher.get(), p, &outLen, p, int(job.size)) == 1;
        } else {
            for (size_t k = job.firstSub; k < job.firstSub + job.subCount && ok; ++k) {
                p += subs[k].clearBytes;
                if (subs[k].protectedBytes)
                    ok = EVP_EncryptUpdate(cipher.get(), p, &outLen, p, int(subs[k].protectedBytes)) == 1;
                p += subs[k].protectedBytes;
            }
        }
        if (!ok) return err("cenc.cipher", QStringLiteral("AES-128-CTR failed on a sample."), name);
    }
    return {};
}

} // namespace

Result<QByteArray> CencEncryptor::encryptSegment(QByteArrayView in, const SegmentInfo &info) const
{
    const QString name = info.name.isEmpty() ? QStringLiteral("segment") : info.name;
    if (!m_track)
        return err("cenc.not_initialized",
                   QStringLiteral("encryptInit() must succeed before segments can be encrypted."), name);
    Result<std::vector<BoxSpan>> scanned = scanBoxes(in);
    if (!scanned) {
        Error e = scanned.error();
        e.context = name + QStringLiteral(", ") + e.context;
        return e;
    }
    const std::vector<BoxSpan> &spans = scanned.value();
    std::vector<QByteArray> replacement(spans.size());
    std::vector<SampleJob> jobs;
    std::vector<Subsample> subs;
    quint64 sampleIndex = 0; // runs across the file's moofs when the caller numbers segments
    int fragments = 0;
    for (size_t si = 0; si < spans.size(); ++si) {
        const BoxSpan &span = spans[si];
        if (span.type == fourcc("moov"))
            return err("cenc.not_segment", QStringLiteral("This is an init segment; use encryptInit() for it."), name);
        if (span.type != fourcc("moof")) continue;
        ++fragments;
        const QString ctx = QStringLiteral("%1, moof at byte %2").arg(name).arg(span.offset);
        Result<Box> moof = parseBox(in.sliced(span.offset, span.size), span.offset);
        if (!moof) return moof.error();
        const Box *mfhd = moof->child(fourcc("mfhd"));
        if (!mfhd || mfhd->body.size() < 8) return err("cenc.bad_box", QStringLiteral("The moof has no mfhd."), ctx);
        std::vector<Box *> trafs = moof->childrenOfType(fourcc("traf"));
        if (trafs.size() != 1)
            return err(
                "cenc.unsupported_layout",
                QStringLiteral("The moof has %1 track fragments; CMAF segments carry exactly one.").arg(trafs.size()),
                ctx);
        const size_t trafIndex = size_t(trafs.front() - moof->children.data());
        Result<Fragment> fragment = collectSamples(*trafs.front(), span, *m_track, jobs, ctx);
        if (!fragment) return fragment.error();
        quint64 sequence = info.sequenceNumber;
        if (!sequence) {
            sequence = be::read32(mfhd->body.constData() + 4);
            sampleIndex = 0;
        }
        Result<AuxBoxes> aux =
            describeSamples(in, spans, *m_track, sequence, sampleIndex, jobs, fragment->firstJob, subs, ctx);
        if (!aux) return aux.error();
        Result<QByteArray> bytes =
            placeAuxBoxes(moof.value(), trafIndex, fragment.value(), std::move(aux.value()), span.size, ctx);
        if (!bytes) return bytes.error();
        replacement[si] = std::move(bytes.value());
    }
    if (fragments == 0)
        return err("cenc.not_segment", QStringLiteral("The segment has no moof box; it is not a CMAF media segment."),
                   name);
    std::vector<qint64> outStart;
    Result<QByteArray> out = assemble(in, spans, replacement, outStart, name);
    if (!out) return out.error();
    if (Status s = encryptSamples(out.value(), jobs, subs, spans, outStart, m_options.key.key, name); !s)
        return s.error();
    return out;
}

// ---- folders ----------------------------------------------------------------------------------

Result<TrackEncryptionStats> encryptTrackDirectory(const QString &clearDir, const QString &outDir,
                                                   const CencOptions &options, const CancelToken &cancel)
{
    const QDir in(clearDir);
    if (!in.exists(QStringLiteral("init.mp4")))
        return err("cenc.read", QStringLiteral("The folder has no init.mp4; point at one rendition's folder."),
                   clearDir);
    if (!QDir().mkpath(outDir))
        return err("cenc.write", QStringLiteral("The output folder could not be created."), outDir);
    const QDir out(outDir);
    if (QFileInfo(in.absolutePath()).canonicalFilePath() == QFileInfo(out.absolutePath()).canonicalFilePath())
        return err("cenc.write", QStringLiteral("The output folder is the clear folder; choose another one."), outDir);

    TrackEncryptionStats stats;
    CencEncryptor encryptor(options);
    Result<QByteArray> init = readWholeFile(in.filePath(QStringLiteral("init.mp4")), "cenc");
    if (!init) return init.error();
    Result<QByteArray> encInit = encryptor.encryptInit(init.value());
    if (!encInit) {
        Error e = encInit.error();
        e.context = e.context.isEmpty() ? in.filePath(QStringLiteral("init.mp4")) : e.context;
        return e;
    }
    if (Status s = replaceFileAtomically(out.filePath(QStringLiteral("init.mp4")), encInit.value(), "cenc"); !s) return s.error();
    stats.bytesIn += init->size();
    stats.bytesOut += encInit->size();

    const QStringList segments = in.entryList({QStringLiteral("*.m4s")}, QDir::Files, QDir::Name);
    for (int i = 0; i < segments.size(); ++i) {
        if (cancel.isCanceled()) return err("cenc.canceled", QStringLiteral("Encryption was cancelled."), clearDir);
        Result<QByteArray> clear = readWholeFile(in.filePath(segments[i]), "cenc");
        if (!clear) return clear.error();
        SegmentInfo si;
        si.sequenceNumber = quint32(i + 1);
        si.name = segments[i];
        Result<QByteArray> enc = encryptor.encryptSegment(clear.value(), si);
        if (!enc) return enc.error();
        if (Status s = replaceFileAtomically(out.filePath(segments[i]), enc.value(), "cenc"); !s) return s.error();
        stats.bytesIn += clear->size();
        stats.bytesOut += enc->size();
        ++stats.segments;
    }
    return stats;
}

} // namespace rendition::cenc
