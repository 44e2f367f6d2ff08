#include "core/remote/RemoteHeartbeat.h"

#include "core/remote/WorkerLog.h"

#include <QTextStream>

namespace rendition {

RemoteHeartbeat::RemoteHeartbeat(SqsClientConfig config, QString queueUrl, QString receiptHandle, int visibilityS,
                                 int periodS)
    : m_config(std::move(config)), m_queueUrl(std::move(queueUrl)), m_receipt(std::move(receiptHandle)),
      m_visibilityS(visibilityS), m_periodS(std::max(1, periodS))
{
    m_config.retry.backoff.maxAttempts = 2; // the next beat is the retry
    m_thread = std::thread([this] { run(); });
}

RemoteHeartbeat::~RemoteHeartbeat()
{
    stop();
}

void RemoteHeartbeat::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_cancel.storeRelaxed(1);
    m_cv.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void RemoteHeartbeat::run()
{
    SqsClient sqs(m_config);
    std::unique_lock<std::mutex> lock(m_mutex);
    while (!m_cv.wait_for(lock, std::chrono::seconds(m_periodS), [this] { return m_stop; })) {
        lock.unlock();
        const Status s = sqs.changeVisibility(m_queueUrl, m_receipt, m_visibilityS, &m_cancel);
        if (s) {
            ++m_beats;
        } else if (s.error().code != u"http.canceled") {
            ++m_failures;
            workerLog(QStringLiteral("heartbeat failed: ") + s.error().toString());
        }
        lock.lock();
    }
}

} // namespace rendition
