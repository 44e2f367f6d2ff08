#pragma once
// Chooses the encoder for a rung. A name in the FFmpeg build proves nothing (Debian's
// ffmpeg lists h264_nvenc on machines with no GPU), so every hardware candidate is
// probed: opened and fed a few frames. Results are cached per process (thread-safe).
// When no hardware candidate works the software encoder is chosen and the reason kept
// for the manifest.

#include "core/model/Preset.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace rendition {

struct EncoderProbeResult {
    QString encoder;   // "h264_nvenc"
    bool usable = false;
    QString detail;    // why not, in words ("could not open the encoder (Operation not permitted)")
    QJsonObject toJson() const;
};

struct EncoderChoice {
    QString encoder;        // what will be used: "libx264"
    QString requested;      // the rung's "encoder" value: "auto", "software", "h264_nvenc"
    bool hardware = false;
    QString fallbackReason; // empty unless a requested hardware encoder did not work
    QJsonObject toJson() const;
};

// Opens `encoder` at a small size and encodes a few frames. Cached.
EncoderProbeResult probeEncoder(const QString &encoder, VideoCodec codec);

// Picks the encoder for `codec` given the rung's preference.
EncoderChoice chooseEncoder(VideoCodec codec, const QString &preference);

// Every hardware encoder this build knows for the three codecs, probed (for settings/diagnostics).
QList<EncoderProbeResult> probeAllHardwareEncoders();

} // namespace rendition
