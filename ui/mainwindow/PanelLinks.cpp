#include "ui/mainwindow/PanelLinks.h"

#include "ui/common/Workspace.h"
#include "ui/ingest/IngestPanel.h"
#include "ui/presets/PresetEditorPanel.h"
#include "ui/preview/PreviewPanel.h"
#include "core/queue/Approval.h"
#include "core/queue/JobStore.h"
#include "ui/queue/QueuePanel.h"
#include "ui/review/QcReviewPanel.h"

#include <QFileInfo>
#include <QItemSelectionModel>
#include <QTabWidget>
#include <QTableView>

namespace rendition::ui {

PanelLinks::PanelLinks(Workspace &workspace, const Panels &panels, QTabWidget &tabs, QObject *parent)
    : QObject(parent), m_workspace(workspace), m_panels(panels), m_approval(std::make_unique<Approval>(workspace.store()))
{
    if (m_panels.ingest && m_panels.presets)
        connect(m_panels.ingest, &IngestPanel::selectedAssetsChanged, m_panels.presets, &PresetEditorPanel::setSelectedAssets);
    if (m_panels.ingest) {
        connect(m_panels.ingest, &IngestPanel::currentAssetChanged, this, [this](const QString &path) {
            m_source = path;
            m_sourceIsNewer = true;
        });
    }
    if (m_panels.queue)
        connect(m_panels.queue->view()->selectionModel(), &QItemSelectionModel::selectionChanged, this, &PanelLinks::onQueueSelection);
    if (m_panels.review) m_panels.review->setApproval(m_approval.get());
    connect(&tabs, &QTabWidget::currentChanged, this, [this, &tabs](int index) { onTabShown(tabs.widget(index)); });
}

PanelLinks::~PanelLinks()
{
    if (m_panels.review) m_panels.review->setApproval(nullptr);
}

void PanelLinks::onQueueSelection()
{
    const QStringList ids = m_panels.queue->selectedJobIds();
    if (ids.isEmpty()) return;
    Result<std::optional<JobRecord>> job = m_workspace.store().job(ids.first());
    if (!job || !job->has_value() || job->value().publishedDir.isEmpty()) return;
    m_version = job->value().publishedDir;
    m_sourceIsNewer = false;
}

Status PanelLinks::reviewVersion(const QString &versionDir)
{
    m_version = versionDir;
    m_sourceIsNewer = false;
    m_reviewShown = versionDir;
    return m_panels.review->openVersion(versionDir);
}

QString PanelLinks::newestPublishedVersion() const
{
    Result<QList<JobRecord>> jobs = m_workspace.store().list();
    if (!jobs) return {};
    QString newest;
    QDateTime newestAt;
    for (const JobRecord &j : *jobs) {
        if (j.publishedDir.isEmpty() || !QFileInfo(j.publishedDir).isDir()) continue;
        if (newest.isEmpty() || j.updatedAt > newestAt) {
            newest = j.publishedDir;
            newestAt = j.updatedAt;
        }
    }
    return newest;
}

void PanelLinks::onTabShown(QWidget *panel)
{
    if (panel && panel == m_panels.preview) {
        const QString wanted = m_sourceIsNewer || m_version.isEmpty() ? m_source : m_version;
        if (wanted.isEmpty() || wanted == m_previewShown) return;
        m_previewShown = wanted;
        const Status s = wanted == m_source ? m_panels.preview->openSource(wanted) : m_panels.preview->openVersion(wanted);
        if (!s) Q_EMIT message(s.error().toString());
    } else if (panel && panel == m_panels.review) {
        if (m_version.isEmpty()) m_version = newestPublishedVersion();
        if (m_version.isEmpty() || m_version == m_reviewShown) return;
        m_reviewShown = m_version;
        if (const Status s = m_panels.review->openVersion(m_version); !s) Q_EMIT message(s.error().toString());
    }
}

} // namespace rendition::ui
