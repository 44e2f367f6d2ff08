#include "ui/queue/QueuePanel.h"

#include "ui/queue/JobDetailDialog.h"
#include "ui/queue/ProgressDelegate.h"
#include "ui/queue/QueueController.h"
#include "ui/queue/QueueFeed.h"
#include "core/queue/WorkerPool.h"
#include "ui/remote/ClusterPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

Q_LOGGING_CATEGORY(lcQueuePanel, "rendition.ui.queue")

namespace rendition::ui {

namespace {

constexpr int kSearchDelayMs = 150;
constexpr int kSummaryDelayMs = 300;
constexpr int kErrorsInTooltip = 20;

using S = JobState;

// Which job states each action applies to.
bool appliesTo(QueuePanel::Action a, JobState s)
{
    using A = QueuePanel::Action;
    switch (a) {
    case A::PauseJob: return s == S::Queued || s == S::Running;
    case A::ResumeJob: return s == S::Paused;
    case A::Cancel: return s == S::Queued || s == S::Running || s == S::Paused;
    case A::Retry: return s == S::Failed || s == S::QcFailed || s == S::Canceled || s == S::Rejected || s == S::Dead;
    case A::PriorityUp:
    case A::PriorityDown:
    case A::MoveToTop: return s == S::Queued || s == S::Paused;
    case A::Approve:
    case A::Reject: return s == S::AwaitingApproval;
    case A::RunOnCluster: return s == S::Queued || s == S::Failed;
    case A::Details:
    case A::OpenOutput: return true;
    case A::PauseQueue:
    case A::Invalid: break;
    }
    return false;
}

} // namespace

QueuePanel::QueuePanel(JobStore &store, WorkerPool *pool, QWidget *parent)
    : QWidget(parent), m_store(store), m_pool(pool), m_model(new QueueModel(this)), m_proxy(new QueueFilterProxy(m_model, this)),
      m_controller(new QueueController(store, pool, this)), m_feed(new QueueFeed(store.path(), m_model, pool, QueueFeed::kDefaultPollMs, this)),
      m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    buildActions();
    buildLayout();

    connect(m_feed, &QueueFeed::loaded, this, [this](int jobs, qint64 readMs) {
        qCInfo(lcQueuePanel) << "loaded" << jobs << "jobs in" << readMs << "ms";
        refreshBatches();
        updateSummary();
    });
    connect(m_feed, &QueueFeed::changed, this, [this] {
        if (m_model->batches().size() + 1 != m_batchFilter->count()) refreshBatches();
        if (!m_pool) refreshQueuePaused();
        if (!m_summaryDelay->isActive()) m_summaryDelay->start();
        onSelectionChanged();
    });
    connect(m_feed, &QueueFeed::errorOccurred, this, qOverload<const Error &>(&QueuePanel::report));
    connect(m_controller, &QueueController::storeChanged, m_feed, &QueueFeed::refresh);
    connect(m_model, &QueueModel::moveRequested, this, [this](const QString &id, const QString &before) {
        report(m_controller->moveBefore({id}, before));
    });
    if (m_pool) {
        connect(m_pool, &WorkerPool::queuePausedChanged, this, [this](bool paused) {
            QSignalBlocker block(m_actions.value(Action::PauseQueue));
            m_actions.value(Action::PauseQueue)->setChecked(paused);
            updateSummary();
        });
        connect(m_pool, &WorkerPool::jobPaused, m_feed, &QueueFeed::refresh);
        connect(m_pool, &WorkerPool::jobResumed, m_feed, &QueueFeed::refresh);
    }
    refreshQueuePaused();
    m_feed->start();
}

QueuePanel::~QueuePanel() = default;

void QueuePanel::buildActions()
{
    struct Spec {
        Action action;
        QString text;
        QString tip;
    };
    const QList<Spec> specs{
        {Action::PauseQueue, tr("Pause queue"), tr("No new job starts while the queue is paused; running jobs go on.")},
        {Action::PauseJob, tr("Pause"), tr("Pause the selected jobs (a running job is stopped where it is).")},
        {Action::ResumeJob, tr("Resume"), tr("Resume the selected paused jobs.")},
        {Action::Cancel, tr("Cancel"), tr("Cancel the selected jobs.")},
        {Action::Retry, tr("Retry"), tr("Queue the selected failed, canceled, rejected or dead jobs again.")},
        {Action::PriorityUp, tr("Priority up"), tr("Raise the priority of the selected queued jobs.")},
        {Action::PriorityDown, tr("Priority down"), tr("Lower the priority of the selected queued jobs.")},
        {Action::MoveToTop, tr("Run next"), tr("Move the selected queued jobs to the top of the queue.")},
        {Action::Approve, tr("Approve"), tr("Approve the selected jobs waiting for approval (publishes them as current).")},
        {Action::Reject, tr("Reject…"), tr("Reject the selected jobs waiting for approval, with a reason.")},
        {Action::Details, tr("Details…"), tr("Show the job's errors, every attempt with its log and its spec.")},
        {Action::OpenOutput, tr("Open output folder"), tr("Open the folder the job publishes to.")},
        {Action::RunOnCluster, tr("Run on cluster"),
         tr("Send the selected queued or failed jobs to the cluster of the profile chosen in the Cluster tab.")},
    };
    for (const Spec &s : specs) {
        auto *a = new QAction(s.text, this);
        a->setToolTip(s.tip);
        a->setStatusTip(s.tip);
        m_actions.insert(s.action, a);
    }
    QAction *pauseQueue = m_actions.value(Action::PauseQueue);
    pauseQueue->setCheckable(true);
    connect(pauseQueue, &QAction::toggled, this, &QueuePanel::onPauseQueue);
    connect(m_actions.value(Action::PauseJob), &QAction::triggered, this, [this] {
        report(m_controller->pause(selectedJobIds()));
    });
    connect(m_actions.value(Action::ResumeJob), &QAction::triggered, this, [this] { report(m_controller->resume(selectedJobIds())); });
    connect(m_actions.value(Action::Cancel), &QAction::triggered, this, [this] { report(m_controller->cancel(selectedJobIds())); });
    connect(m_actions.value(Action::Retry), &QAction::triggered, this, [this] { report(m_controller->retry(selectedJobIds())); });
    connect(m_actions.value(Action::PriorityUp), &QAction::triggered, this, [this] { report(m_controller->changePriority(selectedJobIds(), 1)); });
    connect(m_actions.value(Action::PriorityDown), &QAction::triggered, this, [this] { report(m_controller->changePriority(selectedJobIds(), -1)); });
    connect(m_actions.value(Action::MoveToTop), &QAction::triggered, this, [this] { report(m_controller->moveTo(selectedJobIds(), QueueEnd::Top)); });
    connect(m_actions.value(Action::Approve), &QAction::triggered, this, [this] { report(m_controller->approve(selectedJobIds())); });
    connect(m_actions.value(Action::Reject), &QAction::triggered, this, &QueuePanel::onReject);
    connect(m_actions.value(Action::Details), &QAction::triggered, this, &QueuePanel::onDetails);
    connect(m_actions.value(Action::OpenOutput), &QAction::triggered, this, &QueuePanel::onOpenOutput);
    connect(m_actions.value(Action::RunOnCluster), &QAction::triggered, this, &QueuePanel::runSelectedOnCluster);
}

QToolBar *QueuePanel::buildToolBar()
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_actions.value(Action::PauseQueue));
    bar->addSeparator();
    for (Action a : {Action::PauseJob, Action::ResumeJob, Action::Cancel, Action::Retry}) bar->addAction(m_actions.value(a));
    bar->addSeparator();
    for (Action a : {Action::PriorityUp, Action::PriorityDown, Action::MoveToTop}) bar->addAction(m_actions.value(a));
    bar->addSeparator();
    for (Action a : {Action::Approve, Action::Reject}) bar->addAction(m_actions.value(a));
    bar->addSeparator();
    for (Action a : {Action::Details, Action::OpenOutput}) bar->addAction(m_actions.value(a));
    bar->addSeparator();
    bar->addAction(m_actions.value(Action::RunOnCluster));
    return bar;
}

void QueuePanel::buildLayout()
{
    m_stateFilter = new QComboBox(this);
    m_stateFilter->setObjectName(QStringLiteral("stateFilter"));
    const QList<std::pair<StateFilter, QString>> states{
        {StateFilter::All, tr("All jobs")}, {StateFilter::Active, tr("Queued and running")},
        {StateFilter::WaitingForApproval, tr("Waiting for approval")}, {StateFilter::Done, tr("Done")},
        {StateFilter::Problems, tr("Failed, canceled, rejected")}, {StateFilter::DeadLetters, tr("Dead letters")}};
    for (const auto &[filter, text] : states) m_stateFilter->addItem(text, int(filter));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setStateFilter(StateFilter(m_stateFilter->currentData().toInt())); });
    m_batchFilter = new QComboBox(this);
    m_batchFilter->setObjectName(QStringLiteral("batchFilter"));
    m_batchFilter->addItem(tr("All batches"), QString());
    connect(m_batchFilter, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setBatchFilter(m_batchFilter->currentData().toString()); });
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("textFilter"));
    m_search->setPlaceholderText(tr("Filter by source, preset, state, stage or encoder"));
    m_search->setClearButtonEnabled(true);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_proxy->setTextFilter(m_search->text()); });

    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(QueueModel::Progress, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // never measure 10,000 rows
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(QueueModel::Source, 220);
    m_view->setColumnWidth(QueueModel::Progress, 260);
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &QueuePanel::onSortChanged);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QueueModel::Priority, Qt::AscendingOrder); // run order
    onSortChanged(QueueModel::Priority, Qt::AscendingOrder);
    m_view->setDragDropMode(QAbstractItemView::InternalMove);
    m_view->setDefaultDropAction(Qt::MoveAction);
    m_view->setDragDropOverwriteMode(false);
    m_view->setDropIndicatorShown(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &QueuePanel::onContextMenu);
    connect(m_view, &QAbstractItemView::doubleClicked, this, &QueuePanel::onDetails);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &QueuePanel::onSelectionChanged);

    m_summary = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_summaryDelay = new QTimer(this);
    m_summaryDelay->setSingleShot(true);
    m_summaryDelay->setInterval(kSummaryDelayMs);
    connect(m_summaryDelay, &QTimer::timeout, this, &QueuePanel::updateSummary);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Show:"), this));
    filters->addWidget(m_stateFilter);
    filters->addWidget(m_batchFilter);
    filters->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildToolBar());
    layout->addLayout(filters);
    m_cluster = new ClusterPanel(this);
    connect(m_cluster, &ClusterPanel::statusChanged, m_status, &QLabel::setText);
    connect(m_cluster, &ClusterPanel::submittedLocalJobs, this, [this](const QStringList &ids) {
        QStringList queued;
        for (const QString &id : ids)
            if (const QueueJob *j = m_model->jobAt(m_model->rowOfJob(id)); j && j->snapshot.state == JobState::Queued) queued << id;
        if (!queued.isEmpty()) report(m_controller->cancel(queued));
    });
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("queueTabs"));
    m_tabs->addTab(m_view, tr("This workstation"));
    m_tabs->addTab(m_cluster, tr("Cluster"));
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    onSelectionChanged();
}

QAction *QueuePanel::action(Action a) const
{
    return m_actions.value(a);
}

bool QueuePanel::runSelectedOnCluster()
{
    QList<ClusterSubmitItem> items;
    QList<Error> errors;
    for (const QueueJob *j : selectedJobs()) {
        if (!appliesTo(Action::RunOnCluster, j->snapshot.state)) continue;
        Result<std::optional<JobRecord>> record = m_store.job(j->snapshot.id);
        if (!record) { errors << record.error(); continue; }
        if (!*record) continue;
        Result<JobSpec> spec = (*record)->spec();
        if (!spec) { errors << spec.error(); continue; }
        const QString path = spec->source.localPath();
        if (path.isEmpty()) {
            errors << makeError(QStringLiteral("queue.not_local"),
                                tr("Job %1 cannot run on the cluster: its source %2 is not a local file.")
                                    .arg(j->snapshot.id, spec->source.uri), j->snapshot.id);
            continue;
        }
        items << ClusterSubmitItem{path, spec->preset, j->snapshot.id};
    }
    report(errors);
    if (items.isEmpty()) return false;
    m_tabs->setCurrentWidget(m_cluster);
    return m_cluster->submit(items);
}

QList<const QueueJob *> QueuePanel::selectedJobs() const
{
    QList<const QueueJob *> jobs;
    for (const QModelIndex &i : m_view->selectionModel()->selectedRows())
        if (const QueueJob *j = m_model->jobAt(m_proxy->mapToSource(i).row())) jobs.append(j);
    return jobs;
}

QStringList QueuePanel::selectedJobIds() const
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &i : rows) ids.append(i.data(QueueModel::JobIdRole).toString());
    return ids;
}

int QueuePanel::selectJobs(const QStringList &jobIds)
{
    QItemSelection selection;
    int selected = 0;
    for (const QString &id : jobIds) {
        const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->index(m_model->rowOfJob(id), 0));
        if (!proxyIndex.isValid()) continue;
        selection.select(proxyIndex, proxyIndex);
        ++selected;
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    return selected;
}

void QueuePanel::setStateFilter(StateFilter filter)
{
    m_stateFilter->setCurrentIndex(m_stateFilter->findData(int(filter)));
}

void QueuePanel::setTextFilter(const QString &text)
{
    m_search->setText(text);
    m_searchDelay->stop();
    m_proxy->setTextFilter(text);
}

void QueuePanel::setBatchFilter(const QString &batchId)
{
    m_batchFilter->setCurrentIndex(std::max(0, m_batchFilter->findData(batchId)));
}

void QueuePanel::onSelectionChanged()
{
    const QList<const QueueJob *> jobs = selectedJobs();
    for (auto it = m_actions.begin(); it != m_actions.end(); ++it) {
        if (it.key() == Action::PauseQueue) continue;
        bool enabled = false;
        for (const QueueJob *j : jobs) enabled |= appliesTo(it.key(), j->snapshot.state);
        if (it.key() == Action::Details || it.key() == Action::OpenOutput) enabled = jobs.size() == 1;
        it.value()->setEnabled(enabled);
    }
}

void QueuePanel::onContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (Action a : {Action::PauseJob, Action::ResumeJob, Action::Cancel, Action::Retry}) menu.addAction(m_actions.value(a));
    menu.addSeparator();
    for (Action a : {Action::PriorityUp, Action::PriorityDown, Action::MoveToTop}) menu.addAction(m_actions.value(a));
    menu.addSeparator();
    for (Action a : {Action::Approve, Action::Reject}) menu.addAction(m_actions.value(a));
    menu.addSeparator();
    for (Action a : {Action::Details, Action::OpenOutput}) menu.addAction(m_actions.value(a));
    menu.addSeparator();
    menu.addAction(m_actions.value(Action::RunOnCluster));
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

void QueuePanel::onSortChanged(int column, Qt::SortOrder order)
{
    // Dropping a row means "run before this one", which only reads right in run order.
    const bool runOrder = column == QueueModel::Priority && order == Qt::AscendingOrder;
    m_view->setDragEnabled(runOrder);
    m_view->setAcceptDrops(runOrder);
}

void QueuePanel::onPauseQueue(bool paused)
{
    if (Status s = m_controller->setQueuePaused(paused); !s) {
        report(s.error());
        refreshQueuePaused(); // show what the store holds
    }
    updateSummary();
}

void QueuePanel::onReject()
{
    bool ok = false;
    const QString reason = QInputDialog::getText(this, tr("Reject"), tr("Why are these versions rejected?"), QLineEdit::Normal, {}, &ok);
    if (ok) rejectSelected(reason);
}

void QueuePanel::rejectSelected(const QString &reason)
{
    report(m_controller->reject(selectedJobIds(), reason.trimmed()));
}

void QueuePanel::onDetails()
{
    const QStringList ids = selectedJobIds();
    if (ids.isEmpty()) return;
    auto *dialog = new JobDetailDialog(m_store.path(), ids.first(), this);
    connect(dialog, &JobDetailDialog::loadFailed, this, qOverload<const Error &>(&QueuePanel::report));
    dialog->show();
    Q_EMIT detailsOpened(dialog);
}

void QueuePanel::onOpenOutput()
{
    const QList<const QueueJob *> jobs = selectedJobs();
    if (jobs.isEmpty()) return;
    const JobSnapshot &s = jobs.first()->snapshot;
    const QString dir = s.publishedDir.isEmpty() ? s.outputRoot : s.publishedDir;
    if (dir.isEmpty() || !QDir(dir).exists()) {
        report(makeError(QStringLiteral("ui.no_output"), tr("The output folder does not exist yet; it appears once the job publishes."),
                         dir.isEmpty() ? s.id : dir));
        return;
    }
    if (!m_openUrl(QUrl::fromLocalFile(dir)))
        report(makeError(QStringLiteral("ui.open_folder"), tr("No file manager could open the folder; open it by hand."), dir));
}

void QueuePanel::refreshBatches()
{
    const QString current = m_batchFilter->currentData().toString();
    QSignalBlocker block(m_batchFilter);
    while (m_batchFilter->count() > 1) m_batchFilter->removeItem(1);
    for (const BatchInfo &b : m_model->batches()) m_batchFilter->addItem(m_model->batchLabel(b.id), b.id);
    m_batchFilter->setCurrentIndex(std::max(0, m_batchFilter->findData(current)));
}

void QueuePanel::refreshQueuePaused()
{
    Result<bool> paused = m_controller->isQueuePaused(); // the store holds the truth (persisted, shared)
    if (!paused) {
        report(paused.error());
        return;
    }
    QSignalBlocker block(m_actions.value(Action::PauseQueue));
    m_actions.value(Action::PauseQueue)->setChecked(*paused);
}

void QueuePanel::updateSummary()
{
    QHash<int, int> counts; // JobState → jobs
    for (int r = 0; r < m_model->rowCount(); ++r) ++counts[int(m_model->jobAt(r)->snapshot.state)];
    QStringList parts{tr("%n job(s)", nullptr, m_model->rowCount())};
    if (int n = counts.value(int(S::Running))) parts << tr("%n running", nullptr, n);
    if (int n = counts.value(int(S::Queued))) parts << tr("%n queued", nullptr, n);
    if (int n = counts.value(int(S::Paused))) parts << tr("%n paused", nullptr, n);
    if (int n = counts.value(int(S::AwaitingApproval))) parts << tr("%n waiting for approval", nullptr, n);
    if (int n = counts.value(int(S::Dead))) parts << tr("%n dead letter(s)", nullptr, n);
    if (m_actions.value(Action::PauseQueue)->isChecked()) parts << tr("queue paused");
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void QueuePanel::report(const QList<Error> &errors)
{
    for (const Error &e : errors) report(e);
}

void QueuePanel::report(const Error &error)
{
    const QString line = QStringLiteral("%1 %2").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), error.toString());
    qCWarning(lcQueuePanel) << error.code << error.toString();
    m_errors.append(line);
    m_status->setText(m_errors.size() == 1 ? line : tr("%1 (%n error(s) in all; hover for the latest)", nullptr, int(m_errors.size())).arg(line));
    m_status->setToolTip(m_errors.mid(std::max<qsizetype>(0, m_errors.size() - kErrorsInTooltip)).join(u'\n'));
    m_status->setStyleSheet(QStringLiteral("color: #b00020"));
    Q_EMIT errorReported(error);
}

QString QueuePanel::statusText() const
{
    return m_status->text();
}

} // namespace rendition::ui
