#pragma once
// Internal to preset validation (core/model/Preset*.cpp): reading one JSON object of a
// preset with type checks. Every key asked for is remembered; when the reader goes out
// of scope the remaining keys are reported as "unknown field" (with a "did you mean"
// for near misses). Problems go, with their JSON path, to the issue list given at
// construction, and reading continues. The reader keeps references to the object and
// the list: both must outlive it.

#include "core/model/Preset.h"

#include <QJsonArray>
#include <QSet>

#include <climits>

namespace rendition::detail {

enum class Presence { Invalid = 0, Optional, Required };
enum class Read { Invalid = 0, Absent, Rejected, Ok };

struct IntRange {
    qint64 min = INT_MIN;
    qint64 max = INT_MAX;
};

constexpr IntRange kAnyInt{};

class PresetReader {
public:
    PresetReader(const QJsonObject &object, QString path, QList<PresetIssue> &issues)
        : m_object(object), m_path(std::move(path)), m_issues(issues)
    {
    }
    ~PresetReader() { reportUnknownFields(); }
    PresetReader(const PresetReader &) = delete;
    PresetReader &operator=(const PresetReader &) = delete;

    // JSON path of `key` in this object; "" names the object itself.
    QString pathOf(const QString &key) const
    {
        return key.isEmpty() ? m_path : m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
    }
    bool has(const QString &key) const { return m_object.contains(key); }
    void fail(const QString &key, const QString &message) { m_issues.append({pathOf(key), message}); }

    // Marks `key` as known; reports "is required" when it is absent and required.
    bool take(const QString &key, Presence presence);

    Read readString(const QString &key, QString &out, Presence presence = Presence::Optional);
    Read readBool(const QString &key, bool &out);
    // JSON numbers are doubles: an integer is one without a fraction (4.0 is fine, 4.5 is not).
    Read readInt(const QString &key, int &out, IntRange range, Presence presence = Presence::Optional);
    Read readNumber(const QString &key, double &out, double min, double max);
    Read readObject(const QString &key, QJsonObject &out, Presence presence = Presence::Optional);
    Read readArray(const QString &key, QJsonArray &out, Presence presence = Presence::Optional);

    // `choices` is the human list of names, e.g. "h264, hevc or av1".
    template <typename Enum>
    Read readEnum(const QString &key, Enum &out, Enum (*fromName)(const QString &), const char *choices,
                  Presence presence = Presence::Optional)
    {
        QString name;
        const Read read = readString(key, name, presence);
        if (read != Read::Ok)
            return read;
        const Enum value = fromName(name);
        if (value == Enum::Invalid) {
            return reject(key, QStringLiteral("must be one of %1 (got \"%2\")")
                                   .arg(QLatin1String(choices), name));
        }
        out = value;
        return Read::Ok;
    }

private:
    Read reject(const QString &key, const QString &message);
    void reportUnknownFields();

    const QJsonObject &m_object;
    QString m_path;
    QList<PresetIssue> &m_issues;
    QSet<QString> m_known;
};

// "ladder[2]"
QString indexed(const QString &arrayPath, qsizetype i);

// Reads the array `key` of `top`, calling `readOne` for each element with its path
// ("ladder[2]"). `out` gets one element per JSON element, bad ones included, so that
// indices stay aligned with the JSON.
template <typename T>
void readArrayOf(PresetReader &top, const QString &key, Presence presence, QList<T> &out, QList<PresetIssue> &issues,
                 void (*readOne)(const QJsonObject &, const QString &, T &, QList<PresetIssue> &))
{
    QJsonArray array;
    if (top.readArray(key, array, presence) != Read::Ok)
        return;
    if (array.isEmpty() && presence == Presence::Required)
        top.fail(key, QStringLiteral("must not be empty"));
    for (qsizetype i = 0; i < array.size(); ++i) {
        out.append(T{}); // keep indices aligned with the JSON even for bad elements
        if (!array.at(i).isObject())
            issues.append({indexed(key, i), QStringLiteral("must be an object")});
        else
            readOne(array.at(i).toObject(), indexed(key, i), out.last(), issues);
    }
}

} // namespace rendition::detail
