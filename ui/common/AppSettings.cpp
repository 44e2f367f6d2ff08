#include "ui/common/AppSettings.h"

#include <QDir>
#include <QStandardPaths>

#include <algorithm>

namespace rendition::ui {

namespace {

const QString kCpuSlots = QStringLiteral("pool/cpu_slots");
const QString kHardwareSlots = QStringLiteral("pool/hardware_slots");
const QString kLightSlots = QStringLiteral("pool/light_slots");
const QString kOutputRoot = QStringLiteral("output/root");
const QString kDefaultPreset = QStringLiteral("output/default_preset");
const QString kWatchFolders = QStringLiteral("watch/folders");
const QString kLanguage = QStringLiteral("ui/language");

int readInt(QSettings &s, const QString &key, int fallback, int minimum)
{
    bool ok = false;
    const int v = s.value(key, fallback).toInt(&ok);
    return ok ? std::clamp(v, minimum, AppSettings::kMaxSlots) : fallback;
}

} // namespace

QString languageCode(UiLanguage language)
{
    switch (language) {
    case UiLanguage::System: return QStringLiteral("system");
    case UiLanguage::English: return QStringLiteral("en");
    case UiLanguage::German: return QStringLiteral("de");
    case UiLanguage::French: return QStringLiteral("fr");
    case UiLanguage::Invalid: break;
    }
    return QString();
}

UiLanguage languageFromCode(const QString &code)
{
    for (UiLanguage l : {UiLanguage::System, UiLanguage::English, UiLanguage::German, UiLanguage::French})
        if (languageCode(l) == code) return l;
    return UiLanguage::Invalid;
}

AppSettings AppSettings::defaults()
{
    AppSettings s;
    QString movies = QStandardPaths::writableLocation(QStandardPaths::MoviesLocation);
    if (movies.isEmpty()) movies = QDir::homePath();
    s.outputRoot = QDir(movies).filePath(QStringLiteral("Rendition"));
    s.defaultPreset = QStringLiteral("web-h264-ladder");
    return s;
}

AppSettings AppSettings::load(QSettings &settings)
{
    const AppSettings d = defaults();
    AppSettings s;
    s.cpuSlots = readInt(settings, kCpuSlots, d.cpuSlots, 1);
    s.hardwareSlots = readInt(settings, kHardwareSlots, d.hardwareSlots, kAutoHardwareSlots);
    s.lightSlots = readInt(settings, kLightSlots, d.lightSlots, 1);
    s.outputRoot = settings.value(kOutputRoot, d.outputRoot).toString();
    s.defaultPreset = settings.value(kDefaultPreset, d.defaultPreset).toString();
    s.watchFolders = settings.value(kWatchFolders).toStringList();
    s.watchFolders.removeAll(QString());
    const UiLanguage language = languageFromCode(settings.value(kLanguage, languageCode(d.language)).toString());
    s.language = language == UiLanguage::Invalid ? d.language : language;
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    settings.setValue(kCpuSlots, cpuSlots);
    settings.setValue(kHardwareSlots, hardwareSlots);
    settings.setValue(kLightSlots, lightSlots);
    settings.setValue(kOutputRoot, outputRoot);
    settings.setValue(kDefaultPreset, defaultPreset);
    settings.setValue(kWatchFolders, watchFolders);
    settings.setValue(kLanguage, languageCode(language));
    settings.sync();
}

} // namespace rendition::ui
