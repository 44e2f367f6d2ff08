#pragma once
// Amazon SQS over the query protocol (API version 2012-11-05): each call is an HTTP POST of
// an application/x-www-form-urlencoded body ("Action=SendMessage&Version=2012-11-05&…") to
// the queue URL, signed with SigV4 (service "sqs", a fresh X-Amz-Date on every attempt),
// answered with XML (parsed by SqsXml). Works against AWS and against ElasticMQ.
//
// Contracts
// - Threading: owns one HttpClient, so it is NOT thread-safe; use one SqsClient per thread.
// - Blocking: every call blocks until answered. receive() long-polls for up to waitSeconds;
//   its HTTP timeout is waitSeconds + 20 s. `cancel` (may be null) aborts a call in flight
//   within ~100 ms with Error "http.canceled" (a message SQS handed out in that instant
//   becomes visible again after its visibility timeout).
// - Retries: transport errors, 5xx, throttling are retried with backoff
//   (HttpRetryOptions defaults); everything else returns at once.
// - Errors: SQS error documents become the codes of sqsErrorFor() (sqs.no_queue, sqs.auth,
//   …) whose message names the queue; transport errors keep HttpClient's http.* codes.
// - Integrity: SendMessage's MD5OfMessageBody and every received message's MD5OfBody are
//   checked against the body (Error "sqs.md5_mismatch").
// - Secrets: credentials only reach SigV4; nothing here logs bodies or headers.

#include "core/remote/AwsCredentials.h"
#include "core/remote/HttpClient.h"
#include "core/remote/SqsXml.h"
#include "core/util/Result.h"

#include <QAtomicInt>
#include <QStringList>

#include <memory>

namespace rendition {

struct SqsClientConfig {
    QString region = QStringLiteral("us-east-1");
    AwsCredentials credentials;
    HttpRetryOptions retry; // backoff/attempts; prepare and cancel are set per call
};

struct SqsReceiveOptions {
    int maxMessages = 1;        // 1..10
    int waitSeconds = 20;       // long poll, 0..20
    int visibilityTimeoutS = -1; // -1: the queue's default
    QStringList attributeNames{QStringLiteral("ApproximateReceiveCount"), QStringLiteral("SentTimestamp")};
    bool allMessageAttributes = true;
};

class SqsClient {
public:
    explicit SqsClient(SqsClientConfig config);
    ~SqsClient();
    SqsClient(const SqsClient &) = delete;
    SqsClient &operator=(const SqsClient &) = delete;

    // → MessageId.
    Result<QString> sendMessage(const QString &queueUrl, const QByteArray &body,
                                const SqsMessageAttributes &attributes = {}, int delaySeconds = 0,
                                const QAtomicInt *cancel = nullptr);
    // 0..maxMessages messages (an empty list when the long poll ends without one).
    Result<QList<SqsMessage>> receive(const QString &queueUrl, const SqsReceiveOptions &options,
                                      const QAtomicInt *cancel = nullptr);
    Status deleteMessage(const QString &queueUrl, const QString &receiptHandle, const QAtomicInt *cancel = nullptr);
    // 0 makes the message visible again at once (release); max 43200 s.
    Status changeVisibility(const QString &queueUrl, const QString &receiptHandle, int visibilityTimeoutS,
                            const QAtomicInt *cancel = nullptr);
    // names empty: "All".
    Result<QMap<QString, QString>> queueAttributes(const QString &queueUrl, const QStringList &names = {},
                                                   const QAtomicInt *cancel = nullptr);
    // POSTs CreateQueue to `endpoint` (the service root, e.g. http://127.0.0.1:9324/) → QueueUrl.
    // For test services and set-up scripts; workers never create queues.
    Result<QString> createQueue(const QString &endpoint, const QString &name,
                                const QMap<QString, QString> &attributes = {}, const QAtomicInt *cancel = nullptr);

    // The form body of a call (params in the given order, values form-encoded): exposed for tests.
    static QByteArray formBody(const QList<QPair<QString, QString>> &params);

private:
    using Params = QList<QPair<QString, QString>>;
    Result<QByteArray> call(const QString &url, const QString &action, Params params, qint64 timeoutMs,
                            const QAtomicInt *cancel);

    SqsClientConfig m_config;
    std::unique_ptr<HttpClient> m_http;
};

} // namespace rendition
