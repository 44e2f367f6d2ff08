#include "core/util/RetryPolicy.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace rendition {

namespace {

// Codes that come and go: retrying after a pause can succeed.
bool isTransientCode(const Error &e)
{
    const QString &c = e.code;
    if (c == u"package.write" || c == u"publish.rename" || c == u"store.busy") return true;
    // The job's staging folder is still locked by an earlier attempt that has not died yet.
    if (c == u"publish.busy") return true;
    if (c.endsWith(QLatin1String(".read"))) return true; // source.read, io.read, ...
    if (c == u"worker.killed" || c == u"worker.crashed" || c == u"worker.stalled" || c == u"worker.memory" ||
        c == u"worker.interrupted")
        return true;
    if (c == u"encoder.open") {
        // Only the out-of-memory case: a wrong setting fails the same way every time.
        const QString text = e.message + u' ' + e.context;
        return text.contains(QLatin1String("ENOMEM")) ||
               text.contains(QLatin1String("Cannot allocate memory"), Qt::CaseInsensitive) ||
               text.contains(QLatin1String("out of memory"), Qt::CaseInsensitive);
    }
    return false;
}

} // namespace

QString errorClassName(ErrorClass c)
{
    switch (c) {
    case ErrorClass::Transient: return QStringLiteral("transient");
    case ErrorClass::Permanent: return QStringLiteral("permanent");
    case ErrorClass::Invalid: break;
    }
    return QStringLiteral("invalid");
}

RetryPolicy::RetryPolicy(RetryConfig config, RandomSource random, Clock clock)
    : m_config(config), m_random(std::move(random)), m_clock(std::move(clock))
{
    m_config.maxAttempts = std::max(1, m_config.maxAttempts);
    m_config.baseDelayMs = std::max<qint64>(0, m_config.baseDelayMs);
    m_config.maxDelayMs = std::max<qint64>(0, m_config.maxDelayMs);
    if (!m_random) m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    if (!m_clock) m_clock = [] { return QDateTime::currentDateTimeUtc(); };
}

ErrorClass RetryPolicy::classify(const Error &error)
{
    // Permanent families (ingest.*, preset.*, plan.empty, job.source_changed,
    // transcode.no_decoder, drm.*) and every unknown code end up permanent.
    return isTransientCode(error) ? ErrorClass::Transient : ErrorClass::Permanent;
}

qint64 RetryPolicy::maxDelayMsAfter(int attempt) const
{
    if (attempt < 1) return 0;
    // base × 2^(attempt−1) without overflow: stop doubling once past the cap.
    qint64 delay = m_config.baseDelayMs;
    for (int i = 1; i < attempt && delay < m_config.maxDelayMs; ++i) delay *= 2;
    return std::min(delay, m_config.maxDelayMs);
}

qint64 RetryPolicy::delayMsAfter(int attempt) const
{
    const qint64 bound = maxDelayMsAfter(attempt);
    const double r = std::clamp(m_random(), 0.0, 1.0);
    return std::clamp<qint64>(qint64(std::floor(r * double(bound + 1))), 0, bound);
}

bool RetryPolicy::shouldRetry(const Error &error, int attempt) const
{
    return isTransient(error) && attempt < m_config.maxAttempts;
}

std::optional<QDateTime> RetryPolicy::nextAttemptAt(const Error &error, int attempt) const
{
    if (!shouldRetry(error, attempt)) return std::nullopt;
    return now().addMSecs(delayMsAfter(attempt));
}

QDateTime RetryPolicy::now() const { return m_clock(); }

} // namespace rendition
