// See Approval.h.

#include "core/queue/Approval.h"

#include "core/pipeline/Publisher.h"

#include <QDir>
#include <QFileInfo>

namespace rendition {

Result<QList<JobRecord>> Approval::pending()
{
    return m_store.list(JobFilter{{JobState::AwaitingApproval}, {}, -1});
}

Result<JobRecord> Approval::awaiting(const QString &jobId)
{
    Result<std::optional<JobRecord>> record = m_store.job(jobId);
    if (!record) return record.error();
    if (!record->has_value()) {
        return makeError(QStringLiteral("store.no_such_job"),
                         QStringLiteral("There is no job %1 in this store; list jobs with 'rendition-cli queue list'.")
                             .arg(jobId),
                         m_store.path());
    }
    const JobRecord &job = record->value();
    if (job.state != JobState::AwaitingApproval) {
        return makeError(QStringLiteral("store.not_awaiting_approval"),
                         QStringLiteral("Job %1 is %2, not awaiting approval; only a job whose preset requires "
                                        "approval and that published a version can be approved or rejected.")
                             .arg(jobId, jobStateName(job.state)),
                         m_store.path());
    }
    return job;
}

Status Approval::approve(const QString &jobId, const QString &note)
{
    Result<JobRecord> job = awaiting(jobId);
    if (!job) return job.error();
    const QFileInfo version(job->publishedDir);
    if (job->publishedDir.isEmpty() || !version.isDir()) {
        return makeError(QStringLiteral("approval.no_version"),
                         QStringLiteral("Job %1 has no published version folder on disk to approve; reject it or "
                                        "re-run it.")
                             .arg(jobId),
                         job->publishedDir);
    }
    if (Status s = Publisher::pointCurrentAt(version.absolutePath(), version.fileName()); !s) return s;
    return m_store.approveJob(jobId, note);
}

Status Approval::reject(const QString &jobId, const QString &reason)
{
    if (Result<JobRecord> job = awaiting(jobId); !job) return job.error();
    return m_store.rejectJob(jobId, reason);
}

} // namespace rendition
