#pragma once
// The manual approval gate: a preset with "qc": {"require_approval": true} publishes each
// job's version WITHOUT moving OUT/<asset>/current and the job ends "awaiting_approval"
// (the queue shows it as waiting). A reviewer then approves (current → that version, job
// succeeded) or rejects (job rejected with the reason; the version folder stays for the
// record, current is untouched).
//
// Used by `rendition-cli queue approve|reject` and the GUI's QC review panel. Thin: checks
// the job's state, moves the link with Publisher::pointCurrentAt(), records the decision
// with JobStore::approveJob() / rejectJob().
//
// Threading: same as the JobStore it is given (its thread only). The store must outlive it.
// Errors: those of JobStore (store.no_such_job, store.not_awaiting_approval, ...), and
// "approval.no_version" when the job has no published version folder on disk, plus
// Publisher::pointCurrentAt()'s errors (publish.current). If the link moved but the store
// write failed, approving again is safe (the link move is idempotent).

#include "core/queue/JobStore.h"
#include "core/util/Result.h"

#include <QList>
#include <QString>

namespace rendition {

class Approval {
public:
    explicit Approval(JobStore &store) : m_store(store) {}

    // Jobs waiting for a decision, in queue order.
    Result<QList<JobRecord>> pending();
    // awaiting_approval → current moved to the job's version → succeeded. `note` is optional.
    Status approve(const QString &jobId, const QString &note = {});
    // awaiting_approval → rejected; `reason` must not be empty.
    Status reject(const QString &jobId, const QString &reason);

private:
    Result<JobRecord> awaiting(const QString &jobId);

    JobStore &m_store;
};

} // namespace rendition
