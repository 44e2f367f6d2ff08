// SQS query-protocol client: XML responses recorded from the AWS API reference's examples
// (SendMessage, ReceiveMessage, GetQueueAttributes, CreateQueue, ErrorResponse) parsed by
// SqsXml; AWS error codes mapped to our codes and sentences; the form body encoding; and
// SqsClient against a tiny in-process HTTP server (checks what is sent: action, version,
// SigV4 scope "sqs"; and that a wrong MD5 in the answer is caught).

#include "core/remote/SqsClient.h"
#include "core/remote/SqsXml.h"

#include <QCryptographicHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtConcurrent>
#include <QtTest>

using namespace rendition;

namespace {

// From the SendMessage API reference (query API example response).
const QByteArray kSendResponse = R"(<SendMessageResponse>
    <SendMessageResult>
        <MD5OfMessageBody>fafb00f5732ab283681e124bf8747ed1</MD5OfMessageBody>
        <MD5OfMessageAttributes>3ae8f24a165a8cedc005670c81a27295</MD5OfMessageAttributes>
        <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
    </SendMessageResult>
    <ResponseMetadata>
        <RequestId>27daac76-34dd-47df-bd01-1f6e873584a0</RequestId>
    </ResponseMetadata>
</SendMessageResponse>)";

// From the ReceiveMessage API reference, with a message attribute and the SQS namespace.
const QByteArray kReceiveResponse = R"(<ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">
  <ReceiveMessageResult>
    <Message>
      <MessageId>5fea7756-0ea4-451a-a703-a558b933e274</MessageId>
      <ReceiptHandle>MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFljTM8tJJg6HRG6PYSasuWXPJB+CwLj1FjgXUv1uSj1gUPAWV66FU/WeR4mq2OKpEGYWbnLmpRCJVAyeMjeU5ZBdtcQ+QEauMZc8ZRv37sIW2iJKq3M9MFx1YvV11A2x/KSbkJ0=</ReceiptHandle>
      <MD5OfBody>fafb00f5732ab283681e124bf8747ed1</MD5OfBody>
      <Body>This is a test message</Body>
      <Attribute>
        <Name>SenderId</Name>
        <Value>195004372649</Value>
      </Attribute>
      <Attribute>
        <Name>SentTimestamp</Name>
        <Value>1238099229000</Value>
      </Attribute>
      <Attribute>
        <Name>ApproximateReceiveCount</Name>
        <Value>5</Value>
      </Attribute>
      <Attribute>
        <Name>ApproximateFirstReceiveTimestamp</Name>
        <Value>1250700979248</Value>
      </Attribute>
      <MessageAttribute>
        <Name>job_id</Name>
        <Value>
          <StringValue>0f8e1c2a-5b7d-4e2f-9a61-3c4d5e6f7a8b</StringValue>
          <DataType>String</DataType>
        </Value>
      </MessageAttribute>
    </Message>
    <Message>
      <MessageId>b6633655-283d-45b4-aee4-4e84e0ae6afa</MessageId>
      <ReceiptHandle>second-handle</ReceiptHandle>
      <MD5OfBody>f84991032e04966f57165bf7bf50b248</MD5OfBody>
      <Body>{&quot;a&quot;:&quot;&lt;b&gt; &amp; c&quot;}</Body>
    </Message>
  </ReceiveMessageResult>
  <ResponseMetadata>
    <RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId>
  </ResponseMetadata>
</ReceiveMessageResponse>)";

const QByteArray kReceiveEmpty = R"(<ReceiveMessageResponse><ReceiveMessageResult/>
  <ResponseMetadata><RequestId>b6633655-283d-45b4-aee4-4e84e0ae6afa</RequestId></ResponseMetadata>
</ReceiveMessageResponse>)";

// From the GetQueueAttributes API reference.
const QByteArray kAttributesResponse = R"(<GetQueueAttributesResponse>
  <GetQueueAttributesResult>
    <Attribute><Name>ReceiveMessageWaitTimeSeconds</Name><Value>2</Value></Attribute>
    <Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute>
    <Attribute><Name>ApproximateNumberOfMessages</Name><Value>0</Value></Attribute>
    <Attribute><Name>ApproximateNumberOfMessagesNotVisible</Name><Value>0</Value></Attribute>
    <Attribute><Name>CreatedTimestamp</Name><Value>1286771522</Value></Attribute>
    <Attribute><Name>LastModifiedTimestamp</Name><Value>1286771522</Value></Attribute>
    <Attribute><Name>QueueArn</Name><Value>arn:aws:sqs:us-east-2:123456789012:MyQueue</Value></Attribute>
    <Attribute><Name>MaximumMessageSize</Name><Value>8192</Value></Attribute>
    <Attribute><Name>MessageRetentionPeriod</Name><Value>345600</Value></Attribute>
  </GetQueueAttributesResult>
  <ResponseMetadata><RequestId>1ea71be5-b5a2-4f9d-b85a-945d8d08cd0b</RequestId></ResponseMetadata>
</GetQueueAttributesResponse>)";

const QByteArray kCreateResponse = R"(<CreateQueueResponse>
  <CreateQueueResult><QueueUrl>https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue</QueueUrl></CreateQueueResult>
  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8e7a96aa73</RequestId></ResponseMetadata>
</CreateQueueResponse>)";

QByteArray errorDocument(const QByteArray &type, const QByteArray &code, const QByteArray &message)
{
    return "<ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error><Type>" + type + "</Type><Code>" + code +
           "</Code><Message>" + message + "</Message><Detail/></Error>"
           "<RequestId>42d59b56-7407-4c4a-be0f-4c88daeea257</RequestId></ErrorResponse>";
}

// One-request HTTP server: records the request, answers with `status` + `body`.
class FakeSqs : public QObject {
public:
    int status = 200;
    QByteArray body;
    QByteArray request; // head + body as received

    FakeSqs()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, this, [this, s] { onRead(s); });
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/123456789012/jobs").arg(m_server.serverPort()); }

private:
    void onRead(QTcpSocket *s)
    {
        request += s->readAll();
        const int headEnd = int(request.indexOf("\r\n\r\n"));
        if (headEnd < 0) return;
        const QByteArray head = request.left(headEnd).toLower();
        const int at = int(head.indexOf("content-length:"));
        const int length = at < 0 ? 0 : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toInt();
        if (request.size() < headEnd + 4 + length) return;
        s->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: text/xml\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        s->disconnectFromHost();
    }
    QTcpServer m_server;
};

SqsClientConfig testConfig()
{
    SqsClientConfig c;
    c.region = QStringLiteral("us-east-2");
    c.credentials.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    c.credentials.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    c.retry.backoff.maxAttempts = 1;
    return c;
}

template <typename F>
auto runInThread(F f)
{
    QFuture<decltype(f())> future = QtConcurrent::run(f);
    QElapsedTimer clock; // the fake server lives in this thread: keep its event loop turning
    clock.start();
    while (!future.isFinished() && clock.elapsed() < 30000) QTest::qWait(20);
    return future.result();
}

} // namespace

class TestSqs : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sendMessageResponse();
    void receiveMessageResponse();
    void receiveEmptyResponse();
    void queueAttributesResponse();
    void createQueueResponse();
    void malformedResponses_data();
    void malformedResponses();
    void errorMapping_data();
    void errorMapping();
    void formBodyEncoding();
    void clientSendsSignedQueryRequest();
    void clientCatchesMd5Mismatch();
    void clientMapsErrorDocument();
    void clientCancelAbortsLongPoll();
};

void TestSqs::sendMessageResponse()
{
    QString md5;
    Result<QString> id = parseSqsSendMessage(kSendResponse, &md5);
    QVERIFY2(id.ok(), id ? "" : qPrintable(id.error().toString()));
    QCOMPARE(*id, QStringLiteral("5fea7756-0ea4-451a-a703-a558b933e274"));
    QCOMPARE(md5, QStringLiteral("fafb00f5732ab283681e124bf8747ed1"));
    // The documented MD5 is the MD5 of the documented body.
    QCOMPARE(QCryptographicHash::hash("This is a test message", QCryptographicHash::Md5).toHex(), md5.toLatin1());
}

void TestSqs::receiveMessageResponse()
{
    Result<QList<SqsMessage>> messages = parseSqsReceiveMessage(kReceiveResponse);
    QVERIFY2(messages.ok(), messages ? "" : qPrintable(messages.error().toString()));
    QCOMPARE(messages->size(), 2);
    const SqsMessage &m = messages->at(0);
    QCOMPARE(m.messageId, QStringLiteral("5fea7756-0ea4-451a-a703-a558b933e274"));
    QVERIFY(m.receiptHandle.startsWith(u"MbZj6wDWli+JvwwJaBV+3dcjk2YW2vA3+STFFlj"));
    QVERIFY(m.receiptHandle.endsWith(u"x/KSbkJ0="));
    QCOMPARE(m.body, QByteArray("This is a test message"));
    QCOMPARE(m.receiveCount(), 5);
    QCOMPARE(m.sentTimestampMs(), Q_INT64_C(1238099229000));
    QCOMPARE(m.attributes.value(QStringLiteral("SenderId")), QStringLiteral("195004372649"));
    QCOMPARE(m.messageAttributes.value(QStringLiteral("job_id")).stringValue,
             QStringLiteral("0f8e1c2a-5b7d-4e2f-9a61-3c4d5e6f7a8b"));
    QCOMPARE(m.messageAttributes.value(QStringLiteral("job_id")).dataType, QStringLiteral("String"));
    // Entities decoded, body kept byte for byte; no attributes requested → count 0.
    QCOMPARE(messages->at(1).body, QByteArray(R"({"a":"<b> & c"})"));
    QCOMPARE(messages->at(1).receiveCount(), 0);
}

void TestSqs::receiveEmptyResponse()
{
    Result<QList<SqsMessage>> messages = parseSqsReceiveMessage(kReceiveEmpty);
    QVERIFY(messages.ok());
    QVERIFY(messages->isEmpty());
}

void TestSqs::queueAttributesResponse()
{
    Result<QMap<QString, QString>> a = parseSqsQueueAttributes(kAttributesResponse);
    QVERIFY(a.ok());
    QCOMPARE(a->size(), 9);
    QCOMPARE(a->value(QStringLiteral("VisibilityTimeout")), QStringLiteral("30"));
    QCOMPARE(a->value(QStringLiteral("QueueArn")), QStringLiteral("arn:aws:sqs:us-east-2:123456789012:MyQueue"));
}

void TestSqs::createQueueResponse()
{
    Result<QString> url = parseSqsCreateQueue(kCreateResponse);
    QVERIFY(url.ok());
    QCOMPARE(*url, QStringLiteral("https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue"));
}

void TestSqs::malformedResponses_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::newRow("not xml") << QByteArray("this is not xml");
    QTest::newRow("truncated") << kReceiveResponse.left(200);
    QTest::newRow("wrong document") << kSendResponse;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("message without handle")
        << QByteArray("<ReceiveMessageResponse><ReceiveMessageResult><Message><Body>x</Body></Message>"
                      "</ReceiveMessageResult></ReceiveMessageResponse>");
}

void TestSqs::malformedResponses()
{
    QFETCH(QByteArray, xml);
    Result<QList<SqsMessage>> messages = parseSqsReceiveMessage(xml);
    QVERIFY(!messages.ok());
    QCOMPARE(messages.error().code, QStringLiteral("sqs.bad_response"));
    QVERIFY(messages.error().message.contains(u"ReceiveMessage"));
}

void TestSqs::errorMapping_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mustContain");
    QTest::addColumn<bool>("transient");
    const QString url = QStringLiteral("https://sqs.us-east-2.amazonaws.com/123456789012/jobs");
    QTest::newRow("no queue") << 400 << errorDocument("Sender", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist for this wsdl version.")
                              << "sqs.no_queue" << QStringLiteral("queue %1 does not exist").arg(url) << false;
    QTest::newRow("no queue (json-era code)") << 400 << errorDocument("Sender", "QueueDoesNotExist", "x") << "sqs.no_queue" << url << false;
    QTest::newRow("bad key") << 403 << errorDocument("Sender", "InvalidClientTokenId", "The security token included in the request is invalid.")
                             << "sqs.auth" << QStringLiteral("credentials") << false;
    QTest::newRow("signature") << 403 << errorDocument("Sender", "SignatureDoesNotMatch", "x") << "sqs.auth" << QStringLiteral("SignatureDoesNotMatch") << false;
    QTest::newRow("iam") << 403 << errorDocument("Sender", "AccessDenied", "Access to the resource is denied.")
                         << "sqs.access_denied" << QStringLiteral("IAM") << false;
    QTest::newRow("receipt") << 400 << errorDocument("Sender", "ReceiptHandleIsInvalid", "The input receipt handle is invalid.")
                             << "sqs.receipt_invalid" << QStringLiteral("receipt handle") << false;
    QTest::newRow("throttled") << 400 << errorDocument("Sender", "RequestThrottled", "Rate exceeded") << "sqs.throttled" << url << true;
    QTest::newRow("too long") << 400 << errorDocument("Sender", "InvalidParameterValue", "One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes.")
                              << "sqs.invalid_request" << QStringLiteral("262144") << false;
    QTest::newRow("5xx without body") << 503 << QByteArray() << "sqs.unavailable" << QStringLiteral("retry later") << true;
    QTest::newRow("internal") << 500 << errorDocument("Receiver", "InternalError", "We encountered an internal error.") << "sqs.unavailable" << url << true;
    QTest::newRow("unknown") << 400 << errorDocument("Sender", "KmsDisabled", "The KMS key is disabled.")
                             << "sqs.error" << QStringLiteral("KmsDisabled") << false;
    QTest::newRow("html 404") << 404 << QByteArray("<html><body>nope</body></html>") << "sqs.error" << QStringLiteral("HTTP status 404") << false;
}

void TestSqs::errorMapping()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, mustContain);
    QFETCH(bool, transient);
    const QString url = QStringLiteral("https://sqs.us-east-2.amazonaws.com/123456789012/jobs");
    const Error e = sqsErrorFor(status, body, QStringLiteral("SendMessage"), url);
    QCOMPARE(e.code, code);
    QVERIFY2(e.message.contains(mustContain), qPrintable(e.message));
    QCOMPARE(e.context, url);
    QCOMPARE(isTransientSqsError(e), transient);
}

void TestSqs::formBodyEncoding()
{
    const QByteArray body = SqsClient::formBody({{QStringLiteral("Action"), QStringLiteral("SendMessage")},
                                                 {QStringLiteral("MessageBody"), QStringLiteral("a b+c&d=e/é~")}});
    QCOMPARE(body, QByteArray("Action=SendMessage&MessageBody=a%20b%2Bc%26d%3De%2F%C3%A9~"));
}

void TestSqs::clientSendsSignedQueryRequest()
{
    FakeSqs fake;
    fake.body = kSendResponse;
    const QString url = fake.url();
    SqsMessageAttributes attributes;
    attributes.insert(QStringLiteral("job_id"), SqsMessageAttribute{QStringLiteral("String"), QStringLiteral("j-1"), {}});
    Result<QString> id = runInThread([&] {
        SqsClient client(testConfig());
        return client.sendMessage(url, "This is a test message", attributes);
    });
    QVERIFY2(id.ok(), id ? "" : qPrintable(id.error().toString()));
    QCOMPARE(*id, QStringLiteral("5fea7756-0ea4-451a-a703-a558b933e274"));
    QVERIFY(fake.request.startsWith("POST /123456789012/jobs HTTP/1.1"));
    QVERIFY(fake.request.contains("Action=SendMessage&Version=2012-11-05&MessageBody=This%20is%20a%20test%20message"));
    QVERIFY(fake.request.contains("MessageAttribute.1.Name=job_id&MessageAttribute.1.Value.DataType=String&MessageAttribute.1.Value.StringValue=j-1"));
    QVERIFY(fake.request.contains("Credential=AKIDEXAMPLE/"));
    QVERIFY(fake.request.contains("/us-east-2/sqs/aws4_request"));
    QVERIFY(!fake.request.contains("wJalrXUtnFEMI")); // the secret never travels
}

void TestSqs::clientCatchesMd5Mismatch()
{
    FakeSqs fake;
    fake.body = kSendResponse; // MD5 of "This is a test message", not of what we send
    const QString url = fake.url();
    Result<QString> id = runInThread([&] {
        SqsClient client(testConfig());
        return client.sendMessage(url, "another body");
    });
    QVERIFY(!id.ok());
    QCOMPARE(id.error().code, QStringLiteral("sqs.md5_mismatch"));
}

void TestSqs::clientMapsErrorDocument()
{
    FakeSqs fake;
    fake.status = 400;
    fake.body = errorDocument("Sender", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    const QString url = fake.url();
    Status s = runInThread([&] {
        SqsClient client(testConfig());
        return client.deleteMessage(url, QStringLiteral("handle"));
    });
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, QStringLiteral("sqs.no_queue"));
    QCOMPARE(s.error().message, QStringLiteral("queue %1 does not exist; check the queue URL in the remote profile").arg(url));
}

void TestSqs::clientCancelAbortsLongPoll()
{
    // A server that accepts but never answers: the long poll must end on cancel, not on its timeout.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1/q").arg(silent.serverPort());
    QAtomicInt cancel{0};
    QElapsedTimer clock;
    clock.start();
    QFuture<Result<QList<SqsMessage>>> future = QtConcurrent::run([&] {
        SqsClient client(testConfig());
        SqsReceiveOptions o;
        o.waitSeconds = 20;
        return client.receive(url, o, &cancel);
    });
    QTest::qWait(300);
    cancel.storeRelaxed(1);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 15000);
    QVERIFY(!future.result().ok());
    QCOMPARE(future.result().error().code, QStringLiteral("http.canceled"));
    QVERIFY(clock.elapsed() < 15000);
}

QTEST_MAIN(TestSqs)
#include "tst_sqs.moc"
