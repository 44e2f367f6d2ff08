#pragma once
// Worker metrics in the Prometheus text exposition format (version 0.0.4), and a tiny HTTP
// server that serves them on a loopback port ("GET /metrics").
//
// MetricsRegistry: counters (monotonic), gauges (set) and summaries (sum + count) keyed by
// metric name + one optional label pair. Thread-safe (one mutex): workers' slot threads
// record, the server thread renders. Metric names must be registered with describe() first
// (HELP text + TYPE); recording an undescribed name is a programming error and is ignored.
//
// MetricsServer: a QTcpServer bound to 127.0.0.1 by default, or to the address given
// (`worker --metrics-address 0.0.0.0` in containers, so Prometheus can scrape the pod); answers
//   GET /metrics  200 text/plain; version=0.0.4
//   GET /healthz  200 "ok" (liveness: the worker's event loop answers)
//   GET /readyz   200 "ready", or 503 with the reason from the readiness callback (stopping,
//                 the jobs queue unusable, …): Kubernetes stops routing/scaling on it
// anything else 404, then closes the connection. Lives in (and is driven by the event loop
// of) the thread that created it.

#include "core/util/Result.h"

#include <QByteArray>
#include <QMap>
#include <QMutex>
#include <QObject>
#include <QString>

#include <functional>

class QTcpServer;
class QTcpSocket;

namespace rendition {

enum class MetricType { Invalid = 0, Counter, Gauge, Summary };

class MetricsRegistry {
public:
    void describe(const QString &name, MetricType type, const QString &help);
    // `labelName`/`labelValue` empty: the unlabelled series.
    void add(const QString &name, double delta, const QString &labelName = {}, const QString &labelValue = {});
    void set(const QString &name, double value, const QString &labelName = {}, const QString &labelValue = {});
    void observe(const QString &name, double value, const QString &labelName = {}, const QString &labelValue = {});

    double value(const QString &name, const QString &labelName = {}, const QString &labelValue = {}) const;
    QByteArray render() const; // the whole exposition, names sorted

private:
    struct Series {
        double value = 0; // counter/gauge value, summary sum
        qint64 count = 0; // summary count
    };
    struct Family {
        MetricType type = MetricType::Invalid;
        QString help;
        QMap<QString, Series> series; // rendered label set ("" or `name="value"`) → series
    };
    static QString labelKey(const QString &labelName, const QString &labelValue);

    mutable QMutex m_mutex;
    QMap<QString, Family> m_families;
};

class MetricsServer : public QObject {
    Q_OBJECT
public:
    // `registry` must outlive the server.
    explicit MetricsServer(const MetricsRegistry &registry, QObject *parent = nullptr);
    ~MetricsServer() override;

    // Binds 127.0.0.1:port (0: any free port). Error "metrics.listen" naming the port.
    Status listen(quint16 port);
    // Binds `address` (an IPv4/IPv6 literal: "0.0.0.0", "::", "10.0.0.5"). Error
    // "metrics.address" for anything that is not an IP literal, "metrics.listen" when binding fails.
    Status listen(const QString &address, quint16 port);
    quint16 port() const;
    QString address() const;

    // /readyz: returns empty when ready, else the reason (called on this object's thread).
    void setReadiness(std::function<QString()> notReadyReason) { m_notReady = std::move(notReadyReason); }

private:
    void onConnection();
    void onReadable(QTcpSocket *socket);

    const MetricsRegistry &m_registry;
    QTcpServer *m_server = nullptr;
    std::function<QString()> m_notReady;
};

} // namespace rendition
