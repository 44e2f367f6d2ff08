#pragma once
// A small ISO-BMFF (ISO/IEC 14496-12) box reader/writer: parse a box tree from bytes, find
// and replace children, serialise with every size recomputed. Knows nothing about
// encryption; the CENC encryptor is built on it.
//
// Contract
//  - Ownership: parseBoxes()/parseBox() copy what they keep. A Box owns its bytes and never
//    refers to the input after the call returns. scanBoxes() copies nothing: its BoxSpans are
//    offsets into the caller's buffer (valid as long as the caller keeps the buffer).
//  - Containers: only the types listed by isContainerType() (moov, trak, mdia, minf, stbl,
//    dinf, edts, mvex, moof, traf, mfra, sinf, schi, stsd and the sample entries avc1, avc3,
//    hvc1, hev1, av01, mp4a, ac-3, ec-3, Opus, encv, enca) are split into children. A container's
//    body may start with fixed fields before its first child (stsd: version/flags +
//    entry_count = 8 bytes; visual sample entry: 78 bytes; audio sample entry: 28 bytes, 44/64
//    for QuickTime sound v1/v2); those bytes are kept in `body`. Every other box is a leaf whose
//    body is kept byte for byte (a 'uuid' box keeps its 16-byte user type in `body`).
//  - Sizes: 32-bit sizes, 64-bit sizes (size == 1 + largesize) and "extends to the end"
//    (size == 0, top level only) are read. serialize() writes a 64-bit size when the box needs
//    one or was read with one (`largeSize`), otherwise 32 bits; a size-0 box is written with its
//    explicit size.
//  - Failure: malformed input (a size smaller than its header, a box running past its parent,
//    a container prefix longer than the box) gives Error{"cenc.bad_box", sentence, "box 'trun'
//    at byte 84"}. Nothing throws. Parsing is bounded by the input size; it never reads past it.
//  - Threading: plain values; no shared state.

#include "core/media/cenc/CencTypes.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace rendition::cenc {

struct Box {
    quint32 type = 0;
    QByteArray body;           // leaf: the whole body; container: fixed fields before the children
    std::vector<Box> children; // containers only, in file order
    bool container = false;
    bool largeSize = false; // read with (or forced to) a 64-bit size field

    static Box leaf(quint32 type, QByteArray body);
    static Box makeContainer(quint32 type, std::vector<Box> children = {}, QByteArray prefix = {});
    // A full box (version + 24-bit flags) leaf; `payload` follows the 4-byte version/flags.
    static Box fullBox(quint32 type, quint8 version, quint32 flags, QByteArrayView payload);

    // First direct child of that type, or nullptr. The pointer is invalidated by any change to
    // `children`.
    Box *child(quint32 childType);
    const Box *child(quint32 childType) const;
    // Every direct child of that type, in order.
    std::vector<Box *> childrenOfType(quint32 childType);
    std::vector<const Box *> childrenOfType(quint32 childType) const;
    // Replaces the first child of that type (appends when there is none).
    void replaceChild(Box replacement);
    // Removes every direct child of that type; returns how many were removed.
    int removeChildren(quint32 childType);

    int headerSize() const;     // 8, or 16 with a 64-bit size (+0: 'uuid' keeps its usertype in body)
    qint64 size() const;        // serialised size including the header, recomputed from the tree
    qint64 payloadSize() const; // size() - headerSize()
    void appendTo(QByteArray &out) const;
    QByteArray serialize() const;

    // Full-box accessors for leaves whose body starts with version + flags (0 when too short).
    quint8 version() const;
    quint32 flags() const;
};

// First box of `type` along a path of direct children starting in `roots`,
// e.g. findPath(roots, {fourcc("moov"), fourcc("trak"), fourcc("mdia")}).
Box *findPath(std::vector<Box> &roots, std::initializer_list<quint32> path);
const Box *findPath(const std::vector<Box> &roots, std::initializer_list<quint32> path);
Box *findPath(Box &root, std::initializer_list<quint32> path); // path below root

bool isContainerType(quint32 type);

// Parses every box in `data` (which must be a sequence of whole boxes).
// `baseOffset` is only used in error contexts ("at byte N").
Result<std::vector<Box>> parseBoxes(QByteArrayView data, qint64 baseOffset = 0);
// Parses exactly one box spanning all of `data`.
Result<Box> parseBox(QByteArrayView data, qint64 baseOffset = 0);

// Top-level scan without copying: type, offset and sizes of each box in `data`.
struct BoxSpan {
    quint32 type = 0;
    qint64 offset = 0;  // of the first header byte, relative to data
    qint64 size = 0;    // including the header
    int headerSize = 8; // 8 or 16 (64-bit size)
    qint64 end() const { return offset + size; }
    qint64 payloadOffset() const { return offset + headerSize; }
};
Result<std::vector<BoxSpan>> scanBoxes(QByteArrayView data);

// ---- big-endian helpers --------------------------------------------------------------------

// Bounds-checked reader: on overrun ok() becomes false and reads return 0 / empty. Callers read
// a whole structure and check ok() once.
class ByteReader {
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}
    quint8 u8();
    quint16 u16();
    quint32 u24();
    quint32 u32();
    quint64 u64();
    QByteArrayView bytes(qsizetype n);
    void skip(qsizetype n);
    bool ok() const { return m_ok; }
    qsizetype pos() const { return m_pos; }
    qsizetype remaining() const { return m_data.size() - m_pos; }

private:
    bool need(qsizetype n);
    QByteArrayView m_data;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

namespace be {
void put8(QByteArray &out, quint8 v);
void put16(QByteArray &out, quint16 v);
void put24(QByteArray &out, quint32 v);
void put32(QByteArray &out, quint32 v);
void put64(QByteArray &out, quint64 v);
void write32(char *at, quint32 v);
void write64(char *at, quint64 v);
quint32 read32(const char *at);
quint64 read64(const char *at);
} // namespace be

} // namespace rendition::cenc
