#pragma once
// Every demuxer in Rendition is opened here (probe, loudness, thumbnails, the transcode's
// source reader, QC's rendition readers), so what an input may be is decided once.
//
// InputSource::LocalFile (the default, and what every job input is): a regular local file,
// opened as "file:<path>" with protocol_whitelist "file" — a name such as "concat:a|b",
// "http://…" or "subfile,,…" can never select another protocol, and a playlist-like input
// (HLS, DASH, concat lists) cannot make the demuxer fetch URLs or read other protocols.
// Devices, FIFOs and folders are refused before FFmpeg sees them (AVERROR(EINVAL)).
// InputSource::CustomIo: the bytes come from the caller's AVIOContext (memory, the CENC
// decrypting reader); no protocol is involved at all.
//
// Errors: the negative AVERROR of the open, which each caller words for its stage (the
// callers know whether it was "the source" or "a rendition"). On failure nothing is leaked.

#include "core/media/FFmpegPtr.h"

#include <QString>

extern "C" {
#include <libavformat/avformat.h>
}

namespace rendition {

enum class InputSource { Invalid = 0, LocalFile, CustomIo };

struct InputOpenOptions {
    InputSource source = InputSource::LocalFile;
    AVIOContext *customIo = nullptr;    // CustomIo: not owned; must outlive the context
    AVIOInterruptCB interrupt{};        // cancel / time limit polled by blocking reads
    int64_t probeSizeBytes = 0;         // 0 = FFmpeg's default
    AVDictionary **formatOptions = nullptr; // demuxer options (e.g. decryption_key); consumed ones removed
};

// Opens the input (header only: the caller runs avformat_find_stream_info when it needs it).
// Returns 0 and sets *out, or a negative AVERROR.
int openMediaInput(const QString &path, const InputOpenOptions &options, av::FormatInputPtr *out);

} // namespace rendition
