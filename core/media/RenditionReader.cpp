#include "core/media/RenditionReader.h"
#include "core/media/InputOpen.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/evp.h>

#include <memory>

namespace rendition {

RenditionReader::~RenditionReader() = default;

namespace {

// AES-128-CBC + PKCS#7 of one HLS segment; empty on failure (wrong key gives bad padding).
QByteArray decryptAes128(const QByteArray &cipher, const QByteArray &key, quint64 sequence)
{
    unsigned char iv[16] = {};
    for (int i = 0; i < 8; ++i) iv[15 - i] = static_cast<unsigned char>(sequence >> (8 * i));
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    QByteArray plain(cipher.size() + 16, Qt::Uninitialized);
    int n1 = 0, n2 = 0;
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_cbc(), nullptr, reinterpret_cast<const unsigned char *>(key.constData()), iv) != 1
        || EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()), &n1,
                             reinterpret_cast<const unsigned char *>(cipher.constData()), int(cipher.size())) != 1
        || EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(plain.data()) + n1, &n2) != 1)
        return {};
    plain.truncate(n1 + n2);
    return plain;
}

} // namespace

int RenditionReader::readDecrypted(uint8_t *buf, int size)
{
    while (m_fileIndex < m_files.size()) {
        if (m_cancel.isCanceled()) return AVERROR_EXIT;
        if (!m_current) {
            m_current = std::make_unique<QFile>(m_files.at(m_fileIndex));
            if (!m_current->open(QIODevice::ReadOnly)) return AVERROR(EIO);
            m_plain = decryptAes128(m_current->readAll(), m_key.key, quint64(m_key.firstSequence + m_fileIndex));
            m_plainPos = 0;
            if (m_plain.isEmpty()) return AVERROR_INVALIDDATA; // wrong key or damaged segment
        }
        const qint64 n = std::min<qint64>(size, m_plain.size() - m_plainPos);
        if (n > 0) {
            memcpy(buf, m_plain.constData() + m_plainPos, size_t(n));
            m_plainPos += n;
            m_position += n;
            return int(n);
        }
        m_current.reset();
        m_plain.clear();
        ++m_fileIndex;
    }
    return AVERROR_EOF;
}

int RenditionReader::readPacket(void *opaque, uint8_t *buf, int size)
{
    auto *r = static_cast<RenditionReader *>(opaque);
    if (r->m_key.kind == RenditionKey::Kind::Aes128) return r->readDecrypted(buf, size);
    while (r->m_fileIndex < r->m_files.size()) {
        if (r->m_cancel.isCanceled()) return AVERROR_EXIT;
        if (!r->m_current) {
            r->m_current = std::make_unique<QFile>(r->m_files.at(r->m_fileIndex));
            if (!r->m_current->open(QIODevice::ReadOnly)) return AVERROR(EIO);
        }
        const qint64 n = r->m_current->read(reinterpret_cast<char *>(buf), size);
        if (n > 0) {
            r->m_position += n;
            return int(n);
        }
        if (n < 0) return AVERROR(EIO);
        r->m_current.reset(); // this file is done: continue with the next one
        ++r->m_fileIndex;
    }
    return AVERROR_EOF;
}

int64_t RenditionReader::seekPacket(void *opaque, int64_t offset, int whence)
{
    auto *r = static_cast<RenditionReader *>(opaque);
    qint64 total = 0;
    for (qint64 s : r->m_sizes) total += s;
    if (whence & AVSEEK_SIZE) return total;
    qint64 target = offset;
    switch (whence & ~AVSEEK_FORCE) {
    case SEEK_SET: break;
    case SEEK_CUR: target += r->m_position; break;
    case SEEK_END: target += total; break;
    default: return AVERROR(EINVAL);
    }
    if (target < 0 || target > total) return AVERROR(EINVAL);
    int index = 0;
    qint64 start = 0;
    while (index < r->m_sizes.size() && target >= start + r->m_sizes.at(index)) start += r->m_sizes.at(index++);
    r->m_current.reset();
    r->m_fileIndex = index;
    if (index < r->m_files.size()) {
        r->m_current = std::make_unique<QFile>(r->m_files.at(index));
        if (!r->m_current->open(QIODevice::ReadOnly) || !r->m_current->seek(target - start)) return AVERROR(EIO);
    }
    r->m_position = target;
    return target;
}

Result<std::unique_ptr<RenditionReader>> RenditionReader::open(const QStringList &files, Media media, const CancelToken &cancel,
                                                               const RenditionKey &key)
{
    if (files.isEmpty()) return makeError(QStringLiteral("qc.no_files"), QStringLiteral("the rendition has no files to read"));
    std::unique_ptr<RenditionReader> r(new RenditionReader);
    r->m_files = files;
    for (const QString &f : files) r->m_sizes.append(QFileInfo(f).size());
    r->m_cancel = cancel;
    r->m_key = key;
    if (key.kind != RenditionKey::Kind::None && key.key.size() != 16)
        return makeError(QStringLiteral("qc.key"), QStringLiteral("the content key must be 16 bytes"), files.first());
    r->m_packet = av::makePacket();
    r->m_frame = av::makeFrame();

    constexpr int kIoBuffer = 1 << 16;
    auto *buf = static_cast<unsigned char *>(av_malloc(kIoBuffer));
    // Protected input is read sequentially (see the header): no seek callback then.
    const bool sequential = key.kind != RenditionKey::Kind::None;
    r->m_io.reset(avio_alloc_context(buf, kIoBuffer, 0, r.get(), &RenditionReader::readPacket, nullptr,
                                     sequential ? nullptr : &RenditionReader::seekPacket));
    AVDictionary *opts = nullptr;
    if (key.kind == RenditionKey::Kind::Cenc) av_dict_set(&opts, "decryption_key", key.key.toHex().constData(), 0);
    InputOpenOptions open; // our own reader over the segment files: no protocol involved
    open.source = InputSource::CustomIo;
    open.customIo = r->m_io.get();
    open.formatOptions = &opts;
    int rc = openMediaInput(files.first(), open, &r->m_fmt);
    av_dict_free(&opts);
    if (rc < 0) return av::avError(QStringLiteral("qc.open"), rc, QStringLiteral("could not read the rendition"), files.first());
    AVFormatContext *raw = r->m_fmt.get();
    if ((rc = avformat_find_stream_info(raw, nullptr)) < 0)
        return av::avError(QStringLiteral("qc.open"), rc, QStringLiteral("could not read the rendition's streams"), files.first());

    const AVMediaType type = media == Media::Video ? AVMEDIA_TYPE_VIDEO : AVMEDIA_TYPE_AUDIO;
    r->m_streamIndex = av_find_best_stream(raw, type, -1, -1, nullptr, 0);
    if (r->m_streamIndex < 0)
        return makeError(QStringLiteral("qc.no_stream"), QStringLiteral("the rendition has no %1 stream").arg(media == Media::Video ? u"video" : u"audio"), files.first());
    for (unsigned i = 0; i < raw->nb_streams; ++i) raw->streams[i]->discard = int(i) == r->m_streamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    const AVStream *st = raw->streams[r->m_streamIndex];
    const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) return makeError(QStringLiteral("qc.no_decoder"), QStringLiteral("no decoder for the rendition's codec"), files.first());
    r->m_dec = av::makeCodecContext(codec);
    avcodec_parameters_to_context(r->m_dec.get(), st->codecpar);
    r->m_dec->pkt_timebase = st->time_base;
    r->m_dec->thread_count = 0;
    if ((rc = avcodec_open2(r->m_dec.get(), codec, nullptr)) < 0)
        return av::avError(QStringLiteral("qc.decoder_open"), rc, QStringLiteral("could not open the decoder"), files.first());
    return r;
}

const AVStream *RenditionReader::stream() const { return m_fmt->streams[m_streamIndex]; }

QString RenditionReader::describe() const { return m_files.isEmpty() ? QString() : m_files.first(); }

Result<av::FramePtr> RenditionReader::next()
{
    for (;;) {
        const int got = avcodec_receive_frame(m_dec.get(), m_frame.get());
        if (got >= 0) {
            av::FramePtr out = av::makeFrame();
            av_frame_move_ref(out.get(), m_frame.get());
            return out;
        }
        if (got == AVERROR_EOF) return av::FramePtr{};
        if (got != AVERROR(EAGAIN)) {
            ++m_decodeErrors;
            continue;
        }
        if (m_cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"), describe());
        if (m_eof) {
            if (m_drained) return av::FramePtr{};
            avcodec_send_packet(m_dec.get(), nullptr);
            m_drained = true;
            continue;
        }
        const int rc = av_read_frame(m_fmt.get(), m_packet.get());
        if (rc < 0) {
            if (rc != AVERROR_EOF && !avio_feof(m_fmt->pb)) ++m_decodeErrors;
            m_eof = true;
            continue;
        }
        if (m_packet->stream_index == m_streamIndex && avcodec_send_packet(m_dec.get(), m_packet.get()) < 0) ++m_decodeErrors;
        av_packet_unref(m_packet.get());
    }
}

} // namespace rendition
