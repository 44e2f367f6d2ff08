// ISO-BMFF box tree: parsing, lookup, serialisation. See Box.h for the contract.

#include "core/media/cenc/Box.h"

#include <cstring>
#include <limits>

namespace rendition::cenc {

namespace {

constexpr int kMaxDepth = 16; // far deeper than any real file; stops hostile recursion

Error boxError(const QString &what, quint32 type, qint64 offset)
{
    return makeError(QStringLiteral("cenc.bad_box"), what,
                     QStringLiteral("box '%1' at byte %2").arg(fourccToString(type)).arg(offset));
}

// Bytes of fixed fields before the first child box of a container body.
qsizetype containerPrefix(quint32 type, QByteArrayView body)
{
    switch (type) {
    case fourcc("stsd"):
        return 8; // version/flags + entry_count
    case fourcc("avc1"):
    case fourcc("avc3"):
    case fourcc("hvc1"):
    case fourcc("hev1"):
    case fourcc("av01"):
    case fourcc("encv"):
        return 78; // SampleEntry(8) + VisualSampleEntry fields(70)
    case fourcc("mp4a"):
    case fourcc("ac-3"):
    case fourcc("ec-3"):
    case fourcc("Opus"):
    case fourcc("enca"): {
        // SampleEntry(8) + AudioSampleEntry(20); QuickTime sound description v1/v2 are longer.
        if (body.size() < 10) return 28;
        const quint16 soundVersion = quint16((quint8(body[8]) << 8) | quint8(body[9]));
        return soundVersion == 1 ? 44 : soundVersion == 2 ? 64 : 28;
    }
    default:
        return 0;
    }
}

Result<std::vector<Box>> parseRange(QByteArrayView data, qint64 baseOffset, int depth);

Result<Box> parseOne(QByteArrayView data, qsizetype &pos, qint64 baseOffset, int depth, bool topLevel)
{
    const qint64 at = baseOffset + pos;
    const qsizetype left = data.size() - pos;
    if (left < 8) return boxError(QStringLiteral("A box header is cut short."), 0, at);
    const char *p = data.data() + pos;
    quint64 size = be::read32(p);
    const quint32 type = be::read32(p + 4);
    int header = 8;
    bool large = false;
    if (size == 1) {
        if (left < 16) return boxError(QStringLiteral("A 64-bit box size is cut short."), type, at);
        size = be::read64(p + 8);
        header = 16;
        large = true;
    } else if (size == 0) {
        if (!topLevel)
            return boxError(QStringLiteral("A nested box claims to extend to the end of the file."), type, at);
        size = quint64(left);
    }
    if (size < quint64(header)) return boxError(QStringLiteral("The box size is smaller than its header."), type, at);
    if (size > quint64(left))
        return boxError(
            QStringLiteral("The box runs past the end of its parent (%1 bytes declared, %2 left).").arg(size).arg(left),
            type, at);

    Box box;
    box.type = type;
    box.largeSize = large;
    const QByteArrayView body = data.sliced(pos + header, qsizetype(size) - header);
    if (isContainerType(type)) {
        if (depth >= kMaxDepth) return boxError(QStringLiteral("Boxes are nested too deeply."), type, at);
        const qsizetype prefix = containerPrefix(type, body);
        if (prefix > body.size())
            return boxError(QStringLiteral("The box is shorter than its fixed fields."), type, at);
        box.container = true;
        box.body = body.first(prefix).toByteArray();
        Result<std::vector<Box>> kids = parseRange(body.sliced(prefix), at + header + prefix, depth + 1);
        if (!kids) return kids.error();
        box.children = std::move(kids.value());
    } else {
        box.body = body.toByteArray();
    }
    pos += qsizetype(size);
    return box;
}

Result<std::vector<Box>> parseRange(QByteArrayView data, qint64 baseOffset, int depth)
{
    std::vector<Box> out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        Result<Box> b = parseOne(data, pos, baseOffset, depth, depth == 0);
        if (!b) return b.error();
        out.push_back(std::move(b.value()));
    }
    return out;
}

template <typename BoxT> BoxT *findIn(std::vector<BoxT> &list, quint32 type)
{
    for (auto &b : list)
        if (b.type == type) return &b;
    return nullptr;
}

} // namespace

// ---- Box ------------------------------------------------------------------------------------

Box Box::leaf(quint32 type, QByteArray body)
{
    Box b;
    b.type = type;
    b.body = std::move(body);
    return b;
}

Box Box::makeContainer(quint32 type, std::vector<Box> children, QByteArray prefix)
{
    Box b;
    b.type = type;
    b.container = true;
    b.children = std::move(children);
    b.body = std::move(prefix);
    return b;
}

Box Box::fullBox(quint32 type, quint8 version, quint32 flags, QByteArrayView payload)
{
    QByteArray body;
    body.reserve(4 + payload.size());
    be::put8(body, version);
    be::put24(body, flags);
    body.append(payload);
    return leaf(type, std::move(body));
}

Box *Box::child(quint32 childType)
{
    return findIn(children, childType);
}

const Box *Box::child(quint32 childType) const
{
    for (const Box &b : children)
        if (b.type == childType) return &b;
    return nullptr;
}

std::vector<Box *> Box::childrenOfType(quint32 childType)
{
    std::vector<Box *> out;
    for (Box &b : children)
        if (b.type == childType) out.push_back(&b);
    return out;
}

std::vector<const Box *> Box::childrenOfType(quint32 childType) const
{
    std::vector<const Box *> out;
    for (const Box &b : children)
        if (b.type == childType) out.push_back(&b);
    return out;
}

void Box::replaceChild(Box replacement)
{
    if (Box *existing = child(replacement.type)) {
        *existing = std::move(replacement);
        return;
    }
    children.push_back(std::move(replacement));
}

int Box::removeChildren(quint32 childType)
{
    const auto before = children.size();
    std::erase_if(children, [childType](const Box &b) { return b.type == childType; });
    return int(before - children.size());
}

qint64 Box::payloadSize() const
{
    qint64 n = body.size();
    for (const Box &c : children)
        n += c.size();
    return n;
}

int Box::headerSize() const
{
    const bool needsLarge = payloadSize() + 8 > qint64(std::numeric_limits<quint32>::max());
    return (largeSize || needsLarge) ? 16 : 8;
}

qint64 Box::size() const
{
    const qint64 payload = payloadSize();
    const bool needsLarge = payload + 8 > qint64(std::numeric_limits<quint32>::max());
    return payload + ((largeSize || needsLarge) ? 16 : 8);
}

void Box::appendTo(QByteArray &out) const
{
    const qint64 total = size();
    if (total - payloadSize() == 16) {
        be::put32(out, 1);
        be::put32(out, type);
        be::put64(out, quint64(total));
    } else {
        be::put32(out, quint32(total));
        be::put32(out, type);
    }
    out.append(body);
    for (const Box &c : children)
        c.appendTo(out);
}

QByteArray Box::serialize() const
{
    QByteArray out;
    out.reserve(qsizetype(size()));
    appendTo(out);
    return out;
}

quint8 Box::version() const
{
    return body.isEmpty() ? 0 : quint8(body[0]);
}

quint32 Box::flags() const
{
    if (body.size() < 4) return 0;
    return (quint32(quint8(body[1])) << 16) | (quint32(quint8(body[2])) << 8) | quint32(quint8(body[3]));
}

// ---- free functions -------------------------------------------------------------------------

bool isContainerType(quint32 type)
{
    switch (type) {
    case fourcc("moov"):
    case fourcc("trak"):
    case fourcc("mdia"):
    case fourcc("minf"):
    case fourcc("stbl"):
    case fourcc("dinf"):
    case fourcc("edts"):
    case fourcc("mvex"):
    case fourcc("moof"):
    case fourcc("traf"):
    case fourcc("mfra"):
    case fourcc("sinf"):
    case fourcc("schi"):
    case fourcc("stsd"):
    case fourcc("avc1"):
    case fourcc("avc3"):
    case fourcc("hvc1"):
    case fourcc("hev1"):
    case fourcc("av01"):
    case fourcc("encv"):
    case fourcc("mp4a"):
    case fourcc("ac-3"):
    case fourcc("ec-3"):
    case fourcc("Opus"):
    case fourcc("enca"):
        return true;
    default:
        return false;
    }
}

Box *findPath(std::vector<Box> &roots, std::initializer_list<quint32> path)
{
    std::vector<Box> *level = &roots;
    Box *found = nullptr;
    for (quint32 t : path) {
        found = findIn(*level, t);
        if (!found) return nullptr;
        level = &found->children;
    }
    return found;
}

const Box *findPath(const std::vector<Box> &roots, std::initializer_list<quint32> path)
{
    return findPath(const_cast<std::vector<Box> &>(roots), path);
}

Box *findPath(Box &root, std::initializer_list<quint32> path)
{
    return findPath(root.children, path);
}

Result<std::vector<Box>> parseBoxes(QByteArrayView data, qint64 baseOffset)
{
    return parseRange(data, baseOffset, 0);
}

Result<Box> parseBox(QByteArrayView data, qint64 baseOffset)
{
    qsizetype pos = 0;
    Result<Box> b = parseOne(data, pos, baseOffset, 0, true);
    if (!b) return b;
    if (pos != data.size())
        return boxError(QStringLiteral("Bytes follow the box that should end the buffer."), b->type, baseOffset);
    return b;
}

Result<std::vector<BoxSpan>> scanBoxes(QByteArrayView data)
{
    std::vector<BoxSpan> out;
    qsizetype pos = 0;
    while (pos < data.size()) {
        const qsizetype left = data.size() - pos;
        if (left < 8) return boxError(QStringLiteral("A box header is cut short."), 0, pos);
        const char *p = data.data() + pos;
        BoxSpan s;
        s.type = be::read32(p + 4);
        s.offset = pos;
        quint64 size = be::read32(p);
        if (size == 1) {
            if (left < 16) return boxError(QStringLiteral("A 64-bit box size is cut short."), s.type, pos);
            size = be::read64(p + 8);
            s.headerSize = 16;
        } else if (size == 0) {
            size = quint64(left);
        }
        if (size < quint64(s.headerSize))
            return boxError(QStringLiteral("The box size is smaller than its header."), s.type, pos);
        if (size > quint64(left))
            return boxError(QStringLiteral("The box runs past the end of the data (%1 bytes declared, %2 left).")
                                .arg(size)
                                .arg(left),
                            s.type, pos);
        s.size = qint64(size);
        out.push_back(s);
        pos += qsizetype(size);
    }
    return out;
}

// ---- ByteReader / be ------------------------------------------------------------------------

bool ByteReader::need(qsizetype n)
{
    if (!m_ok || n < 0 || m_data.size() - m_pos < n) {
        m_ok = false;
        return false;
    }
    return true;
}

quint8 ByteReader::u8()
{
    if (!need(1)) return 0;
    return quint8(m_data[m_pos++]);
}

quint16 ByteReader::u16()
{
    if (!need(2)) return 0;
    const auto *p = reinterpret_cast<const quint8 *>(m_data.data() + m_pos);
    m_pos += 2;
    return quint16((p[0] << 8) | p[1]);
}

quint32 ByteReader::u24()
{
    if (!need(3)) return 0;
    const auto *p = reinterpret_cast<const quint8 *>(m_data.data() + m_pos);
    m_pos += 3;
    return (quint32(p[0]) << 16) | (quint32(p[1]) << 8) | p[2];
}

quint32 ByteReader::u32()
{
    if (!need(4)) return 0;
    const quint32 v = be::read32(m_data.data() + m_pos);
    m_pos += 4;
    return v;
}

quint64 ByteReader::u64()
{
    if (!need(8)) return 0;
    const quint64 v = be::read64(m_data.data() + m_pos);
    m_pos += 8;
    return v;
}

QByteArrayView ByteReader::bytes(qsizetype n)
{
    if (!need(n)) return {};
    QByteArrayView v = m_data.sliced(m_pos, n);
    m_pos += n;
    return v;
}

void ByteReader::skip(qsizetype n)
{
    if (need(n)) m_pos += n;
}

namespace be {
void put8(QByteArray &out, quint8 v)
{
    out.append(char(v));
}
void put16(QByteArray &out, quint16 v)
{
    const char b[2] = {char(v >> 8), char(v)};
    out.append(b, 2);
}
void put24(QByteArray &out, quint32 v)
{
    const char b[3] = {char(v >> 16), char(v >> 8), char(v)};
    out.append(b, 3);
}
void put32(QByteArray &out, quint32 v)
{
    char b[4];
    write32(b, v);
    out.append(b, 4);
}
void put64(QByteArray &out, quint64 v)
{
    char b[8];
    write64(b, v);
    out.append(b, 8);
}
void write32(char *at, quint32 v)
{
    at[0] = char(v >> 24);
    at[1] = char(v >> 16);
    at[2] = char(v >> 8);
    at[3] = char(v);
}
void write64(char *at, quint64 v)
{
    write32(at, quint32(v >> 32));
    write32(at + 4, quint32(v));
}
quint32 read32(const char *at)
{
    const auto *p = reinterpret_cast<const quint8 *>(at);
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}
quint64 read64(const char *at)
{
    return (quint64(read32(at)) << 32) | read32(at + 4);
}
} // namespace be

} // namespace rendition::cenc
