#pragma once
// Undo steps of the preset editor. Each command holds what it needs to redo and undo one
// edit of a PresetDocument (which must outlive it: the document owns the stack).
// SetValueCommand merges with the next one of the same path and non-zero merge key, so
// typing in one field is one step; a merged edit that returns to the old value disappears.

#include <QJsonValue>
#include <QString>
#include <QUndoCommand>

namespace rendition::ui {

class PresetDocument;

class SetValueCommand : public QUndoCommand {
public:
    static constexpr int kId = 0x5245; // same for every mergeable value edit
    SetValueCommand(PresetDocument *doc, const QString &path, const QJsonValue &oldValue, const QJsonValue &newValue,
                    int mergeKey);
    void redo() override;
    void undo() override;
    int id() const override { return m_mergeKey != 0 ? kId : -1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    PresetDocument *m_doc;
    QString m_path;
    QJsonValue m_old;
    QJsonValue m_new;
    int m_mergeKey;
};

class InsertElementCommand : public QUndoCommand {
public:
    InsertElementCommand(PresetDocument *doc, const QString &arrayPath, int index, const QJsonValue &value);
    void redo() override;
    void undo() override;

private:
    PresetDocument *m_doc;
    QString m_arrayPath;
    int m_index;
    QJsonValue m_value;
};

class RemoveElementCommand : public QUndoCommand {
public:
    RemoveElementCommand(PresetDocument *doc, const QString &arrayPath, int index, const QJsonValue &removed);
    void redo() override;
    void undo() override;

private:
    PresetDocument *m_doc;
    QString m_arrayPath;
    int m_index;
    QJsonValue m_removed;
};

class MoveElementCommand : public QUndoCommand {
public:
    MoveElementCommand(PresetDocument *doc, const QString &arrayPath, int from, int to);
    void redo() override;
    void undo() override;

private:
    PresetDocument *m_doc;
    QString m_arrayPath;
    int m_from;
    int m_to;
};

} // namespace rendition::ui
