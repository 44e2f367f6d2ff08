#include "core/remote/Metrics.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace rendition {

namespace {

QString typeName(MetricType t)
{
    switch (t) {
    case MetricType::Counter: return QStringLiteral("counter");
    case MetricType::Gauge: return QStringLiteral("gauge");
    case MetricType::Summary: return QStringLiteral("summary");
    case MetricType::Invalid: break;
    }
    return QStringLiteral("untyped");
}

QString escapeLabel(QString v)
{
    v.replace(u'\\', QStringLiteral("\\\\"));
    v.replace(u'"', QStringLiteral("\\\""));
    v.replace(u'\n', QStringLiteral("\\n"));
    return v;
}

QString number(double v)
{
    return QString::number(v, 'g', 15);
}

constexpr qint64 kMaxRequestBytes = 8192;

} // namespace

QString MetricsRegistry::labelKey(const QString &labelName, const QString &labelValue)
{
    if (labelName.isEmpty()) return {};
    return QStringLiteral("%1=\"%2\"").arg(labelName, escapeLabel(labelValue));
}

void MetricsRegistry::describe(const QString &name, MetricType type, const QString &help)
{
    QMutexLocker lock(&m_mutex);
    Family &f = m_families[name];
    f.type = type;
    f.help = help;
}

void MetricsRegistry::add(const QString &name, double delta, const QString &labelName, const QString &labelValue)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_families.find(name);
    if (it == m_families.end()) return;
    it->series[labelKey(labelName, labelValue)].value += delta;
}

void MetricsRegistry::set(const QString &name, double value, const QString &labelName, const QString &labelValue)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_families.find(name);
    if (it == m_families.end()) return;
    it->series[labelKey(labelName, labelValue)].value = value;
}

void MetricsRegistry::observe(const QString &name, double value, const QString &labelName, const QString &labelValue)
{
    QMutexLocker lock(&m_mutex);
    auto it = m_families.find(name);
    if (it == m_families.end()) return;
    Series &s = it->series[labelKey(labelName, labelValue)];
    s.value += value;
    ++s.count;
}

double MetricsRegistry::value(const QString &name, const QString &labelName, const QString &labelValue) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_families.constFind(name);
    if (it == m_families.cend()) return 0;
    return it->series.value(labelKey(labelName, labelValue)).value;
}

QByteArray MetricsRegistry::render() const
{
    QMutexLocker lock(&m_mutex);
    QString out;
    for (auto f = m_families.cbegin(); f != m_families.cend(); ++f) {
        out += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n").arg(f.key(), f->help, typeName(f->type));
        for (auto s = f->series.cbegin(); s != f->series.cend(); ++s) {
            const QString labels = s.key().isEmpty() ? QString() : u'{' + s.key() + u'}';
            if (f->type == MetricType::Summary) {
                out += QStringLiteral("%1_sum%2 %3\n").arg(f.key(), labels, number(s->value));
                out += QStringLiteral("%1_count%2 %3\n").arg(f.key(), labels).arg(s->count);
            } else {
                out += QStringLiteral("%1%2 %3\n").arg(f.key(), labels, number(s->value));
            }
        }
    }
    return out.toUtf8();
}

MetricsServer::MetricsServer(const MetricsRegistry &registry, QObject *parent)
    : QObject(parent), m_registry(registry), m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &MetricsServer::onConnection);
}

MetricsServer::~MetricsServer() = default;

Status MetricsServer::listen(quint16 port)
{
    return listen(QStringLiteral("127.0.0.1"), port);
}

Status MetricsServer::listen(const QString &address, quint16 port)
{
    QHostAddress host;
    if (!host.setAddress(address))
        return makeError(QStringLiteral("metrics.address"),
                         QStringLiteral("\"%1\" is not an IP address; give one such as 127.0.0.1 or 0.0.0.0 (all interfaces)")
                             .arg(address),
                         address);
    if (!m_server->listen(host, port))
        return makeError(QStringLiteral("metrics.listen"),
                         QStringLiteral("cannot serve metrics on %1:%2 (%3); pick another --metrics-port or --metrics-address")
                             .arg(address).arg(port).arg(m_server->errorString()),
                         QStringLiteral("%1:%2").arg(address).arg(port));
    return {};
}

QString MetricsServer::address() const
{
    return m_server->serverAddress().toString();
}

quint16 MetricsServer::port() const
{
    return m_server->serverPort();
}

void MetricsServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
    }
}

void MetricsServer::onReadable(QTcpSocket *socket)
{
    // Answer once the request head is complete (or refuse an oversized one).
    const QByteArray head = socket->peek(kMaxRequestBytes);
    if (!head.contains("\r\n\r\n") && head.size() < kMaxRequestBytes) return;
    socket->readAll();
    const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
    const bool get = requestLine.size() >= 2 && requestLine.at(0) == "GET";
    const QByteArray path = get ? requestLine.at(1).split('?').constFirst() : QByteArray();
    QByteArray status = "404 Not Found", type = "text/plain; charset=utf-8", body = "not found; try GET /metrics, /healthz or /readyz\n";
    if (path == "/metrics") {
        status = "200 OK", type = "text/plain; version=0.0.4; charset=utf-8", body = m_registry.render();
    } else if (path == "/healthz") {
        status = "200 OK", body = "ok\n";
    } else if (path == "/readyz") {
        const QString why = m_notReady ? m_notReady() : QString();
        status = why.isEmpty() ? "200 OK" : "503 Service Unavailable";
        body = why.isEmpty() ? QByteArray("ready\n") : "not ready: " + why.toUtf8() + '\n';
    }
    QByteArray response = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    socket->write(response);
    socket->disconnectFromHost();
}

} // namespace rendition
