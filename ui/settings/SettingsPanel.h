#pragma once
// Settings: worker slots per pool (CPU / hardware / light), the encoders this machine can
// really use (each probed by encoding a few frames, off the GUI thread), output root,
// default preset, watch folders and language. Save persists them with QSettings
// (AppSettings::save) and applies them to the Workspace; a language change takes effect
// after a restart (the panel says so). Remote (cluster) profiles are edited in their own
// section (RemoteProfileEditor), saved with its "Save profile" button.

#include "ui/common/AppSettings.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTreeWidget;

namespace rendition::ui {

class RemoteProfileEditor;
class Workspace;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    // `workspace` must outlive the panel; the editor starts with its current settings.
    SettingsPanel(Workspace &workspace, QWidget *parent);

    AppSettings edited() const;              // what the widgets say now
    void setEditing(const AppSettings &s);   // fills the widgets

    // Persists (QSettings in the application's scope) and applies the edited settings.
    // False (and a message shown) when they cannot be used, e.g. no output folder.
    bool save();
    void revert();

    // Probes every software and hardware encoder off the GUI thread; encodersProbed follows.
    void probeEncoders();
    QTreeWidget *encoderView() const { return m_encoders; }
    QListWidget *watchFolderList() const { return m_watchFolders; }
    // "Remote profiles" section (saves its profiles itself, see RemoteProfileEditor).
    RemoteProfileEditor *remoteProfiles() const { return m_remoteProfiles; }

Q_SIGNALS:
    void saved(const rendition::ui::AppSettings &settings, bool languageChanged);
    void encodersProbed(int usable, int total);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildSlots();
    QWidget *buildEncoders();
    QWidget *buildOutput();
    QWidget *buildWatchFolders();
    QWidget *buildLanguage();
    void addWatchFolder();

    Workspace &m_workspace;
    QSpinBox *m_cpuSlots = nullptr;
    QSpinBox *m_hardwareSlots = nullptr;
    QSpinBox *m_lightSlots = nullptr;
    QTreeWidget *m_encoders = nullptr;
    QPushButton *m_probeButton = nullptr;
    QLabel *m_encoderStatus = nullptr;
    QLineEdit *m_outputRoot = nullptr;
    QComboBox *m_defaultPreset = nullptr;
    QListWidget *m_watchFolders = nullptr;
    QComboBox *m_language = nullptr;
    QLabel *m_message = nullptr;
    RemoteProfileEditor *m_remoteProfiles = nullptr;
    bool m_probing = false;
    bool m_probedOnce = false;
};

} // namespace rendition::ui
