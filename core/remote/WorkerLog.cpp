#include "core/remote/WorkerLog.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <atomic>
#include <cstdio>

namespace rendition {

namespace {

std::atomic<WorkerLogFormat> g_format{WorkerLogFormat::Text};
QMutex g_writeMutex;

} // namespace

void setWorkerLogFormat(WorkerLogFormat format) { g_format.store(format); }
WorkerLogFormat workerLogFormat() { return g_format.load(); }

void workerLog(const QString &message, const WorkerLogFields &f)
{
    QByteArray line;
    if (g_format.load() == WorkerLogFormat::Json) {
        QJsonObject o{{QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                      {QStringLiteral("level"), f.error.code.isEmpty() ? QStringLiteral("info") : QStringLiteral("error")},
                      {QStringLiteral("worker"), f.worker.isEmpty() ? QStringLiteral("worker") : f.worker},
                      {QStringLiteral("msg"), message}};
        if (!f.jobId.isEmpty()) o.insert(QStringLiteral("job_id"), f.jobId);
        if (!f.stage.isEmpty()) o.insert(QStringLiteral("stage"), f.stage);
        if (!f.error.code.isEmpty()) {
            o.insert(QStringLiteral("error_code"), f.error.code);
            o.insert(QStringLiteral("error_class"), f.errorClass.isEmpty() ? QStringLiteral("failed") : f.errorClass);
        }
        line = QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
    } else {
        line = (QStringLiteral("worker ") + (f.worker.isEmpty() ? QString() : f.worker) + QStringLiteral(": ") + message).toUtf8() + '\n';
        if (f.worker.isEmpty()) line.replace("worker : ", "worker: ");
    }
    QMutexLocker lock(&g_writeMutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace rendition
