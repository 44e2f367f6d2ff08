#pragma once
// Where the editor's presets come from and go to: the read-only built-ins (resources) and the
// user's presets, one "<name>.json" per preset in a folder (by default
// QStandardPaths::AppDataLocation + "/presets"). Files are written atomically (QSaveFile) as
// canonical, indented JSON, and only when the preset is valid. Every error names the file.
// Thread: any, but not concurrently on the same folder.

#include "core/model/Preset.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace rendition::ui {

struct PresetEntry {
    QString name; // the preset's name (file stem for user presets that do not parse)
    bool builtin = false;
    QString filePath;  // user presets only
    QJsonObject json;  // canonical JSON; empty when loadError is set
    QString loadError; // why a user preset file cannot be opened
};

class PresetLibrary {
    Q_DECLARE_TR_FUNCTIONS(rendition::ui::PresetLibrary)
public:
    // Empty `userDir` = defaultUserDir(). The folder is created on the first save.
    explicit PresetLibrary(const QString &userDir = {});
    static QString defaultUserDir();
    QString userDir() const { return m_userDir; }

    // Built-ins (by name), then user presets (by file name).
    QList<PresetEntry> scan() const;

    // Reads and validates a preset file; canonical JSON on success. Errors name the file and
    // say what is wrong (unreadable, JSON syntax with offset, or every validation issue).
    static Result<QJsonObject> readFile(const QString &path);
    // Writes `json` (must be a valid preset) as canonical indented JSON to `path`.
    static Status writeFile(const QJsonObject &json, const QString &path);

    // Saves into the user folder as "<name>.json". `previousPath` is the file the preset was
    // loaded from ("" for a new one); when the name changed, that file is removed after the
    // new one is written. Refuses built-in names and names another user preset has.
    Result<QString> save(const QJsonObject &json, const QString &previousPath) const;
    Status remove(const QString &filePath) const;

    // `base`, or `base-2`, `base-3`… — the first not in `taken` (built-in and user names).
    static QString uniqueName(const QString &base, const QStringList &taken);

private:
    QString m_userDir;
};

} // namespace rendition::ui
