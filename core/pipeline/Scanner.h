#pragma once
// Expands the inputs of a batch (files and folders, folders recursively) and probes
// everything found, in parallel. Media is recognised by probing, not by extension.
// Files found inside folders that are not media at all are listed as ignored; files
// named explicitly, and media with fatal problems, are rejected with the reason.

#include "core/media/Probe.h"

#include <QList>
#include <QStringList>

namespace rendition {

struct ScanResult {
    QList<ProbeResult> media;    // usable (no fatal problem), sorted by path
    QList<ProbeResult> rejected; // explicit inputs or media with a fatal problem
    QStringList ignored;         // non-media found while walking folders
};

ScanResult scanInputs(const QStringList &inputs, const ProbeOptions &options, const ProgressSink &progress,
                      const CancelToken &cancel);

} // namespace rendition
