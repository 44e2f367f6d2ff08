#include "ui/settings/SettingsPanel.h"

#include "ui/common/Workspace.h"
#include "core/media/EncoderSelector.h"
#include "core/media/VideoEncoder.h"
#include "ui/remote/RemoteProfileEditor.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

namespace {

struct ProbedEncoder {
    EncoderProbeResult result;
    VideoCodec codec = VideoCodec::Invalid;
    bool hardware = false;
};

QList<ProbedEncoder> probeEveryEncoder()
{
    QList<ProbedEncoder> out;
    for (VideoCodec c : {VideoCodec::H264, VideoCodec::Hevc, VideoCodec::Av1}) {
        out << ProbedEncoder{probeEncoder(softwareEncoderFor(c), c), c, false};
        for (const QString &name : hardwareEncodersFor(c)) out << ProbedEncoder{probeEncoder(name, c), c, true};
    }
    return out;
}

} // namespace

SettingsPanel::SettingsPanel(Workspace &workspace, QWidget *parent) : QWidget(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("settingsPanel"));
    auto *grid = new QGridLayout;
    grid->addWidget(buildSlots(), 0, 0);
    grid->addWidget(buildOutput(), 1, 0);
    grid->addWidget(buildLanguage(), 2, 0);
    grid->addWidget(buildEncoders(), 0, 1, 2, 1);
    grid->addWidget(buildWatchFolders(), 2, 1);
    m_remoteProfiles = new RemoteProfileEditor(this);
    m_remoteProfiles->setObjectName(QStringLiteral("remoteProfiles"));
    grid->addWidget(m_remoteProfiles, 3, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("settingsMessage"));
    m_message->setWordWrap(true);
    auto *saveButton = new QPushButton(tr("Save"), this);
    auto *revertButton = new QPushButton(tr("Revert"), this);
    saveButton->setDefault(true);
    connect(saveButton, &QPushButton::clicked, this, &SettingsPanel::save);
    connect(revertButton, &QPushButton::clicked, this, &SettingsPanel::revert);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(revertButton);
    buttons->addWidget(saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid, 1);
    layout->addLayout(buttons);
    setEditing(m_workspace.settings());
    connect(&m_workspace, &Workspace::settingsChanged, this, &SettingsPanel::setEditing);
}

QWidget *SettingsPanel::buildSlots()
{
    auto *box = new QGroupBox(tr("Worker slots"), this);
    auto *form = new QFormLayout(box);
    m_cpuSlots = new QSpinBox(box);
    m_cpuSlots->setRange(1, AppSettings::kMaxSlots);
    m_hardwareSlots = new QSpinBox(box);
    m_hardwareSlots->setRange(AppSettings::kAutoHardwareSlots, AppSettings::kMaxSlots);
    m_hardwareSlots->setSpecialValueText(tr("Automatic (one per working encoder family)"));
    m_lightSlots = new QSpinBox(box);
    m_lightSlots->setRange(1, AppSettings::kMaxSlots);
    form->addRow(tr("Software encodes at once:"), m_cpuSlots);
    form->addRow(tr("Hardware encodes at once:"), m_hardwareSlots);
    form->addRow(tr("Light jobs at once:"), m_lightSlots);
    auto *note = new QLabel(tr("Each job runs in its own process. Fewer slots never stop running jobs."), box);
    note->setWordWrap(true);
    form->addRow(note);
    return box;
}

QWidget *SettingsPanel::buildEncoders()
{
    auto *box = new QGroupBox(tr("Encoders on this machine"), this);
    auto *layout = new QVBoxLayout(box);
    m_encoders = new QTreeWidget(box);
    m_encoders->setRootIsDecorated(false);
    m_encoders->setHeaderLabels({tr("Encoder"), tr("Codec"), tr("Kind"), tr("Result")});
    m_encoders->header()->setStretchLastSection(true);
    m_encoderStatus = new QLabel(tr("Encoders are probed by encoding a few frames with each."), box);
    m_encoderStatus->setWordWrap(true);
    m_probeButton = new QPushButton(tr("Probe Again"), box);
    connect(m_probeButton, &QPushButton::clicked, this, &SettingsPanel::probeEncoders);
    auto *row = new QHBoxLayout;
    row->addWidget(m_encoderStatus, 1);
    row->addWidget(m_probeButton);
    layout->addWidget(m_encoders, 1);
    layout->addLayout(row);
    return box;
}

QWidget *SettingsPanel::buildOutput()
{
    auto *box = new QGroupBox(tr("Output"), this);
    auto *form = new QFormLayout(box);
    m_outputRoot = new QLineEdit(box);
    auto *browse = new QPushButton(tr("Browse…"), box);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Output Folder"), m_outputRoot->text());
        if (!dir.isEmpty()) m_outputRoot->setText(dir);
    });
    auto *row = new QHBoxLayout;
    row->addWidget(m_outputRoot, 1);
    row->addWidget(browse);
    form->addRow(tr("Output folder:"), row);
    m_defaultPreset = new QComboBox(box);
    for (const PresetChoice &c : m_workspace.presetChoices()) m_defaultPreset->addItem(c.label, c.nameOrPath);
    form->addRow(tr("Default preset:"), m_defaultPreset);
    return box;
}

QWidget *SettingsPanel::buildWatchFolders()
{
    auto *box = new QGroupBox(tr("Watch folders"), this);
    auto *layout = new QVBoxLayout(box);
    auto *note = new QLabel(tr("Files that stop growing in these folders are queued with the default preset, each once."), box);
    note->setWordWrap(true);
    m_watchFolders = new QListWidget(box);
    auto *add = new QPushButton(tr("Add…"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    connect(add, &QPushButton::clicked, this, &SettingsPanel::addWatchFolder);
    connect(remove, &QPushButton::clicked, this, [this] { qDeleteAll(m_watchFolders->selectedItems()); });
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(add);
    row->addWidget(remove);
    layout->addWidget(note);
    layout->addWidget(m_watchFolders, 1);
    layout->addLayout(row);
    return box;
}

QWidget *SettingsPanel::buildLanguage()
{
    auto *box = new QGroupBox(tr("Language"), this);
    auto *form = new QFormLayout(box);
    m_language = new QComboBox(box);
    m_language->addItem(tr("System language"), int(UiLanguage::System));
    m_language->addItem(QStringLiteral("English"), int(UiLanguage::English)); // language names in their own language
    m_language->addItem(QStringLiteral("Deutsch"), int(UiLanguage::German));
    m_language->addItem(QStringLiteral("Français"), int(UiLanguage::French));
    form->addRow(tr("Language:"), m_language);
    auto *note = new QLabel(tr("A new language takes effect when Rendition is started again."), box);
    note->setWordWrap(true);
    form->addRow(note);
    return box;
}

void SettingsPanel::addWatchFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Watch Folder"));
    if (!dir.isEmpty() && m_watchFolders->findItems(dir, Qt::MatchExactly).isEmpty()) m_watchFolders->addItem(dir);
}

AppSettings SettingsPanel::edited() const
{
    AppSettings s;
    s.cpuSlots = m_cpuSlots->value();
    s.hardwareSlots = m_hardwareSlots->value();
    s.lightSlots = m_lightSlots->value();
    s.outputRoot = m_outputRoot->text().trimmed();
    if (!s.outputRoot.isEmpty()) s.outputRoot = QDir::cleanPath(QDir(s.outputRoot).absolutePath());
    s.defaultPreset = m_defaultPreset->currentData().toString();
    for (int i = 0; i < m_watchFolders->count(); ++i) s.watchFolders << m_watchFolders->item(i)->text();
    s.language = UiLanguage(m_language->currentData().toInt());
    return s;
}

void SettingsPanel::setEditing(const AppSettings &s)
{
    m_cpuSlots->setValue(s.cpuSlots);
    m_hardwareSlots->setValue(s.hardwareSlots);
    m_lightSlots->setValue(s.lightSlots);
    m_outputRoot->setText(s.outputRoot);
    int preset = m_defaultPreset->findData(s.defaultPreset);
    if (preset < 0 && !s.defaultPreset.isEmpty()) { // a preset file no longer listed: keep it selectable
        m_defaultPreset->addItem(s.defaultPreset, s.defaultPreset);
        preset = m_defaultPreset->count() - 1;
    }
    m_defaultPreset->setCurrentIndex(std::max(0, preset));
    m_watchFolders->clear();
    m_watchFolders->addItems(s.watchFolders);
    m_language->setCurrentIndex(std::max(0, m_language->findData(int(s.language))));
}

bool SettingsPanel::save()
{
    const AppSettings s = edited();
    if (s.outputRoot.isEmpty()) {
        m_message->setText(tr("Choose an output folder: published packages are written there."));
        return false;
    }
    const bool languageChanged = s.language != m_workspace.settings().language;
    QSettings settings;
    s.save(settings);
    if (settings.status() != QSettings::NoError) {
        m_message->setText(tr("The settings could not be written to %1; check that the file is writable.").arg(settings.fileName()));
        return false;
    }
    m_workspace.applySettings(s);
    m_message->setText(languageChanged ? tr("Saved. Restart Rendition to see the new language.") : tr("Saved."));
    Q_EMIT saved(s, languageChanged);
    return true;
}

void SettingsPanel::revert()
{
    setEditing(m_workspace.settings());
    m_message->clear();
}

void SettingsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_probedOnce) probeEncoders();
}

void SettingsPanel::probeEncoders()
{
    if (m_probing) return;
    m_probing = m_probedOnce = true;
    m_probeButton->setEnabled(false);
    m_encoderStatus->setText(tr("Probing encoders…"));
    QtConcurrent::run(probeEveryEncoder).then(this, [this](const QList<ProbedEncoder> &found) {
        m_probing = false;
        m_probeButton->setEnabled(true);
        m_encoders->clear();
        int usable = 0;
        for (const ProbedEncoder &e : found) {
            usable += e.result.usable;
            auto *item = new QTreeWidgetItem(m_encoders);
            item->setText(0, e.result.encoder);
            item->setText(1, videoCodecName(e.codec));
            item->setText(2, e.hardware ? tr("hardware") : tr("software"));
            item->setText(3, e.result.usable ? tr("works") : tr("not usable: %1").arg(e.result.detail));
            item->setToolTip(3, e.result.detail);
            item->setForeground(3, e.result.usable ? QColor(0x26, 0x80, 0x3b) : QColor(0x80, 0x80, 0x80));
        }
        m_encoders->resizeColumnToContents(0);
        m_encoderStatus->setText(tr("%1 of %2 encoders work on this machine.").arg(usable).arg(found.size()));
        Q_EMIT encodersProbed(usable, int(found.size()));
    });
}

} // namespace rendition::ui
