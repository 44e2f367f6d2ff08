// SigV4 known-answer tests. The local S3 emulator does not check signatures, so these
// are the proof that requests to AWS are signed correctly:
//  - the four worked examples of the Amazon S3 API reference, "Signature Calculations for
//    the Authorization Header: Transferring Payload in a Single Chunk" (GET object with a
//    range, PUT object, GET bucket lifecycle, GET bucket = list objects), with their
//    published canonical requests, string-to-sign hashes and signatures;
//  - cases of AWS's generic "Signature Version 4 test suite" (get-vanilla, …), service
//    "service", whose published values include the canonical request and string to sign.

#include "core/remote/SigV4.h"

#include <QTemporaryDir>
#include <QTest>

using namespace rendition;

namespace {

const QDateTime kS3ExampleTime(QDate(2013, 5, 24), QTime(0, 0, 0), Qt::UTC);
const QDateTime kSuiteTime(QDate(2015, 8, 30), QTime(12, 36, 0), Qt::UTC);
const char *kEmpty = SigV4::kEmptyPayloadSha256;

AwsCredentials s3ExampleCredentials()
{
    return {QStringLiteral("AKIAIOSFODNN7EXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), {}, QStringLiteral("test")};
}

AwsCredentials suiteCredentials()
{
    return {QStringLiteral("AKIDEXAMPLE"), QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"), {}, QStringLiteral("test")};
}

const QByteArray kSuiteToken =
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuw"
    "thAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHN"
    "VXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

HttpRequest makeRequest(HttpMethod method, const QByteArray &url, const HttpHeaders &headers = {},
                        const QByteArray &body = {})
{
    HttpRequest r;
    r.method = method;
    r.url = url;
    r.headers = headers;
    r.body = body;
    return r;
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void s3Examples_data();
    void s3Examples();
    void suite_data();
    void suite();
    void uriEncode_data();
    void uriEncode();
    void canonicalQuery_data();
    void canonicalQuery();
    void hostHeaderAndPort();
    void resigningReplacesHeaders();
    void fileBodyHashedLikeMemoryBody();
    void sessionTokenSignedButSecretNowhere();
    void badInputs();
};

void TestSigV4::s3Examples_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("canonicalRequest"); // empty: not published for this example
    QTest::addColumn<QByteArray>("canonicalRequestSha256");
    QTest::addColumn<QByteArray>("signedHeaders");
    QTest::addColumn<QByteArray>("signature");
    QTest::addColumn<QByteArray>("sentUrl");

    QTest::newRow("GET object, range")
        << int(HttpMethod::Get) << QByteArray("https://examplebucket.s3.amazonaws.com/test.txt")
        << HttpHeaders{{"Range", "bytes=0-9"}} << QByteArray()
        << QByteArray("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                      "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        << QByteArray("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972")
        << QByteArray("host;range;x-amz-content-sha256;x-amz-date")
        << QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
        << QByteArray("https://examplebucket.s3.amazonaws.com/test.txt");
    QTest::newRow("PUT object")
        << int(HttpMethod::Put) << QByteArray("https://examplebucket.s3.amazonaws.com/test%24file.text")
        << HttpHeaders{{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}}
        << QByteArray("Welcome to Amazon S3.")
        << QByteArray("PUT\n/test%24file.text\n\ndate:Fri, 24 May 2013 00:00:00 GMT\n"
                      "host:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
                      "x-amz-date:20130524T000000Z\nx-amz-storage-class:REDUCED_REDUNDANCY\n\n"
                      "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
                      "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        << QByteArray("9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d")
        << QByteArray("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
        << QByteArray("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
        << QByteArray("https://examplebucket.s3.amazonaws.com/test%24file.text");
    QTest::newRow("GET bucket lifecycle")
        << int(HttpMethod::Get) << QByteArray("https://examplebucket.s3.amazonaws.com/?lifecycle")
        << HttpHeaders{} << QByteArray()
        << QByteArray("GET\n/\nlifecycle=\nhost:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                      "x-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n"
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        << QByteArray("9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca")
        << QByteArray("host;x-amz-content-sha256;x-amz-date")
        << QByteArray("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
        << QByteArray("https://examplebucket.s3.amazonaws.com/?lifecycle=");
    // Parameters given out of order: the signer sorts them (curl 7.88's AWS_SIGV4 does not).
    QTest::newRow("GET bucket (list objects)")
        << int(HttpMethod::Get) << QByteArray("https://examplebucket.s3.amazonaws.com/?prefix=J&max-keys=2")
        << HttpHeaders{} << QByteArray()
        << QByteArray("GET\n/\nmax-keys=2&prefix=J\nhost:examplebucket.s3.amazonaws.com\n"
                      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
                      "x-amz-date:20130524T000000Z\n\nhost;x-amz-content-sha256;x-amz-date\n"
                      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        << QByteArray("df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7")
        << QByteArray("host;x-amz-content-sha256;x-amz-date")
        << QByteArray("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
        << QByteArray("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J");
}

void TestSigV4::s3Examples()
{
    QFETCH(int, method);
    QFETCH(QByteArray, url);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, canonicalRequest);
    QFETCH(QByteArray, canonicalRequestSha256);
    QFETCH(QByteArray, signedHeaders);
    QFETCH(QByteArray, signature);
    QFETCH(QByteArray, sentUrl);

    HttpRequest request = makeRequest(HttpMethod(method), url, headers, body);
    auto s = SigV4::sign(request, s3ExampleCredentials(), {QStringLiteral("us-east-1"), QStringLiteral("s3")}, kS3ExampleTime);
    QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
    QCOMPARE(s->canonicalRequest, canonicalRequest);
    QCOMPARE(SigV4::sha256Hex(s->canonicalRequest), canonicalRequestSha256);
    QCOMPARE(s->stringToSign, "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n" + canonicalRequestSha256);
    QCOMPARE(s->signedHeaders, signedHeaders);
    QCOMPARE(s->signature, signature);
    QCOMPARE(s->authorization, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=" +
                                   signedHeaders + ", Signature=" + signature);
    // What goes on the wire is what was signed.
    QCOMPARE(request.url, sentUrl);
    QCOMPARE(httpHeaderValue(request.headers, "authorization"), s->authorization);
    QCOMPARE(httpHeaderValue(request.headers, "x-amz-date"), QByteArray("20130524T000000Z"));
    QCOMPARE(httpHeaderValue(request.headers, "x-amz-content-sha256"), SigV4::sha256Hex(body));
    QCOMPARE(httpHeaderValue(request.headers, "host"), QByteArray("examplebucket.s3.amazonaws.com"));
}

void TestSigV4::suite_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QByteArray>("url");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<bool>("sessionToken");
    QTest::addColumn<QByteArray>("canonicalRequest");
    QTest::addColumn<QByteArray>("stringToSignHash");
    QTest::addColumn<QByteArray>("signedHeaders");
    QTest::addColumn<QByteArray>("signature");

    const QByteArray plainHeaders = "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n";
    const QByteArray host = "http://example.amazonaws.com";
    auto row = [&](const char *name, HttpMethod m, const QByteArray &path, const QByteArray &canonicalUriAndQuery,
                   const char *stsHash, const char *signature) {
        QTest::newRow(name) << int(m) << host + path << HttpHeaders{} << false
                            << httpMethodName(m) + '\n' + canonicalUriAndQuery + '\n' + plainHeaders + kEmpty
                            << QByteArray(stsHash) << QByteArray("host;x-amz-date") << QByteArray(signature);
    };
    row("get-vanilla", HttpMethod::Get, "/", "/\n", "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    row("get-vanilla-query-order-key-case", HttpMethod::Get, "/?Param2=value2&Param1=value1", "/\nParam1=value1&Param2=value2",
        "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
    row("get-vanilla-query-unreserved", HttpMethod::Get,
        "/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "c30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
        "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197");
    row("get-vanilla-utf8-query", HttpMethod::Get, "/?\xE1\x88\xB4=bar", "/\n%E1%88%B4=bar",
        "eb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
        "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04");
    row("get-unreserved", HttpMethod::Get, "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n",
        "6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
        "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f");
    row("get-utf8", HttpMethod::Get, "/\xE1\x88\xB4", "/%E1%88%B4\n", "2a0a97d02205e45ce2e994789806b19270cfbbb0921b278ccf58f5249ac42102",
        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85");
    row("get-space", HttpMethod::Get, "/example space/", "/example%20space/\n",
        "63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
        "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741");
    row("normalize-path/get-slashes", HttpMethod::Get, "//example//", "/example/\n",
        "cb96b4ac96d501f7c5c15bc6d67b3035061cfced4af6585ad927f7e6c985c015",
        "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84");
    row("normalize-path/get-relative-relative", HttpMethod::Get, "/example1/example2/../..", "/\n",
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    row("normalize-path/get-slash-pointless-dot", HttpMethod::Get, "/./example", "/example\n",
        "214d50c111a8edc4819da6a636336472c916b5240f51e9a51b5c3305180cf702",
        "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5");
    row("post-vanilla", HttpMethod::Post, "/", "/\n", "553f88c9e4d10fc9e109e2aeb65f030801b70c2f6468faca261d401ae622fc87",
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
    row("post-vanilla-query", HttpMethod::Post, "/?Param1=value1", "/\nParam1=value1",
        "9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
        "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11");
    row("post-vanilla-query-nonunreserved", HttpMethod::Post,
        "/?%40%23%24%25%5E%26%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
        "/\n%40%23%24%25%5E%26%2B=%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D",
        "eefcefefb33f2f62b17696313b6d0dcb93231d17f4bdf722a1278a1931fa8365",
        "88d3e39e4fa54b971f51c0a09140368e1a51aafb76c4652d9998f93cf3038074");

    QTest::newRow("get-header-key-duplicate")
        << int(HttpMethod::Get) << host + "/"
        << HttpHeaders{{"My-Header1", "value2"}, {"My-Header1", "value2"}, {"My-Header1", "value1"}} << false
        << QByteArray("GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\n"
                      "host;my-header1;x-amz-date\n") + kEmpty
        << QByteArray("dc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c")
        << QByteArray("host;my-header1;x-amz-date")
        << QByteArray("c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea");
    QTest::newRow("get-header-value-trim")
        << int(HttpMethod::Get) << host + "/"
        << HttpHeaders{{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}} << false
        << QByteArray("GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\n"
                      "x-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n") + kEmpty
        << QByteArray("a726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7")
        << QByteArray("host;my-header1;my-header2;x-amz-date")
        << QByteArray("acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736");
    QTest::newRow("post-header-value-case")
        << int(HttpMethod::Post) << host + "/" << HttpHeaders{{"My-Header1", "VALUE1"}} << false
        << QByteArray("POST\n/\n\nhost:example.amazonaws.com\nmy-header1:VALUE1\nx-amz-date:20150830T123600Z\n\n"
                      "host;my-header1;x-amz-date\n") + kEmpty
        << QByteArray("d51ced243e649e3de6ef63afbbdcbca03131a21a7103a1583706a64618606a93")
        << QByteArray("host;my-header1;x-amz-date")
        << QByteArray("cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d");
    // Temporary credentials: the session token is sent and signed.
    QTest::newRow("post-sts-header-before")
        << int(HttpMethod::Post) << host + "/" << HttpHeaders{} << true
        << QByteArray("POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:") + kSuiteToken +
               "\n\nhost;x-amz-date;x-amz-security-token\n" + kEmpty
        << QByteArray("c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6")
        << QByteArray("host;x-amz-date;x-amz-security-token")
        << QByteArray("85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead");
}

void TestSigV4::suite()
{
    QFETCH(int, method);
    QFETCH(QByteArray, url);
    QFETCH(HttpHeaders, headers);
    QFETCH(bool, sessionToken);
    QFETCH(QByteArray, canonicalRequest);
    QFETCH(QByteArray, stringToSignHash);
    QFETCH(QByteArray, signedHeaders);
    QFETCH(QByteArray, signature);

    AwsCredentials credentials = suiteCredentials();
    if (sessionToken)
        credentials.sessionToken = QString::fromLatin1(kSuiteToken);
    HttpRequest request = makeRequest(HttpMethod(method), url, headers);
    SigV4Options options;
    options.contentSha256Header = false; // the generic suite predates S3's header
    auto s = SigV4::sign(request, credentials, {QStringLiteral("us-east-1"), QStringLiteral("service")}, kSuiteTime, options);
    QVERIFY(s.ok());
    QCOMPARE(s->canonicalRequest, canonicalRequest);
    QCOMPARE(s->stringToSign, "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n" + stringToSignHash);
    QCOMPARE(s->authorization, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" +
                                   signedHeaders + ", Signature=" + signature);
    QVERIFY(httpHeaderValue(request.headers, "x-amz-content-sha256").isEmpty());
    QCOMPARE(httpHeaderValue(request.headers, "x-amz-security-token"), sessionToken ? kSuiteToken : QByteArray());
}

void TestSigV4::uriEncode_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepSlash");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved") << QByteArray("A-z_0.9~") << false << QByteArray("A-z_0.9~");
    QTest::newRow("space is %20, never +") << QByteArray("a b") << false << QByteArray("a%20b");
    QTest::newRow("plus") << QByteArray("a+b") << false << QByteArray("a%2Bb");
    QTest::newRow("percent") << QByteArray("100%") << false << QByteArray("100%25");
    QTest::newRow("slash in a value") << QByteArray("a/b") << false << QByteArray("a%2Fb");
    QTest::newRow("slash in a key path") << QByteArray("a/b c") << true << QByteArray("a/b%20c");
    QTest::newRow("sub-delims") << QByteArray("!'()*=&?#$") << true << QByteArray("%21%27%28%29%2A%3D%26%3F%23%24");
    QTest::newRow("utf-8, upper-case hex") << QByteArray("ключ") << true << QByteArray("%D0%BA%D0%BB%D1%8E%D1%87");
}

void TestSigV4::uriEncode()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepSlash);
    QFETCH(QByteArray, encoded);
    QCOMPARE(SigV4::uriEncode(raw, keepSlash), encoded);
}

void TestSigV4::canonicalQuery_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QByteArray>("canonical");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("sorted by name") << QByteArray("b=2&a=1") << QByteArray("a=1&b=2");
    QTest::newRow("same name sorted by value") << QByteArray("a=2&a=1&a=") << QByteArray("a=&a=1&a=2");
    QTest::newRow("bare name gets =") << QByteArray("uploads") << QByteArray("uploads=");
    QTest::newRow("re-encoded consistently") << QByteArray("prefix=a/b c&list-type=2") << QByteArray("list-type=2&prefix=a%2Fb%20c");
    QTest::newRow("already encoded stays") << QByteArray("token=a%2Fb%2B%3D%3D") << QByteArray("token=a%2Fb%2B%3D%3D");
    QTest::newRow("lower-case escapes normalised") << QByteArray("k=%2f%3d") << QByteArray("k=%2F%3D");
    QTest::newRow("upper-case names sort first (byte order)") << QByteArray("b=1&B=2") << QByteArray("B=2&b=1");
}

void TestSigV4::canonicalQuery()
{
    QFETCH(QByteArray, raw);
    QFETCH(QByteArray, canonical);
    QCOMPARE(SigV4::canonicalQuery(raw), canonical);
}

void TestSigV4::hostHeaderAndPort()
{
    const SigV4Scope scope{QStringLiteral("us-east-1"), QStringLiteral("s3")};
    HttpRequest local = makeRequest(HttpMethod::Get, "http://127.0.0.1:4568/bucket/key");
    QVERIFY(SigV4::sign(local, s3ExampleCredentials(), scope, kS3ExampleTime).ok());
    QCOMPARE(httpHeaderValue(local.headers, "host"), QByteArray("127.0.0.1:4568"));
    HttpRequest defaultPort = makeRequest(HttpMethod::Get, "https://Bucket.S3.amazonaws.com:443/key");
    QVERIFY(SigV4::sign(defaultPort, s3ExampleCredentials(), scope, kS3ExampleTime).ok());
    QCOMPARE(httpHeaderValue(defaultPort.headers, "host"), QByteArray("bucket.s3.amazonaws.com"));
}

void TestSigV4::resigningReplacesHeaders()
{
    const SigV4Scope scope{QStringLiteral("us-east-1"), QStringLiteral("s3")};
    HttpRequest request = makeRequest(HttpMethod::Get, "https://examplebucket.s3.amazonaws.com/test.txt", {{"Range", "bytes=0-9"}});
    QVERIFY(SigV4::sign(request, s3ExampleCredentials(), scope, kS3ExampleTime.addSecs(-60)).ok());
    const QByteArray first = httpHeaderValue(request.headers, "authorization");
    auto again = SigV4::sign(request, s3ExampleCredentials(), scope, kS3ExampleTime);
    QVERIFY(again.ok());
    // A retry signs with a new date; the old Authorization is neither signed nor kept.
    QCOMPARE(again->signature, QByteArray("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"));
    QVERIFY(first != again->authorization);
    int authorizationHeaders = 0;
    for (const auto &h : request.headers)
        authorizationHeaders += h.first.compare("authorization", Qt::CaseInsensitive) == 0 ? 1 : 0;
    QCOMPARE(authorizationHeaders, 1);
    QCOMPARE(request.headers.size(), 5); // range, host, x-amz-date, x-amz-content-sha256, authorization
}

void TestSigV4::fileBodyHashedLikeMemoryBody()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("xxWelcome to Amazon S3.yy");
    f.close();
    HttpRequest request = makeRequest(HttpMethod::Put, "https://examplebucket.s3.amazonaws.com/test%24file.text",
                                      {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}});
    request.bodyFile = {path, 2, 21};
    auto s = SigV4::sign(request, s3ExampleCredentials(), {QStringLiteral("us-east-1"), QStringLiteral("s3")}, kS3ExampleTime);
    QVERIFY(s.ok());
    QCOMPARE(s->signature, QByteArray("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"));
    auto hash = SigV4::sha256HexOfFile(path, 2, 21);
    QVERIFY(hash.ok());
    QCOMPARE(*hash, QByteArray("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"));
}

void TestSigV4::sessionTokenSignedButSecretNowhere()
{
    AwsCredentials credentials = s3ExampleCredentials();
    credentials.sessionToken = QStringLiteral("FQoGZXIvYXdzEXAMPLETOKEN");
    HttpRequest request = makeRequest(HttpMethod::Get, "https://examplebucket.s3.amazonaws.com/test.txt");
    auto s = SigV4::sign(request, credentials, {QStringLiteral("us-east-1"), QStringLiteral("s3")}, kS3ExampleTime);
    QVERIFY(s.ok());
    QVERIFY(s->signedHeaders.contains("x-amz-security-token"));
    const QByteArray secret = credentials.secretAccessKey.toUtf8();
    for (const QByteArray &text : {s->canonicalRequest, s->stringToSign, s->authorization, request.url})
        QVERIFY(!text.contains(secret));
    for (const auto &h : request.headers)
        QVERIFY(!h.second.contains(secret));
    QVERIFY(!credentials.describe().contains(credentials.secretAccessKey));
    QVERIFY(!credentials.describe().contains(credentials.sessionToken));
}

void TestSigV4::badInputs()
{
    const SigV4Scope scope{QStringLiteral("us-east-1"), QStringLiteral("s3")};
    HttpRequest relative = makeRequest(HttpMethod::Get, "/bucket/key");
    auto noUrl = SigV4::sign(relative, s3ExampleCredentials(), scope, kS3ExampleTime);
    QVERIFY(!noUrl.ok());
    QCOMPARE(noUrl.error().code, QStringLiteral("sigv4.url"));
    HttpRequest ftp = makeRequest(HttpMethod::Get, "ftp://host/key");
    QCOMPARE(SigV4::sign(ftp, s3ExampleCredentials(), scope, kS3ExampleTime).error().code, QStringLiteral("sigv4.url"));

    HttpRequest request = makeRequest(HttpMethod::Get, "https://examplebucket.s3.amazonaws.com/k");
    AwsCredentials noSecret = s3ExampleCredentials();
    noSecret.secretAccessKey.clear();
    QCOMPARE(SigV4::sign(request, noSecret, scope, kS3ExampleTime).error().code, QStringLiteral("sigv4.credentials"));

    HttpRequest missingFile = makeRequest(HttpMethod::Put, "https://examplebucket.s3.amazonaws.com/k");
    missingFile.bodyFile = {QStringLiteral("/nonexistent/rendition/body.bin"), 0, -1};
    auto noFile = SigV4::sign(missingFile, s3ExampleCredentials(), scope, kS3ExampleTime);
    QCOMPARE(noFile.error().code, QStringLiteral("sigv4.file"));
    QVERIFY(noFile.error().message.contains(QStringLiteral("/nonexistent/rendition/body.bin")));
    QTemporaryDir dir;
    const QString shortFile = dir.filePath(QStringLiteral("short.bin"));
    QFile f(shortFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("abc");
    f.close();
    auto tooShort = SigV4::sha256HexOfFile(shortFile, 0, 10);
    QCOMPARE(tooShort.error().code, QStringLiteral("sigv4.file"));
    QVERIFY(tooShort.error().message.contains(shortFile));
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
