#pragma once
// The workstation's settings as a value type, persisted with QSettings (the application's
// organization/name scope; tests point QSettings somewhere else with QSettings::setPath).
// Keys: pool/cpu_slots, pool/hardware_slots, pool/light_slots, output/root, output/default_preset,
// watch/folders, ui/language. Missing or unreadable values fall back to the defaults below.

#include <QSettings>
#include <QString>
#include <QStringList>

namespace rendition::ui {

enum class UiLanguage { Invalid = 0, System, English, German, French };
QString languageCode(UiLanguage language);           // "system" | "en" | "de" | "fr"
UiLanguage languageFromCode(const QString &code);    // Invalid when unknown

struct AppSettings {
    static constexpr int kAutoHardwareSlots = -1; // one per working hardware encoder family
    static constexpr int kMaxSlots = 64;

    int cpuSlots = 1;                        // concurrent software encodes
    int hardwareSlots = kAutoHardwareSlots;  // concurrent hardware encodes, or auto
    int lightSlots = 2;                      // probe/loudness/thumbnail-only jobs
    QString outputRoot;                      // absolute folder for published packages
    QString defaultPreset;                   // built-in name or preset file path
    QStringList watchFolders;                // absolute folders; each is watched while the app runs
    UiLanguage language = UiLanguage::System;

    // The defaults: output under the user's Movies folder, the web ladder preset.
    static AppSettings defaults();
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    bool operator==(const AppSettings &other) const = default;
};

} // namespace rendition::ui
