#pragma once
// Decodes one packaged rendition as a player would: the files (init.mp4 followed by its
// segments, or .ts segments, or one .mp4) are read back to back through a custom AVIO, so
// what is checked is exactly what was published. The AVIO can seek across the files (an
// MP4 with its index at the end needs it). Used by QC (and later by the decrypting
// reader of DRM packages and the GUI's preview). Single-threaded use.

#include "core/media/FFmpegPtr.h"
#include "core/util/Progress.h"

#include <QFile>
#include <QStringList>

#include <memory>

namespace rendition {

struct RenditionKey {
    enum class Kind { Invalid = 0, None, Cenc, Aes128 };
    Kind kind = Kind::None;
    QByteArray key;          // 16 bytes (secret)
    int firstSequence = 0;   // Aes128: media sequence number of the first file
};

class RenditionReader {
public:
    enum class Media { Invalid = 0, Video, Audio };

    // `files`: absolute paths in playback order. Picks the first stream of `media`.
    static Result<std::unique_ptr<RenditionReader>> open(const QStringList &files, Media media, const CancelToken &cancel,
                                                         const RenditionKey &key = {});
    ~RenditionReader();

    // Next decoded frame (caller owns it), or nullptr at the end. Corrupt packets are
    // counted in decodeErrors() and skipped.
    Result<av::FramePtr> next();

    const AVStream *stream() const;
    const AVCodecContext *decoder() const { return m_dec.get(); }
    int decodeErrors() const { return m_decodeErrors; }
    QString describe() const; // first file, for error context

private:
    RenditionReader() = default;
    static int readPacket(void *opaque, uint8_t *buf, int size);
    // Seeks in the concatenation of the files (an MP4 with its index at the end needs it).
    static int64_t seekPacket(void *opaque, int64_t offset, int whence);
    int readDecrypted(uint8_t *buf, int size); // Aes128 path of readPacket

    QStringList m_files;
    int m_fileIndex = 0;
    std::unique_ptr<QFile> m_current;
    QList<qint64> m_sizes;   // of every file, for seeking
    RenditionKey m_key;
    QByteArray m_plain;      // Aes128: the current file, decrypted
    qint64 m_plainPos = 0;
    qint64 m_position = 0;   // in the concatenation
    CancelToken m_cancel;
    av::IoContextPtr m_io;
    av::FormatInputPtr m_fmt;
    av::CodecContextPtr m_dec;
    av::PacketPtr m_packet;
    av::FramePtr m_frame;
    int m_streamIndex = -1;
    int m_decodeErrors = 0;
    bool m_eof = false;
    bool m_drained = false;
};

} // namespace rendition
