#include "core/media/InputOpen.h"

#include <QFile>
#include <QFileInfo>

namespace rendition {

int openMediaInput(const QString &path, const InputOpenOptions &options, av::FormatInputPtr *out)
{
    out->reset();
    QByteArray url;
    if (options.source == InputSource::LocalFile) {
        const QFileInfo info(path);
        if (!info.exists()) return AVERROR(ENOENT);
        if (!info.isFile()) return AVERROR(EINVAL); // a folder, device or FIFO is never media here
        url = "file:" + QFile::encodeName(info.absoluteFilePath());
    } else if (options.source != InputSource::CustomIo || !options.customIo) {
        return AVERROR(EINVAL);
    }
    AVFormatContext *raw = avformat_alloc_context(); // owned by avformat_open_input from here on
    if (!raw) return AVERROR(ENOMEM);
    raw->interrupt_callback = options.interrupt;
    if (options.probeSizeBytes > 0) raw->probesize = options.probeSizeBytes;
    if (options.source == InputSource::CustomIo) {
        raw->pb = options.customIo;
        raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    } else {
        raw->protocol_whitelist = av_strdup("file"); // freed with the context; nested opens inherit it
    }
    const int rc = avformat_open_input(&raw, url.isEmpty() ? nullptr : url.constData(), nullptr, options.formatOptions);
    if (rc < 0) return rc; // avformat_open_input freed the context
    out->reset(raw);
    return 0;
}

} // namespace rendition
