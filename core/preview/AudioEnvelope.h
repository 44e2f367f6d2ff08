#pragma once
// A level envelope of a file's audio for the preview's meter: peak and RMS (dBFS, over all
// channels) per fixed window (100 ms by default), computed by decoding the audio once with
// libav (the same RenditionReader the QC uses, so a protected rendition works with its key).
// The GUI computes it off-thread and shows the window under the play position — an honest
// meter without tapping the player's audio output (Qt 6.4 has no QAudioBufferOutput).
//
// Contract: a plain function, any thread; `cancel` is polled per decoded frame.
// Errors: RenditionReader's ("qc.open", "qc.no_stream" when there is no audio), "canceled",
// "preview.audio_format" for a sample format it cannot read.

#include "core/media/RenditionReader.h"

#include <QList>

namespace rendition {

struct AudioEnvelope {
    double windowSeconds = 0.1;
    int channels = 0;
    int sampleRate = 0;
    QList<float> peakDbfs; // per window, max |sample| over every channel; -120 for silence
    QList<float> rmsDbfs;  // per window, RMS over every channel's samples
    bool isEmpty() const { return peakDbfs.isEmpty(); }
    // Window covering `seconds` counted from the first decoded sample; -1 outside the envelope.
    int windowAt(double seconds) const;
};

inline constexpr float kSilenceDbfs = -120.0f;

// `files` as for RenditionReader (one source file, or init + segments).
Result<AudioEnvelope> computeAudioEnvelope(const QStringList &files, const RenditionKey &key, double windowSeconds,
                                           const CancelToken &cancel);

} // namespace rendition
