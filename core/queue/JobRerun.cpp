// See JobRerun.h.

#include "core/queue/JobRerun.h"

#include <QUuid>

namespace rendition {

JobSpec makeRerunSpec(const JobSpec &previous, const Preset &preset)
{
    JobSpec next = previous; // source (uri, sha256, size) and output root stay
    next.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    next.preset = preset;
    next.engineVersion = engineVersion();
    next.createdAt = QDateTime::currentDateTimeUtc();
    next.idempotencyKey = computeIdempotencyKey(next.source.sha256, next.preset, next.engineVersion);
    return next;
}

} // namespace rendition
