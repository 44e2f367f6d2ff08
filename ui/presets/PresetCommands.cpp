#include "ui/presets/PresetCommands.h"

#include "ui/presets/PresetDocument.h"

#include <QCoreApplication>

namespace rendition::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("rendition::ui::PresetCommands", text);
}

} // namespace

SetValueCommand::SetValueCommand(PresetDocument *doc, const QString &path, const QJsonValue &oldValue,
                                 const QJsonValue &newValue, int mergeKey)
    : m_doc(doc), m_path(path), m_old(oldValue), m_new(newValue), m_mergeKey(mergeKey)
{
    setText(tr("Edit %1").arg(path));
}

void SetValueCommand::redo()
{
    m_doc->applyValue(m_path, m_new);
}
void SetValueCommand::undo()
{
    m_doc->applyValue(m_path, m_old);
}

bool SetValueCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SetValueCommand *>(other); // same id() → same type
    if (next->m_path != m_path || next->m_mergeKey != m_mergeKey) return false;
    m_new = next->m_new;
    setObsolete(m_new == m_old);
    return true;
}

InsertElementCommand::InsertElementCommand(PresetDocument *doc, const QString &arrayPath, int index,
                                           const QJsonValue &value)
    : m_doc(doc), m_arrayPath(arrayPath), m_index(index), m_value(value)
{
    setText(tr("Add to %1").arg(arrayPath));
}

void InsertElementCommand::redo()
{
    m_doc->applyInsert(m_arrayPath, m_index, m_value);
}
void InsertElementCommand::undo()
{
    m_doc->applyRemove(m_arrayPath, m_index);
}

RemoveElementCommand::RemoveElementCommand(PresetDocument *doc, const QString &arrayPath, int index,
                                           const QJsonValue &removed)
    : m_doc(doc), m_arrayPath(arrayPath), m_index(index), m_removed(removed)
{
    setText(tr("Remove from %1").arg(arrayPath));
}

void RemoveElementCommand::redo()
{
    m_doc->applyRemove(m_arrayPath, m_index);
}
void RemoveElementCommand::undo()
{
    m_doc->applyInsert(m_arrayPath, m_index, m_removed);
}

MoveElementCommand::MoveElementCommand(PresetDocument *doc, const QString &arrayPath, int from, int to)
    : m_doc(doc), m_arrayPath(arrayPath), m_from(from), m_to(to)
{
    setText(tr("Move in %1").arg(arrayPath));
}

void MoveElementCommand::redo()
{
    m_doc->applyMove(m_arrayPath, m_from, m_to);
}
void MoveElementCommand::undo()
{
    m_doc->applyMove(m_arrayPath, m_to, m_from);
}

} // namespace rendition::ui
