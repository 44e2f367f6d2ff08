#pragma once
// One preset open in the editor: its JSON (the canonical form of a parsed preset, edited in
// place by JSON path), its undo stack, and the validator's issues for the current content.
//
// Every edit goes through setValue / insertElement / removeElement / moveElement, which push a
// QUndoCommand (PresetCommands.h); the commands call the apply* functions. After each apply the
// whole document is re-validated with the core validator (validatePreset: cheap, pure) and
// issuesChanged() is emitted, so messages appear and disappear with edits, undo and redo.
// Built-in presets are read-only: every edit function refuses them and returns false.
// Thread: GUI thread only. The document owns its QUndoStack.

#include "core/model/Preset.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

class QUndoStack;

namespace rendition::ui {

enum class PresetOrigin { Invalid = 0, Builtin, UserFile, Unsaved };

class PresetDocument : public QObject {
    Q_OBJECT
public:
    // `filePath`: the user preset's file (UserFile), empty otherwise.
    PresetDocument(const QJsonObject &json, PresetOrigin origin, const QString &filePath, QObject *parent = nullptr);

    const QJsonObject &json() const { return m_json; }
    QJsonValue value(const QString &path) const;
    QString name() const;
    PresetOrigin origin() const { return m_origin; }
    bool isReadOnly() const { return m_origin == PresetOrigin::Builtin; }
    QString filePath() const { return m_filePath; }
    // Unsaved documents and documents with edits since the last save.
    bool isModified() const;
    // After a successful save to `filePath`: the document becomes a clean user preset.
    void markSaved(const QString &filePath);
    QUndoStack *undoStack() const { return m_undo; }

    // Edits (one undo step each). `mergeKey` != 0 merges consecutive edits of the same path
    // with the same key into one step (typing in a field). False when read-only, unchanged
    // or the path/index does not exist.
    bool setValue(const QString &path, const QJsonValue &value, int mergeKey = 0);
    bool insertElement(const QString &arrayPath, int index, const QJsonValue &value);
    bool removeElement(const QString &arrayPath, int index);
    bool moveElement(const QString &arrayPath, int from, int to);

    // Called by the undo commands only: change the content without recording a step.
    void applyValue(const QString &path, const QJsonValue &value);
    void applyInsert(const QString &arrayPath, int index, const QJsonValue &value);
    void applyRemove(const QString &arrayPath, int index);
    void applyMove(const QString &arrayPath, int from, int to);

    const QList<PresetIssue> &issues() const { return m_issues; }
    // Messages whose JSON path is exactly `path`.
    QStringList issuesAt(const QString &path) const { return m_issuesByPath.value(path); }
    bool isValid() const { return m_issues.isEmpty(); }
    // The parsed preset, or the validator's error listing every issue.
    Result<Preset> preset() const;

Q_SIGNALS:
    void valueChanged(const QString &path);
    void arrayAboutToChange(const QString &arrayPath);
    void arrayChanged(const QString &arrayPath);
    void elementMoved(const QString &arrayPath, int from, int to);
    void issuesChanged();
    void modifiedChanged(bool modified);

private:
    QJsonArray arrayAt(const QString &arrayPath) const;
    void setArray(const QString &arrayPath, const QJsonArray &array);
    void revalidate();

    QJsonObject m_json;
    PresetOrigin m_origin = PresetOrigin::Invalid;
    QString m_filePath;
    QUndoStack *m_undo = nullptr;
    QList<PresetIssue> m_issues;
    QHash<QString, QStringList> m_issuesByPath;
};

} // namespace rendition::ui
