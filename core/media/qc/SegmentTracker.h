#pragma once
// Turns a per-unit condition (a frame is black, a 10 ms block is silent, ...) into time
// spans. Units arrive in time order; consecutive active units merge into one span, and a
// span shorter than `minDurationSeconds` is dropped when it closes. Times are seconds.

#include <QList>

namespace rendition {

struct TimeSpan {
    double startSeconds = 0;
    double endSeconds = 0;
    double durationSeconds() const { return endSeconds - startSeconds; }
};

class SegmentTracker {
public:
    explicit SegmentTracker(double minDurationSeconds = 0) : m_minDurationSeconds(minDurationSeconds) {}

    // One unit covering [startSeconds, endSeconds). Active units extend the open span (or
    // open one at startSeconds); an inactive unit closes it.
    void update(bool active, double startSeconds, double endSeconds)
    {
        if (!active) {
            close();
            return;
        }
        if (!m_open) {
            m_open = true;
            m_current.startSeconds = startSeconds;
        }
        m_current.endSeconds = endSeconds;
    }

    // Closes the open span (end of stream).
    void close()
    {
        if (m_open && m_current.durationSeconds() >= m_minDurationSeconds - 1e-9) m_spans.append(m_current);
        m_open = false;
    }

    bool isOpen() const { return m_open; }
    const QList<TimeSpan> &spans() const { return m_spans; }

private:
    double m_minDurationSeconds = 0;
    bool m_open = false;
    TimeSpan m_current;
    QList<TimeSpan> m_spans;
};

} // namespace rendition
