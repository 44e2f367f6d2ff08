#include "ui/presets/PresetLibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace rendition::ui {

namespace {

constexpr int kIssuesInMessage = 5;

QString samePath(const QString &a)
{
    return QFileInfo(a).absoluteFilePath();
}

} // namespace

PresetLibrary::PresetLibrary(const QString &userDir) : m_userDir(userDir.isEmpty() ? defaultUserDir() : userDir) {}

QString PresetLibrary::defaultUserDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/presets");
}

QList<PresetEntry> PresetLibrary::scan() const
{
    QList<PresetEntry> out;
    for (const QString &name : builtinPresetNames()) {
        const Result<Preset> preset = loadPreset(name);
        PresetEntry e{name, true, {}, {}, {}};
        if (preset.ok())
            e.json = preset->toJson();
        else
            e.loadError = preset.error().toString(); // a broken built-in is a bug; show it
        out.append(e);
    }
    const QFileInfoList files = QDir(m_userDir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QFileInfo &file : files) {
        PresetEntry e{file.completeBaseName(), false, file.absoluteFilePath(), {}, {}};
        const Result<QJsonObject> json = readFile(file.absoluteFilePath());
        if (json.ok()) {
            e.json = json.value();
            e.name = e.json.value(QStringLiteral("name")).toString();
        } else {
            e.loadError = json.error().toString();
        }
        out.append(e);
    }
    return out;
}

Result<QJsonObject> PresetLibrary::readFile(const QString &path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("preset.unreadable"),
                         tr("Cannot read the preset file (%1); check that it exists and is readable.")
                             .arg(QFileInfo(path).isFile() ? file.errorString() : tr("not a regular file")),
                         path);
    }
    QList<PresetIssue> issues;
    const Result<Preset> preset = parsePreset(file.readAll(), &issues);
    if (preset.ok()) return preset->toJson();
    QStringList lines;
    for (qsizetype i = 0; i < issues.size() && i < kIssuesInMessage; ++i)
        lines << issues.at(i).toString();
    if (issues.size() > kIssuesInMessage) lines << tr("and %n more", nullptr, int(issues.size() - kIssuesInMessage));
    return makeError(QStringLiteral("preset.invalid"),
                     tr("The file is not a valid preset: %1.").arg(lines.join(QStringLiteral("; "))), path);
}

Status PresetLibrary::writeFile(const QJsonObject &json, const QString &path)
{
    const Result<Preset> preset = parsePreset(json);
    if (!preset.ok()) {
        return makeError(QStringLiteral("preset.invalid"),
                         tr("The preset has problems and was not written; fix the messages listed first."), path);
    }
    const QByteArray bytes = QJsonDocument(preset->toJson()).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        return makeError(
            QStringLiteral("preset.write"),
            tr("Cannot write the preset (%1); check that the folder exists and is writable.").arg(file.errorString()),
            path);
    }
    return {};
}

Result<QString> PresetLibrary::save(const QJsonObject &json, const QString &previousPath) const
{
    const QString name = json.value(QStringLiteral("name")).toString();
    const QString path = QDir(m_userDir).filePath(name + QStringLiteral(".json"));
    if (builtinPresetNames().contains(name)) {
        return makeError(QStringLiteral("preset.name_taken"),
                         tr("\"%1\" is the name of a built-in preset; give the copy another name.").arg(name), path);
    }
    const bool renamed = previousPath.isEmpty() || samePath(previousPath) != samePath(path);
    if (renamed && QFileInfo::exists(path)) {
        return makeError(QStringLiteral("preset.name_taken"),
                         tr("Another user preset is already named \"%1\"; choose another name.").arg(name), path);
    }
    if (!QDir().mkpath(m_userDir)) {
        return makeError(QStringLiteral("preset.write"),
                         tr("Cannot create the presets folder; check the permissions of its parent."), m_userDir);
    }
    if (Status s = writeFile(json, path); !s) return s.error();
    if (renamed && !previousPath.isEmpty() && QFileInfo::exists(previousPath) && !QFile::remove(previousPath)) {
        return makeError(QStringLiteral("preset.remove"),
                         tr("Saved under the new name, but the old file could not be removed; delete it by hand."),
                         previousPath);
    }
    return path;
}

Status PresetLibrary::remove(const QString &filePath) const
{
    QFile file(filePath);
    if (!file.remove()) {
        return makeError(
            QStringLiteral("preset.remove"),
            tr("Cannot delete the preset file (%1); check the folder's permissions.").arg(file.errorString()),
            filePath);
    }
    return {};
}

QString PresetLibrary::uniqueName(const QString &base, const QStringList &taken)
{
    if (!taken.contains(base)) return base;
    for (int i = 2;; ++i) {
        const QString name = QStringLiteral("%1-%2").arg(base).arg(i);
        if (!taken.contains(name)) return name;
    }
}

} // namespace rendition::ui
