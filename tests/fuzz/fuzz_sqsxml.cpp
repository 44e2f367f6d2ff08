// Fuzz target: SQS query-protocol responses (core/remote/SqsXml): every parser and the error
// mapping get the same bytes. Invariants: failures are "sqs.bad_response" with a message; the
// mapped error of any body has a sqs.* code and a message naming the queue.

#include "tests/fuzz/FuzzSupport.h"

#include "core/remote/SqsXml.h"

#include <iterator>

using namespace rendition;

namespace {

template <typename T> void checkParsed(const Result<T> &result)
{
    if (!result.ok()) {
        FUZZ_CHECK(result.error().code == QLatin1String("sqs.bad_response"));
        FUZZ_CHECK(!result.error().message.isEmpty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray xml = fuzz::bytesOf(data, size);

    QString md5;
    checkParsed(parseSqsSendMessage(xml, &md5));
    const Result<QList<SqsMessage>> messages = parseSqsReceiveMessage(xml);
    checkParsed(messages);
    if (messages.ok()) {
        for (const SqsMessage &message : *messages) {
            FUZZ_CHECK(message.receiveCount() >= 0);
            (void)message.sentTimestampMs();
        }
    }
    checkParsed(parseSqsQueueAttributes(xml));
    checkParsed(parseSqsCreateQueue(xml));
    (void)parseSqsError(xml);

    const QString queue = QStringLiteral("http://127.0.0.1:9324/queue/fuzz-jobs");
    // One status per input (each call parses the body again): picked by the input's length.
    static constexpr int kStatuses[] = {400, 403, 404, 500, 503};
    const int status = kStatuses[size % std::size(kStatuses)];
    const Error error = sqsErrorFor(status, xml, QStringLiteral("ReceiveMessage"), queue);
    FUZZ_CHECK(error.code.startsWith(QLatin1String("sqs.")));
    FUZZ_CHECK(!error.message.isEmpty());
    FUZZ_CHECK(error.toString().contains(queue));
    if (status >= 500 && parseSqsError(xml).code.isEmpty()) FUZZ_CHECK(isTransientSqsError(error));
    return 0;
}
