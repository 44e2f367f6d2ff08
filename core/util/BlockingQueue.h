#pragma once
// Bounded multi-producer/multi-consumer queue for handing frames between threads.
// push() blocks while full and pop() while empty; both give up when the queue is
// closed or the cancel token fires. close() lets consumers drain what is left.

#include "core/util/Progress.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

namespace rendition {

template <typename T>
class BlockingQueue {
public:
    BlockingQueue(size_t capacity, CancelToken cancel) : m_capacity(capacity), m_cancel(std::move(cancel)) {}

    // False when the queue was closed or canceled (the item is dropped).
    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        while (m_items.size() >= m_capacity && !m_closed && !m_cancel.isCanceled())
            m_notFull.wait_for(lock, std::chrono::milliseconds(100));
        if (m_closed || m_cancel.isCanceled()) return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }

    // nullopt when closed and drained, or canceled.
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        while (m_items.empty() && !m_closed && !m_cancel.isCanceled())
            m_notEmpty.wait_for(lock, std::chrono::milliseconds(100));
        if (m_cancel.isCanceled() || m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }

    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    size_t m_capacity;
    CancelToken m_cancel;
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<T> m_items;
    bool m_closed = false;
};

} // namespace rendition
