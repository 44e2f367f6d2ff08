#include "core/remote/SqsClient.h"

#include "core/remote/SigV4.h"

#include <QCryptographicHash>
#include <QDateTime>

namespace rendition {

namespace {

constexpr qint64 kCallTimeoutMs = 30'000;
constexpr auto kApiVersion = "2012-11-05";

QString md5Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex());
}

Error md5Mismatch(const QString &what, const QString &queueUrl)
{
    return makeError(QStringLiteral("sqs.md5_mismatch"),
                     QStringLiteral("the MD5 of %1 does not match what SQS reports; the message was corrupted in transit")
                         .arg(what),
                     queueUrl);
}

} // namespace

SqsClient::SqsClient(SqsClientConfig config) : m_config(std::move(config)), m_http(std::make_unique<HttpClient>()) {}

SqsClient::~SqsClient() = default;

QByteArray SqsClient::formBody(const QList<QPair<QString, QString>> &params)
{
    QByteArray body;
    for (const auto &[name, value] : params) {
        if (!body.isEmpty()) body += '&';
        body += SigV4::uriEncode(name.toUtf8(), false) + '=' + SigV4::uriEncode(value.toUtf8(), false);
    }
    return body;
}

Result<QByteArray> SqsClient::call(const QString &url, const QString &action, Params params, qint64 timeoutMs,
                                   const QAtomicInt *cancel)
{
    params.prepend(qMakePair(QStringLiteral("Version"), QString::fromLatin1(kApiVersion)));
    params.prepend(qMakePair(QStringLiteral("Action"), action));
    HttpRequest request;
    request.method = HttpMethod::Post;
    request.url = url.toUtf8();
    request.body = formBody(params);
    request.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8")));

    HttpTimeouts timeouts = m_http->config().timeouts;
    timeouts.totalMs = timeoutMs;
    m_http->setTimeouts(timeouts);

    HttpRetryOptions retry = m_config.retry;
    retry.cancel = cancel;
    const SigV4Scope scope{m_config.region, QStringLiteral("sqs")};
    const AwsCredentials credentials = m_config.credentials;
    retry.prepare = [scope, credentials](HttpRequest &r, int) -> Status {
        SigV4Options options;
        options.contentSha256Header = false; // SQS does not need it; the payload is signed anyway
        Result<SigV4Signature> s = SigV4::sign(r, credentials, scope, QDateTime::currentDateTimeUtc(), options);
        if (!s) return s.error();
        return {};
    };
    retry.shouldRetry = [](const Result<HttpResponse> &outcome) {
        if (HttpClient::defaultShouldRetry(outcome)) return true;
        return outcome.ok() && !outcome->isSuccess() &&
               isTransientSqsError(sqsErrorFor(outcome->status, outcome->body, QString(), QString()));
    };
    Result<HttpResponse> response = m_http->execute(std::move(request), retry);
    if (!response) return response.error();
    if (!response->isSuccess()) return sqsErrorFor(response->status, response->body, action, url);
    return response->body;
}

Result<QString> SqsClient::sendMessage(const QString &queueUrl, const QByteArray &body,
                                       const SqsMessageAttributes &attributes, int delaySeconds,
                                       const QAtomicInt *cancel)
{
    Params params{{QStringLiteral("MessageBody"), QString::fromUtf8(body)}};
    if (delaySeconds > 0) params.append({QStringLiteral("DelaySeconds"), QString::number(delaySeconds)});
    int n = 0;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it) {
        const QString prefix = QStringLiteral("MessageAttribute.%1.").arg(++n);
        params.append({prefix + QStringLiteral("Name"), it.key()});
        params.append({prefix + QStringLiteral("Value.DataType"), it->dataType});
        if (it->dataType.startsWith(u"Binary"))
            params.append({prefix + QStringLiteral("Value.BinaryValue"), QString::fromLatin1(it->binaryValue.toBase64())});
        else
            params.append({prefix + QStringLiteral("Value.StringValue"), it->stringValue});
    }
    Result<QByteArray> xml = call(queueUrl, QStringLiteral("SendMessage"), params, kCallTimeoutMs, cancel);
    if (!xml) return xml.error();
    QString md5;
    Result<QString> id = parseSqsSendMessage(*xml, &md5);
    if (!id) return id.error();
    if (!md5.isEmpty() && md5 != md5Hex(body)) return md5Mismatch(QStringLiteral("the sent body"), queueUrl);
    return id;
}

Result<QList<SqsMessage>> SqsClient::receive(const QString &queueUrl, const SqsReceiveOptions &options,
                                             const QAtomicInt *cancel)
{
    Params params{{QStringLiteral("MaxNumberOfMessages"), QString::number(std::clamp(options.maxMessages, 1, 10))},
                  {QStringLiteral("WaitTimeSeconds"), QString::number(std::clamp(options.waitSeconds, 0, 20))}};
    if (options.visibilityTimeoutS >= 0)
        params.append({QStringLiteral("VisibilityTimeout"), QString::number(options.visibilityTimeoutS)});
    for (int i = 0; i < options.attributeNames.size(); ++i)
        params.append({QStringLiteral("AttributeName.%1").arg(i + 1), options.attributeNames.at(i)});
    if (options.allMessageAttributes) params.append({QStringLiteral("MessageAttributeName.1"), QStringLiteral("All")});
    const qint64 timeoutMs = std::clamp(options.waitSeconds, 0, 20) * 1000LL + 20'000;
    Result<QByteArray> xml = call(queueUrl, QStringLiteral("ReceiveMessage"), params, timeoutMs, cancel);
    if (!xml) return xml.error();
    Result<QList<SqsMessage>> messages = parseSqsReceiveMessage(*xml);
    if (!messages) return messages;
    for (const SqsMessage &m : std::as_const(*messages))
        if (!m.md5OfBody.isEmpty() && m.md5OfBody != md5Hex(m.body))
            return md5Mismatch(QStringLiteral("message %1").arg(m.messageId), queueUrl);
    return messages;
}

Status SqsClient::deleteMessage(const QString &queueUrl, const QString &receiptHandle, const QAtomicInt *cancel)
{
    Result<QByteArray> xml = call(queueUrl, QStringLiteral("DeleteMessage"),
                                  {{QStringLiteral("ReceiptHandle"), receiptHandle}}, kCallTimeoutMs, cancel);
    if (!xml) return xml.error();
    return {};
}

Status SqsClient::changeVisibility(const QString &queueUrl, const QString &receiptHandle, int visibilityTimeoutS,
                                   const QAtomicInt *cancel)
{
    Result<QByteArray> xml = call(queueUrl, QStringLiteral("ChangeMessageVisibility"),
                                  {{QStringLiteral("ReceiptHandle"), receiptHandle},
                                   {QStringLiteral("VisibilityTimeout"), QString::number(std::clamp(visibilityTimeoutS, 0, 43200))}},
                                  kCallTimeoutMs, cancel);
    if (!xml) return xml.error();
    return {};
}

Result<QMap<QString, QString>> SqsClient::queueAttributes(const QString &queueUrl, const QStringList &names,
                                                          const QAtomicInt *cancel)
{
    const QStringList asked = names.isEmpty() ? QStringList{QStringLiteral("All")} : names;
    Params params;
    for (int i = 0; i < asked.size(); ++i) params.append({QStringLiteral("AttributeName.%1").arg(i + 1), asked.at(i)});
    Result<QByteArray> xml = call(queueUrl, QStringLiteral("GetQueueAttributes"), params, kCallTimeoutMs, cancel);
    if (!xml) return xml.error();
    return parseSqsQueueAttributes(*xml);
}

Result<QString> SqsClient::createQueue(const QString &endpoint, const QString &name,
                                       const QMap<QString, QString> &attributes, const QAtomicInt *cancel)
{
    Params params{{QStringLiteral("QueueName"), name}};
    int n = 0;
    for (auto it = attributes.cbegin(); it != attributes.cend(); ++it) {
        ++n;
        params.append({QStringLiteral("Attribute.%1.Name").arg(n), it.key()});
        params.append({QStringLiteral("Attribute.%1.Value").arg(n), it.value()});
    }
    Result<QByteArray> xml = call(endpoint, QStringLiteral("CreateQueue"), params, kCallTimeoutMs, cancel);
    if (!xml) return xml.error();
    return parseSqsCreateQueue(*xml);
}

} // namespace rendition
