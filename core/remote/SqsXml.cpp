#include "core/remote/SqsXml.h"

#include <QXmlStreamReader>

#include <memory>
#include <vector>

namespace rendition {

namespace {

// A parsed element: local name, its own text, children in document order.
struct XmlNode {
    QString name;
    QString text;
    std::vector<std::unique_ptr<XmlNode>> children;

    const XmlNode *child(QStringView n) const
    {
        for (const auto &c : children)
            if (c->name == n) return c.get();
        return nullptr;
    }
    QList<const XmlNode *> all(QStringView n) const
    {
        QList<const XmlNode *> out;
        for (const auto &c : children)
            if (c->name == n) out.append(c.get());
        return out;
    }
    QString childText(QStringView n) const
    {
        const XmlNode *c = child(n);
        return c ? c->text : QString();
    }
};

// Whole document → tree; nullptr (and `why`) when it is not well-formed.
std::unique_ptr<XmlNode> parseTree(const QByteArray &xml, QString *why)
{
    QXmlStreamReader reader(xml);
    auto root = std::make_unique<XmlNode>();
    std::vector<XmlNode *> stack{root.get()};
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            auto node = std::make_unique<XmlNode>();
            node->name = reader.name().toString();
            XmlNode *raw = node.get();
            stack.back()->children.push_back(std::move(node));
            stack.push_back(raw);
            break;
        }
        case QXmlStreamReader::EndElement:
            if (stack.size() > 1) stack.pop_back();
            break;
        case QXmlStreamReader::Characters:
            stack.back()->text += reader.text();
            break;
        default:
            break;
        }
    }
    if (reader.hasError() || root->children.empty()) {
        *why = reader.hasError() ? reader.errorString() : QStringLiteral("empty document");
        return nullptr;
    }
    return root;
}

Error badResponse(const QString &action, const QString &why)
{
    return makeError(QStringLiteral("sqs.bad_response"),
                     QStringLiteral("SQS answered %1 with a document we cannot read (%2); check the endpoint is an SQS service")
                         .arg(action, why),
                     action);
}

// The <ActionResult> element of an <ActionResponse> document.
Result<const XmlNode *> resultElement(const XmlNode &root, const QString &action)
{
    const XmlNode *response = root.child(QString(action + QStringLiteral("Response")));
    if (!response) return badResponse(action, QStringLiteral("no %1Response element").arg(action));
    const XmlNode *result = response->child(QString(action + QStringLiteral("Result")));
    if (!result) return badResponse(action, QStringLiteral("no %1Result element").arg(action));
    return result;
}

QString trimmed(const QString &s) { return s.trimmed(); }

SqsMessage readMessage(const XmlNode &m)
{
    SqsMessage msg;
    msg.messageId = trimmed(m.childText(u"MessageId"));
    msg.receiptHandle = trimmed(m.childText(u"ReceiptHandle"));
    msg.md5OfBody = trimmed(m.childText(u"MD5OfBody")).toLower();
    msg.body = m.childText(u"Body").toUtf8(); // the body is kept exactly (no trimming)
    for (const XmlNode *a : m.all(u"Attribute"))
        msg.attributes.insert(trimmed(a->childText(u"Name")), trimmed(a->childText(u"Value")));
    for (const XmlNode *a : m.all(u"MessageAttribute")) {
        SqsMessageAttribute attr;
        if (const XmlNode *v = a->child(u"Value")) {
            attr.dataType = trimmed(v->childText(u"DataType"));
            attr.stringValue = v->childText(u"StringValue");
            attr.binaryValue = QByteArray::fromBase64(trimmed(v->childText(u"BinaryValue")).toLatin1());
        }
        msg.messageAttributes.insert(trimmed(a->childText(u"Name")), attr);
    }
    return msg;
}

struct ErrorMapping {
    const char *awsCode;
    const char *code;
};

// AWS error code → our code (sqsErrorFor writes the sentence).
constexpr ErrorMapping kErrorMap[] = {
    {"AWS.SimpleQueueService.NonExistentQueue", "sqs.no_queue"},
    {"QueueDoesNotExist", "sqs.no_queue"},
    {"InvalidClientTokenId", "sqs.auth"},
    {"SignatureDoesNotMatch", "sqs.auth"},
    {"UnrecognizedClientException", "sqs.auth"},
    {"InvalidSecurity", "sqs.auth"},
    {"MissingAuthenticationToken", "sqs.auth"},
    {"IncompleteSignature", "sqs.auth"},
    {"ExpiredToken", "sqs.auth"},
    {"RequestExpired", "sqs.auth"},
    {"AccessDenied", "sqs.access_denied"},
    {"AccessDeniedException", "sqs.access_denied"},
    {"ReceiptHandleIsInvalid", "sqs.receipt_invalid"},
    {"AWS.SimpleQueueService.MessageNotInflight", "sqs.receipt_invalid"},
    {"MessageNotInflight", "sqs.receipt_invalid"},
    {"RequestThrottled", "sqs.throttled"},
    {"ThrottlingException", "sqs.throttled"},
    {"OverLimit", "sqs.throttled"},
    {"InvalidMessageContents", "sqs.message_invalid"},
    {"MessageTooLong", "sqs.message_invalid"},
    {"InvalidParameterValue", "sqs.invalid_request"},
    {"MissingParameter", "sqs.invalid_request"},
    {"InvalidAttributeName", "sqs.invalid_request"},
    {"InvalidAction", "sqs.invalid_request"},
    {"AWS.SimpleQueueService.UnsupportedOperation", "sqs.invalid_request"},
    {"InternalError", "sqs.unavailable"},
    {"InternalFailure", "sqs.unavailable"},
    {"ServiceUnavailable", "sqs.unavailable"},
};

QString sentenceFor(const QString &code, const SqsErrorBody &body, const QString &action, const QString &queueUrl)
{
    const QString detail = body.code.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(body.code);
    if (code == u"sqs.no_queue")
        return QStringLiteral("queue %1 does not exist; check the queue URL in the remote profile").arg(queueUrl);
    if (code == u"sqs.auth")
        return QStringLiteral("SQS rejected the credentials for %1%2; check the AWS access key, secret and session token")
            .arg(queueUrl, detail);
    if (code == u"sqs.access_denied")
        return QStringLiteral("the credentials may not %1 on queue %2; grant it in the IAM policy").arg(action, queueUrl);
    if (code == u"sqs.receipt_invalid")
        return QStringLiteral("the message's receipt handle is no longer valid on %1 (it was deleted or received again "
                              "by another worker)%2").arg(queueUrl, detail);
    if (code == u"sqs.throttled")
        return QStringLiteral("SQS throttled %1 on %2; retry later or lower the request rate").arg(action, queueUrl);
    if (code == u"sqs.message_invalid")
        return QStringLiteral("SQS refused the message for %1%2: %3").arg(queueUrl, detail, body.message);
    if (code == u"sqs.invalid_request")
        return QStringLiteral("SQS refused the %1 request on %2%3: %4").arg(action, queueUrl, detail, body.message);
    if (code == u"sqs.unavailable")
        return QStringLiteral("SQS is unavailable for %1 on %2%3; retry later").arg(action, queueUrl, detail);
    return QStringLiteral("SQS refused %1 on %2%3: %4").arg(action, queueUrl, detail, body.message);
}

} // namespace

int SqsMessage::receiveCount() const
{
    return attributes.value(QStringLiteral("ApproximateReceiveCount")).toInt();
}

qint64 SqsMessage::sentTimestampMs() const
{
    return attributes.value(QStringLiteral("SentTimestamp")).toLongLong();
}

Result<QString> parseSqsSendMessage(const QByteArray &xml, QString *md5OfBody)
{
    const QString action = QStringLiteral("SendMessage");
    QString why;
    const auto root = parseTree(xml, &why);
    if (!root) return badResponse(action, why);
    Result<const XmlNode *> result = resultElement(*root, action);
    if (!result) return result.error();
    const QString id = trimmed((*result)->childText(u"MessageId"));
    if (id.isEmpty()) return badResponse(action, QStringLiteral("no MessageId"));
    if (md5OfBody) *md5OfBody = trimmed((*result)->childText(u"MD5OfMessageBody")).toLower();
    return id;
}

Result<QList<SqsMessage>> parseSqsReceiveMessage(const QByteArray &xml)
{
    const QString action = QStringLiteral("ReceiveMessage");
    QString why;
    const auto root = parseTree(xml, &why);
    if (!root) return badResponse(action, why);
    Result<const XmlNode *> result = resultElement(*root, action);
    if (!result) return result.error();
    QList<SqsMessage> messages;
    for (const XmlNode *m : (*result)->all(u"Message")) {
        SqsMessage msg = readMessage(*m);
        if (msg.receiptHandle.isEmpty()) return badResponse(action, QStringLiteral("a message without ReceiptHandle"));
        messages.append(std::move(msg));
    }
    return messages;
}

Result<QMap<QString, QString>> parseSqsQueueAttributes(const QByteArray &xml)
{
    const QString action = QStringLiteral("GetQueueAttributes");
    QString why;
    const auto root = parseTree(xml, &why);
    if (!root) return badResponse(action, why);
    Result<const XmlNode *> result = resultElement(*root, action);
    if (!result) return result.error();
    QMap<QString, QString> out;
    for (const XmlNode *a : (*result)->all(u"Attribute"))
        out.insert(trimmed(a->childText(u"Name")), trimmed(a->childText(u"Value")));
    return out;
}

Result<QString> parseSqsCreateQueue(const QByteArray &xml)
{
    const QString action = QStringLiteral("CreateQueue");
    QString why;
    const auto root = parseTree(xml, &why);
    if (!root) return badResponse(action, why);
    Result<const XmlNode *> result = resultElement(*root, action);
    if (!result) return result.error();
    const QString url = trimmed((*result)->childText(u"QueueUrl"));
    if (url.isEmpty()) return badResponse(action, QStringLiteral("no QueueUrl"));
    return url;
}

SqsErrorBody parseSqsError(const QByteArray &xml)
{
    QString why;
    const auto root = parseTree(xml, &why);
    SqsErrorBody out;
    if (!root) return out;
    const XmlNode *response = root->child(u"ErrorResponse");
    if (!response) return out;
    if (const XmlNode *e = response->child(u"Error")) {
        out.type = trimmed(e->childText(u"Type"));
        out.code = trimmed(e->childText(u"Code"));
        out.message = trimmed(e->childText(u"Message"));
    }
    out.requestId = trimmed(response->childText(u"RequestId"));
    return out;
}

Error sqsErrorFor(int httpStatus, const QByteArray &body, const QString &action, const QString &queueUrl)
{
    const SqsErrorBody parsed = parseSqsError(body);
    QString code;
    for (const ErrorMapping &m : kErrorMap)
        if (parsed.code == QLatin1String(m.awsCode)) code = QLatin1String(m.code);
    if (code.isEmpty()) {
        if (httpStatus >= 500) code = QStringLiteral("sqs.unavailable");
        else if (httpStatus == 403 && parsed.code.isEmpty()) code = QStringLiteral("sqs.access_denied");
        else code = QStringLiteral("sqs.error");
    }
    SqsErrorBody shown = parsed;
    if (shown.message.isEmpty()) shown.message = QStringLiteral("HTTP status %1").arg(httpStatus);
    return makeError(code, sentenceFor(code, shown, action, queueUrl), queueUrl);
}

bool isTransientSqsError(const Error &error)
{
    return error.code == u"sqs.throttled" || error.code == u"sqs.unavailable";
}

} // namespace rendition
