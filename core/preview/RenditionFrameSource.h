#pragma once
// Pictures of one packaged rendition at a program time, for the preview and the A/B
// comparison: decodes with RenditionReader (so clear, CENC and HLS AES-128 renditions all
// work, given the key), and converts the chosen frame to packed RGBA for display.
//
// Seeking opens the reader at the segment that covers the time (init segment + that segment
// onwards; every segment starts with a keyframe) and decodes forward to the first frame at or
// after the time; a short jump forward just keeps decoding. Cost: at most one segment of
// decoding per seek.
//
// Contract: single-threaded (make and use it on one worker thread; never the GUI thread).
// Times are seconds of program time (the source's clock). Pictures own their bytes.
// Errors carry the rendition's first file as context; key material never appears in them.

#include "core/preview/VersionPackage.h"

#include <QByteArray>

#include <memory>

namespace rendition {

struct PreviewPicture {
    QByteArray rgba; // width × height × 4 bytes, rows packed (bytesPerLine = width × 4)
    int width = 0;
    int height = 0;
    double seconds = 0; // program time of the frame
    bool isValid() const { return width > 0 && height > 0; }
};

class RenditionFrameSource {
public:
    // `maxWidth` bounds the picture width (aspect kept, even sizes); 0 = the rendition's size.
    // Errors: those of RenditionReader::open ("qc.open", "qc.no_stream", ...), "preview.not_video".
    static Result<std::unique_ptr<RenditionFrameSource>> open(const PackageRendition &rendition,
                                                              const RenditionKey &key, double startOffsetSeconds,
                                                              const CancelToken &cancel, int maxWidth = 1280);
    ~RenditionFrameSource();

    // The first frame at or after `seconds` (half a frame of tolerance); past the end, the last
    // frame. Error "preview.decode" when no frame at all can be decoded (e.g. a wrong key).
    Result<PreviewPicture> seek(double seconds);
    // The frame after the last one returned; an invalid picture at the end.
    Result<PreviewPicture> next();

    double frameDurationSeconds() const { return m_frameSeconds; }
    double durationSeconds() const { return m_rendition.durationSeconds; }
    int decodeErrors() const { return m_decodeErrors; }

private:
    RenditionFrameSource() = default;
    Status openAt(int segment);
    // Next decoded frame and its program time; null frame at the end.
    Result<av::FramePtr> decodeOne(double *seconds);
    Result<PreviewPicture> toPicture(const AVFrame *frame, double seconds);

    PackageRendition m_rendition;
    RenditionKey m_key;
    CancelToken m_cancel;
    double m_startOffsetSeconds = 0;
    int m_maxWidth = 0;
    double m_frameSeconds = 0.04;
    std::unique_ptr<RenditionReader> m_reader;
    double m_shiftSeconds = 0;
    double m_lastSeconds = -1; // program time of the last frame returned, -1 before any
    av::SwsPtr m_sws;
    int m_decodeErrors = 0;
};

} // namespace rendition
