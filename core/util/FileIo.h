#pragma once
// Whole-file reads and atomic replacement for the packaging steps that rewrite files
// (encryption). `codePrefix` makes the error codes the caller's own ("cenc" → "cenc.read",
// "cenc.write"); messages name the problem and what to do, the context is the path.

#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

namespace rendition {

Result<QByteArray> readWholeFile(const QString &path, const char *codePrefix);

// Writes `path` atomically: a sibling "<name>.part" first, then rename(2) over the final name,
// so a reader never sees half a file. No fsync: durability is the publish step's job (it
// commits the whole version folder), and a sync per segment would dominate the cost.
Status replaceFileAtomically(const QString &path, const QByteArray &bytes, const char *codePrefix);

} // namespace rendition
