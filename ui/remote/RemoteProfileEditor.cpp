#include "ui/remote/RemoteProfileEditor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace rendition::ui {

namespace {
QLineEdit *field(QWidget *parent, const char *objectName, const QString &placeholder)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}
} // namespace

RemoteProfileEditor::RemoteProfileEditor(QWidget *parent) : QGroupBox(tr("Remote profiles"), parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("remoteProfileList"));
    m_name = field(this, "remoteName", tr("e.g. studio-cluster"));
    m_endpoint = field(this, "remoteEndpoint", tr("empty: AWS (https://s3.<region>.amazonaws.com)"));
    m_region = field(this, "remoteRegion", QStringLiteral("us-east-1"));
    m_bucket = field(this, "remoteBucket", QString());
    m_pathStyle = new QCheckBox(tr("Path-style addressing (emulators, custom endpoints)"), this);
    m_pathStyle->setObjectName(QStringLiteral("remotePathStyle"));
    m_jobsQueue = field(this, "remoteJobsQueue", QString());
    m_statusQueue = field(this, "remoteStatusQueue", tr("optional: no status back when empty"));
    m_dlq = field(this, "remoteDlq", tr("optional"));
    m_awsProfile = field(this, "remoteAwsProfile", tr("empty: the standard AWS credential chain"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("remoteProfileMessage"));
    m_message->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("S3 endpoint:"), m_endpoint);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("Bucket:"), m_bucket);
    form->addRow(QString(), m_pathStyle);
    form->addRow(tr("Jobs queue URL:"), m_jobsQueue);
    form->addRow(tr("Status queue URL:"), m_statusQueue);
    form->addRow(tr("Dead-letter queue URL:"), m_dlq);
    form->addRow(tr("AWS credentials profile:"), m_awsProfile);

    auto *newButton = new QPushButton(tr("New"), this);
    auto *saveButton = new QPushButton(tr("Save profile"), this);
    auto *removeButton = new QPushButton(tr("Remove profile"), this);
    connect(newButton, &QPushButton::clicked, this, [this] {
        setEditing(RemoteProfile{});
        m_message->clear();
    });
    connect(saveButton, &QPushButton::clicked, this, &RemoteProfileEditor::saveProfile);
    connect(removeButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem()) removeProfile(item->text());
    });
    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty()) loadProfile(name);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(newButton);
    buttons->addStretch(1);
    buttons->addWidget(removeButton);
    buttons->addWidget(saveButton);

    auto *columns = new QHBoxLayout;
    columns->addWidget(m_list, 1);
    columns->addLayout(form, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Secrets are never stored here: credentials come from the AWS environment "
                                    "variables or ~/.aws profiles."), this));
    layout->addLayout(columns, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    setEditing(RemoteProfile{});
    reloadList();
}

void RemoteProfileEditor::setSettingsFile(const QString &iniPath)
{
    m_iniPath = iniPath;
    reloadList();
}

std::unique_ptr<QSettings> RemoteProfileEditor::openSettings() const
{
    if (m_iniPath.isEmpty()) return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(m_iniPath, QSettings::IniFormat);
}

RemoteProfile RemoteProfileEditor::edited() const
{
    RemoteProfile p;
    p.name = m_name->text().trimmed();
    p.s3Endpoint = m_endpoint->text().trimmed();
    p.region = m_region->text().trimmed();
    p.bucket = m_bucket->text().trimmed();
    p.pathStyle = m_pathStyle->isChecked();
    p.jobsQueueUrl = m_jobsQueue->text().trimmed();
    p.statusQueueUrl = m_statusQueue->text().trimmed();
    p.dlqUrl = m_dlq->text().trimmed();
    p.awsProfile = m_awsProfile->text().trimmed();
    return p;
}

void RemoteProfileEditor::setEditing(const RemoteProfile &p)
{
    m_name->setText(p.name);
    m_endpoint->setText(p.s3Endpoint);
    m_region->setText(p.region);
    m_bucket->setText(p.bucket);
    m_pathStyle->setChecked(p.pathStyle);
    m_jobsQueue->setText(p.jobsQueueUrl);
    m_statusQueue->setText(p.statusQueueUrl);
    m_dlq->setText(p.dlqUrl);
    m_awsProfile->setText(p.awsProfile);
}

QStringList RemoteProfileEditor::profileNames() const
{
    auto settings = openSettings();
    return RemoteProfile::names(*settings);
}

bool RemoteProfileEditor::saveProfile()
{
    const RemoteProfile p = edited();
    if (p.name.isEmpty()) {
        m_message->setText(tr("The remote profile is not saved: the name is not set."));
        return false;
    }
    if (p.name == QLatin1String(kEnvProfileName)) {
        m_message->setText(tr("The remote profile is not saved: \"%1\" is reserved for the environment variables.")
                               .arg(p.name));
        return false;
    }
    if (Status s = p.validate(); !s) {
        m_message->setText(tr("The remote profile is not saved: %1").arg(s.error().message));
        return false;
    }
    {
        auto settings = openSettings();
        p.save(*settings);
        settings->sync();
    }
    m_message->setText(tr("Remote profile \"%1\" saved.").arg(p.name));
    reloadList();
    return true;
}

bool RemoteProfileEditor::removeProfile(const QString &name)
{
    {
        auto settings = openSettings();
        if (!RemoteProfile::names(*settings).contains(name)) return false;
        RemoteProfile::remove(*settings, name);
        settings->sync();
    }
    m_message->setText(tr("Remote profile \"%1\" removed.").arg(name));
    setEditing(RemoteProfile{});
    reloadList();
    return true;
}

bool RemoteProfileEditor::loadProfile(const QString &name)
{
    auto settings = openSettings();
    Result<RemoteProfile> p = RemoteProfile::load(*settings, name);
    if (!p) {
        m_message->setText(p.error().message);
        return false;
    }
    setEditing(*p);
    return true;
}

void RemoteProfileEditor::reloadList()
{
    const QStringList names = profileNames();
    const QSignalBlocker block(m_list);
    m_list->clear();
    m_list->addItems(names);
    Q_EMIT profilesChanged(names);
}

} // namespace rendition::ui
