#pragma once
// Progress reporting and cooperative cancel for every long operation.
// A long operation is a plain function taking a ProgressSink (may be empty) and a
// CancelToken. Sinks are called on the worker's thread; they must be cheap and
// thread-safe if one sink is shared by concurrent work.

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>

namespace rendition {

struct ProgressEvent {
    QString stage;        // "probe", "transcode", "package", "publish"
    QString item;         // asset or rendition the event is about (may be empty)
    double percent = 0;   // 0..100 for the stage
    double fps = 0;       // frames per second of the slowest consumer, 0 if n/a
    double etaSeconds = -1; // -1 when unknown
    QString message;
    bool resumed = false;   // true: the stage was not run, its checkpointed result was reused

    QJsonObject toJson() const
    {
        QJsonObject o{{QStringLiteral("stage"), stage},
                      {QStringLiteral("percent"), percent}};
        if (!item.isEmpty()) o.insert(QStringLiteral("item"), item);
        if (fps > 0) o.insert(QStringLiteral("fps"), fps);
        if (etaSeconds >= 0) o.insert(QStringLiteral("eta_s"), etaSeconds);
        if (!message.isEmpty()) o.insert(QStringLiteral("message"), message);
        if (resumed) o.insert(QStringLiteral("resumed"), true);
        return o;
    }

    // The inverse of toJson() (missing keys keep their defaults), for readers of JSON-lines events.
    static ProgressEvent fromJson(const QJsonObject &o)
    {
        ProgressEvent e;
        e.stage = o.value(QStringLiteral("stage")).toString();
        e.item = o.value(QStringLiteral("item")).toString();
        e.percent = o.value(QStringLiteral("percent")).toDouble();
        e.fps = o.value(QStringLiteral("fps")).toDouble();
        e.etaSeconds = o.value(QStringLiteral("eta_s")).toDouble(-1);
        e.message = o.value(QStringLiteral("message")).toString();
        e.resumed = o.value(QStringLiteral("resumed")).toBool();
        return e;
    }
};

using ProgressSink = std::function<void(const ProgressEvent &)>;

// Shared cancel flag: copyable handle, set from any thread, polled by workers.
class CancelToken {
public:
    CancelToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCanceled() const { return m_flag->load(std::memory_order_relaxed); }
    // For async-signal handlers: a lock-free flag that stays valid while any copy lives.
    std::atomic<bool> *rawFlag() const { return m_flag.get(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace rendition
