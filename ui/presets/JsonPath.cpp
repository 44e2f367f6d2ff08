#include "ui/presets/JsonPath.h"

#include <QJsonArray>
#include <QList>
#include <QRegularExpression>

namespace rendition::ui::jsonpath {

namespace {

struct Step {
    QString key;    // object member; empty when this step is an index
    int index = -1; // array index
};

// "a.b[2].c" → a, b, [2], c. An empty list means the path does not parse.
QList<Step> parse(const QString &path)
{
    static const QRegularExpression stepRe(QStringLiteral("^([A-Za-z0-9_-]+)((?:\\[[0-9]+\\])*)$"));
    static const QRegularExpression indexRe(QStringLiteral("\\[([0-9]+)\\]"));
    QList<Step> steps;
    for (const QString &part : path.split(QLatin1Char('.'))) {
        const QRegularExpressionMatch m = stepRe.match(part);
        if (!m.hasMatch()) return {};
        steps.append({m.captured(1), -1});
        for (const QRegularExpressionMatch &i : indexRe.globalMatch(m.captured(2)))
            steps.append({QString(), i.captured(1).toInt()});
    }
    return steps;
}

QJsonValue setIn(const QJsonValue &node, const QList<Step> &steps, qsizetype i, const QJsonValue &value, bool *ok)
{
    if (i == steps.size()) return value;
    const Step &s = steps.at(i);
    if (s.index < 0) {
        if (!node.isObject() && !node.isUndefined() && !node.isNull()) {
            *ok = false;
            return node;
        }
        QJsonObject o = node.toObject();
        o.insert(s.key, setIn(o.value(s.key), steps, i + 1, value, ok));
        return o;
    }
    QJsonArray a = node.toArray();
    if (!node.isArray() || s.index >= a.size()) {
        *ok = false;
        return node;
    }
    a.replace(s.index, setIn(a.at(s.index), steps, i + 1, value, ok));
    return a;
}

} // namespace

QJsonValue get(const QJsonObject &root, const QString &path)
{
    const QList<Step> steps = parse(path);
    if (steps.isEmpty()) return QJsonValue(QJsonValue::Undefined);
    QJsonValue node = root;
    for (const Step &s : steps) {
        if (s.index < 0) {
            if (!node.isObject()) return QJsonValue(QJsonValue::Undefined);
            node = node.toObject().value(s.key);
        } else {
            if (!node.isArray() || s.index >= node.toArray().size()) return QJsonValue(QJsonValue::Undefined);
            node = node.toArray().at(s.index);
        }
    }
    return node;
}

QJsonObject set(const QJsonObject &root, const QString &path, const QJsonValue &value)
{
    const QList<Step> steps = parse(path);
    if (steps.isEmpty()) return root;
    bool ok = true;
    const QJsonValue out = setIn(root, steps, 0, value, &ok);
    return ok ? out.toObject() : root;
}

QString element(const QString &arrayPath, int index)
{
    return QStringLiteral("%1[%2]").arg(arrayPath).arg(index);
}

QString child(const QString &path, const QString &key)
{
    if (key.isEmpty()) return path;
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

int elementIndex(const QString &path, const QString &arrayPath, QString *rest)
{
    const QString prefix = arrayPath + QLatin1Char('[');
    if (!path.startsWith(prefix)) return -1;
    const qsizetype close = path.indexOf(QLatin1Char(']'), prefix.size());
    bool ok = false;
    const int index = close > 0 ? path.mid(prefix.size(), close - prefix.size()).toInt(&ok) : -1;
    if (!ok) return -1;
    const QString tail = path.mid(close + 1);
    if (!tail.isEmpty() && !tail.startsWith(QLatin1Char('.'))) return -1;
    if (rest) *rest = tail.mid(1);
    return index;
}

} // namespace rendition::ui::jsonpath
