// Type-checked reading of one JSON object of a preset; see PresetReader.h.

#include "core/model/PresetReader.h"

#include <algorithm>
#include <cmath>

namespace rendition::detail {

namespace {

constexpr double kMaxExactDouble = 9007199254740992.0; // 2^53

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

bool PresetReader::take(const QString &key, Presence presence)
{
    m_known.insert(key);
    if (m_object.contains(key))
        return true;
    if (presence == Presence::Required)
        fail(key, QStringLiteral("is required"));
    return false;
}

Read PresetReader::readString(const QString &key, QString &out, Presence presence)
{
    if (!take(key, presence))
        return Read::Absent;
    const QJsonValue v = m_object.value(key);
    if (!v.isString())
        return reject(key, QStringLiteral("must be a string"));
    out = v.toString();
    return Read::Ok;
}

Read PresetReader::readBool(const QString &key, bool &out)
{
    if (!take(key, Presence::Optional))
        return Read::Absent;
    const QJsonValue v = m_object.value(key);
    if (!v.isBool())
        return reject(key, QStringLiteral("must be true or false"));
    out = v.toBool();
    return Read::Ok;
}

Read PresetReader::readInt(const QString &key, int &out, IntRange range, Presence presence)
{
    if (!take(key, presence))
        return Read::Absent;
    const QJsonValue v = m_object.value(key);
    const double d = v.toDouble();
    if (!v.isDouble() || std::trunc(d) != d || std::abs(d) > kMaxExactDouble)
        return reject(key, QStringLiteral("must be an integer"));
    if (d < double(range.min) || d > double(range.max))
        return reject(key, QStringLiteral("must be between %1 and %2").arg(range.min).arg(range.max));
    out = int(d);
    return Read::Ok;
}

Read PresetReader::readNumber(const QString &key, double &out, double min, double max)
{
    if (!take(key, Presence::Optional))
        return Read::Absent;
    const QJsonValue v = m_object.value(key);
    if (!v.isDouble())
        return reject(key, QStringLiteral("must be a number"));
    if (v.toDouble() < min || v.toDouble() > max)
        return reject(key, QStringLiteral("must be between %1 and %2").arg(min).arg(max));
    out = v.toDouble();
    return Read::Ok;
}

Read PresetReader::readObject(const QString &key, QJsonObject &out, Presence presence)
{
    if (!take(key, presence))
        return Read::Absent;
    if (!m_object.value(key).isObject())
        return reject(key, QStringLiteral("must be an object"));
    out = m_object.value(key).toObject();
    return Read::Ok;
}

Read PresetReader::readArray(const QString &key, QJsonArray &out, Presence presence)
{
    if (!take(key, presence))
        return Read::Absent;
    if (!m_object.value(key).isArray())
        return reject(key, QStringLiteral("must be an array"));
    out = m_object.value(key).toArray();
    return Read::Ok;
}

Read PresetReader::reject(const QString &key, const QString &message)
{
    fail(key, message);
    return Read::Rejected;
}

void PresetReader::reportUnknownFields()
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (m_known.contains(it.key()))
            continue;
        QString message = QStringLiteral("unknown field");
        QString closest;
        int best = 3; // suggest only near misses
        for (const QString &known : std::as_const(m_known)) {
            // A truncated key ("bitrat" for "bitrate_kbps") counts as a near miss.
            const bool prefix = it.key().size() >= 3 && known.startsWith(it.key());
            // The distance is at least the length difference: skip the O(n·m) table for keys that
            // cannot be near misses (a megabyte-long key would otherwise cost seconds per field).
            if (!prefix && std::abs(it.key().size() - known.size()) > best)
                continue;
            const int d = prefix ? 2 : editDistance(it.key(), known);
            if (d < best || (d == best && !closest.isEmpty() && known < closest)) {
                best = d;
                closest = known;
            }
        }
        if (!closest.isEmpty())
            message += QStringLiteral(" (did you mean \"%1\"?)").arg(closest);
        fail(it.key(), message);
    }
}

QString indexed(const QString &arrayPath, qsizetype i)
{
    return QStringLiteral("%1[%2]").arg(arrayPath).arg(i);
}

} // namespace rendition::detail
