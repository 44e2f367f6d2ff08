#include "ui/presets/PresetDocument.h"

#include "ui/presets/JsonPath.h"
#include "ui/presets/PresetCommands.h"

#include <QJsonArray>
#include <QUndoStack>

namespace rendition::ui {

PresetDocument::PresetDocument(const QJsonObject &json, PresetOrigin origin, const QString &filePath, QObject *parent)
    : QObject(parent), m_json(json), m_origin(origin), m_filePath(filePath), m_undo(new QUndoStack(this))
{
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { Q_EMIT modifiedChanged(isModified()); });
    revalidate();
}

QJsonValue PresetDocument::value(const QString &path) const
{
    return jsonpath::get(m_json, path);
}

QString PresetDocument::name() const
{
    return m_json.value(QStringLiteral("name")).toString();
}

bool PresetDocument::isModified() const
{
    return m_origin == PresetOrigin::Unsaved || !m_undo->isClean();
}

void PresetDocument::markSaved(const QString &filePath)
{
    m_origin = PresetOrigin::UserFile;
    m_filePath = filePath;
    m_undo->setClean();
    Q_EMIT modifiedChanged(isModified());
}

bool PresetDocument::setValue(const QString &path, const QJsonValue &value, int mergeKey)
{
    const QJsonValue old = this->value(path);
    if (isReadOnly() || old == value || jsonpath::set(m_json, path, value) == m_json) return false;
    m_undo->push(new SetValueCommand(this, path, old, value, mergeKey));
    return true;
}

bool PresetDocument::insertElement(const QString &arrayPath, int index, const QJsonValue &value)
{
    if (isReadOnly() || !this->value(arrayPath).isArray() || index < 0 || index > arrayAt(arrayPath).size())
        return false;
    m_undo->push(new InsertElementCommand(this, arrayPath, index, value));
    return true;
}

bool PresetDocument::removeElement(const QString &arrayPath, int index)
{
    const QJsonArray array = arrayAt(arrayPath);
    if (isReadOnly() || index < 0 || index >= array.size()) return false;
    m_undo->push(new RemoveElementCommand(this, arrayPath, index, array.at(index)));
    return true;
}

bool PresetDocument::moveElement(const QString &arrayPath, int from, int to)
{
    const qsizetype size = arrayAt(arrayPath).size();
    if (isReadOnly() || from == to || from < 0 || to < 0 || from >= size || to >= size) return false;
    m_undo->push(new MoveElementCommand(this, arrayPath, from, to));
    return true;
}

void PresetDocument::applyValue(const QString &path, const QJsonValue &value)
{
    m_json = jsonpath::set(m_json, path, value);
    Q_EMIT valueChanged(path);
    revalidate();
}

void PresetDocument::applyInsert(const QString &arrayPath, int index, const QJsonValue &value)
{
    QJsonArray array = arrayAt(arrayPath);
    Q_EMIT arrayAboutToChange(arrayPath);
    array.insert(index, value);
    setArray(arrayPath, array);
}

void PresetDocument::applyRemove(const QString &arrayPath, int index)
{
    QJsonArray array = arrayAt(arrayPath);
    Q_EMIT arrayAboutToChange(arrayPath);
    array.removeAt(index);
    setArray(arrayPath, array);
}

void PresetDocument::applyMove(const QString &arrayPath, int from, int to)
{
    QJsonArray array = arrayAt(arrayPath);
    Q_EMIT arrayAboutToChange(arrayPath);
    const QJsonValue moving = array.takeAt(from);
    array.insert(to, moving);
    setArray(arrayPath, array);
    Q_EMIT elementMoved(arrayPath, from, to);
}

Result<Preset> PresetDocument::preset() const
{
    return parsePreset(m_json);
}

QJsonArray PresetDocument::arrayAt(const QString &arrayPath) const
{
    return value(arrayPath).toArray();
}

void PresetDocument::setArray(const QString &arrayPath, const QJsonArray &array)
{
    m_json = jsonpath::set(m_json, arrayPath, array);
    Q_EMIT arrayChanged(arrayPath);
    revalidate();
}

void PresetDocument::revalidate()
{
    m_issues = validatePreset(m_json);
    m_issuesByPath.clear();
    for (const PresetIssue &issue : std::as_const(m_issues))
        m_issuesByPath[issue.path].append(issue.message);
    Q_EMIT issuesChanged();
}

} // namespace rendition::ui
