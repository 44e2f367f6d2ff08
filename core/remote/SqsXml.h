#pragma once
// Parsers for the XML that SQS's query protocol (API version 2012-11-05) answers with, and
// the mapping of SQS error codes to our Errors. Pure functions (QXmlStreamReader), no I/O:
// the unit tests feed them responses recorded from the AWS API reference's examples.
//
// Element names are matched by local name, so documents with or without the SQS namespace
// (xmlns="http://queue.amazonaws.com/doc/2012-11-05/") parse alike. A document that is not
// well-formed XML or not the expected response is an Error "sqs.bad_response" whose context
// names the action.

#include "core/util/Result.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

namespace rendition {

struct SqsMessageAttribute {
    QString dataType = QStringLiteral("String"); // "String", "Number", "Binary", custom "String.x"
    QString stringValue;                           // String / Number
    QByteArray binaryValue;                        // Binary (decoded from base64)
};
using SqsMessageAttributes = QMap<QString, SqsMessageAttribute>; // name → value

struct SqsMessage {
    QString messageId;
    QString receiptHandle;         // opaque; valid until the message is received again
    QByteArray body;
    QString md5OfBody;             // lower-case hex, as sent by SQS
    QMap<QString, QString> attributes; // system attributes: ApproximateReceiveCount, SentTimestamp, …
    SqsMessageAttributes messageAttributes;

    // ApproximateReceiveCount (1 on the first delivery); 0 when not requested.
    int receiveCount() const;
    // SentTimestamp in ms since the epoch; 0 when not requested.
    qint64 sentTimestampMs() const;
};

// The <Error> of an ErrorResponse document.
struct SqsErrorBody {
    QString type;      // "Sender" | "Receiver"
    QString code;      // "AWS.SimpleQueueService.NonExistentQueue"
    QString message;
    QString requestId;
};

Result<QString> parseSqsSendMessage(const QByteArray &xml, QString *md5OfBody = nullptr); // → MessageId
Result<QList<SqsMessage>> parseSqsReceiveMessage(const QByteArray &xml);
Result<QMap<QString, QString>> parseSqsQueueAttributes(const QByteArray &xml);
Result<QString> parseSqsCreateQueue(const QByteArray &xml); // → QueueUrl
// Empty `code` when the body is not an SQS ErrorResponse.
SqsErrorBody parseSqsError(const QByteArray &xml);

// Turns a non-2xx answer into an Error with a stable code and one clear sentence naming the
// queue (never credentials). Codes:
//   sqs.no_queue        AWS.SimpleQueueService.NonExistentQueue / QueueDoesNotExist
//   sqs.auth            bad/expired credentials or signature (InvalidClientTokenId, …)
//   sqs.access_denied   AccessDenied (IAM policy)
//   sqs.receipt_invalid ReceiptHandleIsInvalid / MessageNotInflight (received again elsewhere)
//   sqs.throttled       RequestThrottled / ThrottlingException / OverLimit (transient)
//   sqs.message_invalid InvalidMessageContents / MessageTooLong
//   sqs.invalid_request InvalidParameterValue / MissingParameter / InvalidAttributeName / …
//   sqs.unavailable     5xx, InternalError, ServiceUnavailable (transient)
//   sqs.error           anything else (code and message of SQS quoted)
Error sqsErrorFor(int httpStatus, const QByteArray &body, const QString &action, const QString &queueUrl);

// True for the codes worth retrying (sqs.throttled, sqs.unavailable).
bool isTransientSqsError(const Error &error);

} // namespace rendition
