// Problem rules of the probe (step 6); see ProbeRules.h.

#include "core/media/ProbeRules.h"

#include "core/media/FFmpegPtr.h"
#include "core/media/ProbeIntegrity.h"

namespace rendition::detail {

namespace {

constexpr int kMinDimension = 16;

bool isDecodable(const StreamInfo &s)
{
    const AVCodecDescriptor *d = avcodec_descriptor_get_by_name(s.codec.toLatin1().constData());
    return d && avcodec_find_decoder(d->id) != nullptr;
}

} // namespace

void addProblem(ProbeResult &r, const char *code, Severity severity, const QString &message,
                int streamIndex)
{
    r.problems.append(ProbeProblem{QString::fromLatin1(code), message, severity, streamIndex});
}

// Turns what was learned into problems (step 6).
void applyPolicy(ProbeResult &r, const PacketSample &sample, const ProbeOptions &options)
{
    int videos = 0, decodableVideos = 0, audios = 0, decodableAudios = 0;
    for (const StreamInfo &s : std::as_const(r.streams)) {
        const bool decodable = isDecodable(s);
        if (s.type == u"video" && !s.attachedPicture) {
            ++videos;
            decodableVideos += decodable;
        } else if (s.type == u"audio") {
            ++audios;
            decodableAudios += decodable;
        }
    }
    if (videos == 0 && audios == 0) {
        addProblem(r, problem::NotMedia, Severity::Fatal,
                   r.streams.isEmpty()
                       ? QStringLiteral("The file contains no streams at all; check that the export finished.")
                       : QStringLiteral("The file has no audio or video stream (only subtitles or data); "
                                        "choose the file that holds the picture and sound."));
        return;
    }
    if (videos == 0)
        addProblem(r, problem::NoVideoStream, Severity::Warning,
                   QStringLiteral("The file has no video stream; only audio renditions can be made from it."));
    if (audios == 0)
        addProblem(r, problem::NoAudioStream, Severity::Warning,
                   QStringLiteral("The file has no audio stream; the output will be silent."));

    for (const StreamInfo &s : std::as_const(r.streams)) {
        const bool av = (s.type == u"video" && !s.attachedPicture) || s.type == u"audio";
        if (!av || isDecodable(s)) continue;
        const bool fatal = s.type == u"video" ? decodableVideos == 0 : (decodableAudios == 0 && decodableVideos == 0);
        addProblem(r, problem::UnsupportedCodec, fatal ? Severity::Fatal : Severity::Warning,
                   QStringLiteral("Stream %1 uses %2, which this build of FFmpeg cannot decode; "
                                  "re-export it with a common codec such as H.264 or AAC.")
                       .arg(s.index).arg(s.codecLong),
                   s.index);
    }

    if (const StreamInfo *v = r.bestVideo()) {
        if (v->width < kMinDimension || v->height < kMinDimension || v->width > options.maxDimension ||
            v->height > options.maxDimension)
            addProblem(r, problem::DimensionsOutOfRange, Severity::Fatal,
                       QStringLiteral("The picture size %1x%2 is outside the supported range of %3 to %4 "
                                      "pixels per side.")
                           .arg(v->width).arg(v->height).arg(kMinDimension).arg(options.maxDimension),
                       v->index);
        else if (v->width % 2 || v->height % 2)
            addProblem(r, problem::OddDimensions, Severity::Warning,
                       QStringLiteral("The picture size %1x%2 is odd; renditions will be cropped or scaled "
                                      "to even sizes.").arg(v->width).arg(v->height),
                       v->index);
        if (v->variableFrameRate)
            addProblem(r, problem::VariableFrameRate, Severity::Warning,
                       QStringLiteral("The video has a variable frame rate; it will be converted to a "
                                      "constant rate, which can drop or repeat frames."),
                       v->index);
        if (v->isInterlaced())
            addProblem(r, problem::Interlaced, Severity::Warning,
                       QStringLiteral("The video is interlaced (field order %1); it will be deinterlaced.")
                           .arg(v->fieldOrder),
                       v->index);
    }

    const bool durationUnknown = r.durationSeconds <= 0 && !sample.reachedEnd;
    const bool singleFrame = r.bestVideo() && audios == 0 && sample.reachedEnd && sample.videoPackets <= 1;
    if ((r.durationSeconds <= 0 && !durationUnknown) || singleFrame)
        addProblem(r, problem::ZeroDuration, Severity::Fatal,
                   singleFrame ? QStringLiteral("The file holds a single video frame and no audio, so it has "
                                                "no playing time; supply a clip instead of a still.")
                               : QStringLiteral("The file has no playing time (duration 0); check that the "
                                                "export finished."));
}

} // namespace rendition::detail
