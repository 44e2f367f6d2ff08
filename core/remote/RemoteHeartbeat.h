#pragma once
// Keeps a received SQS message invisible while a worker works on it: every `periodS` seconds
// it sets the message's visibility timeout to `visibilityS` again (ChangeMessageVisibility),
// on its own thread with its own SqsClient. If the worker process dies, the beats stop and
// SQS redelivers the message after at most `visibilityS`.
// A failed beat is counted (failures()); the job goes on (the next beat may succeed; if the
// receipt is gone, the job's final delete fails and the redelivery is idempotent anyway).
// stop() (and the destructor) end the thread within ~100 ms. Not copyable; one per job.

#include "core/remote/SqsClient.h"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace rendition {

class RemoteHeartbeat {
public:
    RemoteHeartbeat(SqsClientConfig config, QString queueUrl, QString receiptHandle, int visibilityS, int periodS);
    ~RemoteHeartbeat();
    RemoteHeartbeat(const RemoteHeartbeat &) = delete;
    RemoteHeartbeat &operator=(const RemoteHeartbeat &) = delete;

    void stop();
    int beats() const { return m_beats.load(); }
    int failures() const { return m_failures.load(); }

private:
    void run();

    SqsClientConfig m_config;
    QString m_queueUrl;
    QString m_receipt;
    int m_visibilityS;
    int m_periodS;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_stop = false;
    QAtomicInt m_cancel{0};
    std::atomic<int> m_beats{0};
    std::atomic<int> m_failures{0};
    std::thread m_thread;
};

} // namespace rendition
