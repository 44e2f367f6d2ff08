#include "ui/remote/ClusterPanel.h"

#include "core/media/Probe.h"
#include "ui/remote/RemoteJobsModel.h"
#include "core/remote/RemoteOutputs.h"
#include "core/remote/RemoteProfile.h"
#include "core/remote/RemoteSubmitter.h"
#include "core/remote/S3Client.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPromise>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace rendition::ui {

namespace {

std::unique_ptr<QSettings> openSettings(const QString &iniPath)
{
    if (iniPath.isEmpty()) return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(iniPath, QSettings::IniFormat);
}

// Profile + credentials, or an error naming the profile. Reentrant (own QSettings).
struct ResolvedProfile {
    RemoteProfile profile;
    AwsCredentials credentials;
};
Result<ResolvedProfile> resolveProfile(const QString &iniPath, const QString &name)
{
    auto settings = openSettings(iniPath);
    Result<RemoteProfile> profile = RemoteProfile::resolve(name, *settings, remoteProcessEnvironment());
    if (!profile) return profile.error();
    Result<AwsCredentials> credentials = profile->credentials();
    if (!credentials) return credentials.error();
    return ResolvedProfile{*profile, *credentials};
}

} // namespace

ClusterPanel::ClusterPanel(QWidget *parent) : QWidget(parent)
{
    m_model = new RemoteJobsModel(this);
    m_profiles = new QComboBox(this);
    m_profiles->setObjectName(QStringLiteral("clusterProfile"));
    m_follow = new QPushButton(tr("Follow status"), this);
    m_follow->setObjectName(QStringLiteral("clusterFollow"));
    m_follow->setCheckable(true);
    m_download = new QPushButton(tr("Download outputs…"), this);
    m_download->setObjectName(QStringLiteral("clusterDownload"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("clusterView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("clusterStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_follow, &QPushButton::toggled, this, [this](bool on) {
        if (!on) stopFollowing();
        else if (!startFollowing()) m_follow->setChecked(false);
    });
    connect(m_download, &QPushButton::clicked, this, [this] { downloadSelected(); });
    connect(m_profiles, &QComboBox::currentIndexChanged, this, [this] {
        if (m_reader) m_follow->setChecked(false);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ClusterPanel::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ClusterPanel::updateButtons);
    connect(&m_run, &QFutureWatcher<RunResult>::progressTextChanged, this, &ClusterPanel::setStatus);
    connect(&m_run, &QFutureWatcher<RunResult>::finished, this, &ClusterPanel::onRunFinished);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Remote profile:"), this));
    row->addWidget(m_profiles, 1);
    row->addWidget(m_follow);
    row->addWidget(m_download);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    reloadProfiles();
    updateButtons();
}

ClusterPanel::~ClusterPanel()
{
    m_cancel.cancel();
    m_run.waitForFinished();
    stopFollowing();
}

void ClusterPanel::setSettingsFile(const QString &iniPath)
{
    m_iniPath = iniPath;
    reloadProfiles();
}

void ClusterPanel::reloadProfiles()
{
    const QString current = currentProfile();
    auto settings = openSettings(m_iniPath);
    QStringList names = RemoteProfile::names(*settings);
    names << QString::fromLatin1(kEnvProfileName);
    const QSignalBlocker block(m_profiles);
    m_profiles->clear();
    for (const QString &name : names)
        m_profiles->addItem(name == QLatin1String(kEnvProfileName) ? tr("env (environment variables)") : name, name);
    setCurrentProfile(current);
}

void ClusterPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reloadProfiles();
}

QString ClusterPanel::currentProfile() const { return m_profiles->currentData().toString(); }

bool ClusterPanel::setCurrentProfile(const QString &name)
{
    const int index = m_profiles->findData(name);
    if (index < 0) return false;
    m_profiles->setCurrentIndex(index);
    return true;
}

void ClusterPanel::setStatus(const QString &text)
{
    m_status->setText(text);
    Q_EMIT statusChanged(text);
}

void ClusterPanel::cancel() { m_cancel.cancel(); }

bool ClusterPanel::submit(const QList<ClusterSubmitItem> &items)
{
    if (isBusy()) {
        setStatus(tr("Run on cluster: wait until the current transfer has finished."));
        return false;
    }
    if (items.isEmpty()) {
        setStatus(tr("Run on cluster: select queued or failed jobs, or sources in Ingest, first."));
        return false;
    }
    const QString profileName = currentProfile();
    if (profileName.isEmpty()) {
        setStatus(tr("Run on cluster: no remote profile is chosen (add one in Settings)."));
        return false;
    }
    m_cancel = CancelToken();
    setStatus(tr("Submitting %n source(s) to \"%1\"…", nullptr, int(items.size())).arg(profileName));
    const QString iniPath = m_iniPath;
    const CancelToken cancel = m_cancel;
    m_run.setFuture(QtConcurrent::run([iniPath, profileName, items, cancel](QPromise<RunResult> &promise) {
        RunResult result;
        int tick = 0;
        Result<ResolvedProfile> resolved = resolveProfile(iniPath, profileName);
        if (!resolved) {
            result.lines << tr("Run on cluster failed: %1").arg(resolved.error().message);
            result.failed = int(items.size());
            promise.addResult(result);
            return;
        }
        RemoteSubmitter submitter(resolved->profile, resolved->credentials);
        for (const ClusterSubmitItem &item : items) {
            if (cancel.isCanceled()) break;
            const QString name = QFileInfo(item.input).fileName();
            promise.setProgressValueAndText(++tick, tr("Probing %1…").arg(name));
            const ProbeResult probed = probe(item.input, {}, cancel);
            const auto sink = [&](const ProgressEvent &e) {
                promise.setProgressValueAndText(++tick, tr("Uploading %1: %2%").arg(name).arg(e.percent, 0, 'f', 0));
            };
            Result<RemoteSubmission> s = submitter.submit(probed, item.preset, sink, cancel);
            if (!s) {
                ++result.failed;
                result.lines << tr("%1 was not submitted to \"%2\": %3").arg(item.input, profileName, s.error().message);
                continue;
            }
            result.submitted << QStringList{s->spec.id, item.input, s->spec.idempotencyKey, item.localJobId};
            result.lines << (s->reused ? tr("%1 was already published at %2.").arg(name, s->publishedPrefix)
                                       : tr("%1 submitted as job %2.").arg(name, s->spec.id));
        }
        if (cancel.isCanceled()) result.lines << tr("Run on cluster canceled.");
        promise.addResult(result);
    }));
    updateButtons();
    return true;
}

void ClusterPanel::onRunFinished()
{
    const RunResult result = m_run.future().resultCount() > 0 ? m_run.result() : RunResult{};
    QStringList localJobIds;
    for (const QStringList &s : result.submitted) {
        m_model->addSubmitted(s.value(0), s.value(1), s.value(2));
        if (!s.value(3).isEmpty()) localJobIds << s.value(3);
    }
    setStatus(result.lines.join(QLatin1Char('\n')));
    if (!localJobIds.isEmpty()) Q_EMIT submittedLocalJobs(localJobIds);
    updateButtons();
}

bool ClusterPanel::startFollowing()
{
    stopFollowing();
    Result<ResolvedProfile> resolved = resolveProfile(m_iniPath, currentProfile());
    if (!resolved) {
        setStatus(tr("Cannot follow the cluster: %1").arg(resolved.error().message));
        return false;
    }
    auto reader = std::make_unique<RemoteStatusReader>(resolved->profile, resolved->credentials);
    connect(reader.get(), &RemoteStatusReader::jobUpdated, m_model, &RemoteJobsModel::update);
    connect(reader.get(), &RemoteStatusReader::readFailed, this,
            [this](const Error &e) { setStatus(tr("Reading the cluster status failed: %1").arg(e.message)); });
    if (Status s = reader->start(); !s) {
        setStatus(tr("Cannot follow the cluster: %1").arg(s.error().message));
        return false;
    }
    m_reader = std::move(reader);
    setStatus(tr("Following the status queue of \"%1\".").arg(currentProfile()));
    return true;
}

void ClusterPanel::stopFollowing()
{
    if (!m_reader) return;
    m_reader->stop();
    m_reader.reset();
}

bool ClusterPanel::downloadSelected(const QString &localRoot)
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const RemoteJobRow *row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    if (!row || row->idempotencyKey.isEmpty() || isBusy()) {
        setStatus(tr("Download outputs: select a published job submitted from this workstation."));
        return false;
    }
    QString root = localRoot;
    if (root.isEmpty()) root = QFileDialog::getExistingDirectory(this, tr("Download outputs to"));
    if (root.isEmpty()) return false;
    const QString iniPath = m_iniPath, profileName = currentProfile(), key = row->idempotencyKey;
    m_cancel = CancelToken();
    setStatus(tr("Downloading the outputs of job %1…").arg(row->jobId));
    m_run.setFuture(QtConcurrent::run([iniPath, profileName, key, root](QPromise<RunResult> &promise) {
        RunResult result;
        result.failed = 1;
        Result<ResolvedProfile> resolved = resolveProfile(iniPath, profileName);
        if (!resolved) {
            result.lines << tr("Download failed: %1").arg(resolved.error().message);
        } else {
            S3Client s3(resolved->profile.s3Config(), resolved->credentials);
            Result<std::optional<RemotePublished>> published = findRemotePublished(s3, key);
            if (!published) result.lines << tr("Download failed: %1").arg(published.error().message);
            else if (!*published) result.lines << tr("Download failed: the job %1 is not published yet.").arg(key);
            else if (Result<QString> dir = downloadRemoteVersion(s3, **published, root); !dir)
                result.lines << tr("Download failed: %1").arg(dir.error().message);
            else {
                result.failed = 0;
                result.lines << tr("Outputs downloaded to %1.").arg(*dir);
            }
        }
        promise.addResult(result);
    }));
    updateButtons();
    return true;
}

void ClusterPanel::updateButtons()
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const RemoteJobRow *row = rows.isEmpty() ? nullptr : m_model->rowAt(rows.first().row());
    const bool published = row && !row->idempotencyKey.isEmpty() &&
                           (row->latest.kind == RemoteEventKind::Published || row->latest.kind == RemoteEventKind::QcFailed ||
                            row->latest.kind == RemoteEventKind::Reused || row->latest.kind == RemoteEventKind::AwaitingApproval ||
                            row->latest.kind == RemoteEventKind::Approved || row->latest.kind == RemoteEventKind::Rejected);
    m_download->setEnabled(published && !isBusy());
}

} // namespace rendition::ui
