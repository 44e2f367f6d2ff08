#pragma once
// What to do after a failed job attempt: classify the Error as transient (worth another
// attempt: an I/O hiccup, the encoder running out of memory, a worker that was killed,
// crashed or stopped by the watchdog) or permanent (the input or the preset is wrong;
// retrying cannot help), and how long to wait before the next attempt.
//
// Backoff is exponential with full jitter (AWS architecture blog, "Exponential Backoff
// and Jitter"): after attempt n (1-based) fails, the next one waits
//     delay = uniform random in [0, min(cap, base × 2^(n−1))]
// base 2 s, cap 5 min, 4 attempts in total by default.
//
// Unknown codes are permanent: an unexpected failure is reported at once rather than
// repeated four times. "canceled" is not a failure; callers handle it before asking here
// (it classifies as permanent so that it is never retried).
//
// The random source and the clock are injectable for tests. A RetryPolicy is a value;
// a copy shares nothing but the (copied) functions, which must be safe to call from the
// thread using the copy.

#include "core/util/Result.h"

#include <QDateTime>

#include <functional>
#include <optional>

namespace rendition {

enum class ErrorClass { Invalid = 0, Transient, Permanent };
QString errorClassName(ErrorClass c); // "transient" | "permanent"

struct RetryConfig {
    qint64 baseDelayMs = 2000;
    qint64 maxDelayMs = 5 * 60 * 1000; // the cap
    int maxAttempts = 4;               // attempts in total, the first included (>= 1)
};

class RetryPolicy {
public:
    using RandomSource = std::function<double()>; // uniform in [0, 1)
    using Clock = std::function<QDateTime()>;     // UTC now

    explicit RetryPolicy(RetryConfig config = {}, RandomSource random = {}, Clock clock = {});

    static ErrorClass classify(const Error &error);
    static bool isTransient(const Error &error) { return classify(error) == ErrorClass::Transient; }

    const RetryConfig &config() const { return m_config; }

    // The upper bound of the wait after attempt `attempt` (1-based) failed:
    // min(cap, base × 2^(attempt−1)); 0 for attempt < 1.
    qint64 maxDelayMsAfter(int attempt) const;
    // A jittered wait in [0, maxDelayMsAfter(attempt)].
    qint64 delayMsAfter(int attempt) const;

    // Whether another attempt follows attempt `attempt` (1-based) that failed with `error`.
    bool shouldRetry(const Error &error, int attempt) const;
    // When the next attempt may start (now + delayMsAfter), or nullopt when the job is
    // done trying (permanent error or attempts exhausted).
    std::optional<QDateTime> nextAttemptAt(const Error &error, int attempt) const;

    QDateTime now() const;

private:
    RetryConfig m_config;
    RandomSource m_random;
    Clock m_clock;
};

} // namespace rendition
