#pragma once
// Reading and replacing values inside a JSON document by the paths the preset validator
// reports: "name", "ladder[2].rate_control.crf", "drm.systems". Pure functions on values.

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace rendition::ui::jsonpath {

// The value at `path`, or Undefined when any step is missing or of the wrong type.
QJsonValue get(const QJsonObject &root, const QString &path);

// A copy of `root` with `value` at `path`. Missing object keys are created; an array index
// must exist (the array is not extended). Returns `root` unchanged when the path cannot be set.
QJsonObject set(const QJsonObject &root, const QString &path, const QJsonValue &value);

// "ladder" + 2 → "ladder[2]"; "ladder[2]" + "rate_control.crf" → "ladder[2].rate_control.crf".
QString element(const QString &arrayPath, int index);
QString child(const QString &path, const QString &key);

// When `path` lies inside element N of `arrayPath` ("ladder[3].codec" in "ladder"), returns N
// and puts the rest ("codec", "" for the element itself) in `rest`; otherwise -1.
int elementIndex(const QString &path, const QString &arrayPath, QString *rest = nullptr);

} // namespace rendition::ui::jsonpath
