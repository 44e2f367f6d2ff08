#pragma once
// Settings section "Remote profiles": lists the profiles stored under "remote/profiles/<name>"
// (RemoteProfile::save/load/remove/names) and edits one at a time: endpoint, region, bucket,
// path style, queue URLs and the AWS profile the credentials come from. Secrets are never
// edited or stored here (credentials come from the standard AWS chain).
//
// Storage: the application's QSettings, or an ini file set with setSettingsFile() (tests).
// GUI thread only. saveProfile() refuses a profile that does not validate and shows why in
// message() (the message names every missing field).

#include "core/remote/RemoteProfile.h"

#include <QGroupBox>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSettings;

namespace rendition::ui {

class RemoteProfileEditor : public QGroupBox {
    Q_OBJECT
public:
    explicit RemoteProfileEditor(QWidget *parent = nullptr);

    void setSettingsFile(const QString &iniPath); // empty: the application's settings
    std::unique_ptr<QSettings> openSettings() const;

    RemoteProfile edited() const;
    void setEditing(const RemoteProfile &profile);
    QStringList profileNames() const;

    bool saveProfile();         // validates, then saves; false + message() when refused
    bool removeProfile(const QString &name);
    bool loadProfile(const QString &name); // into the form
    QLabel *message() const { return m_message; }

Q_SIGNALS:
    void profilesChanged(const QStringList &names);

private:
    void reloadList();

    QString m_iniPath;
    QListWidget *m_list = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_endpoint = nullptr;
    QLineEdit *m_region = nullptr;
    QLineEdit *m_bucket = nullptr;
    QCheckBox *m_pathStyle = nullptr;
    QLineEdit *m_jobsQueue = nullptr;
    QLineEdit *m_statusQueue = nullptr;
    QLineEdit *m_dlq = nullptr;
    QLineEdit *m_awsProfile = nullptr;
    QLabel *m_message = nullptr;
};

} // namespace rendition::ui
