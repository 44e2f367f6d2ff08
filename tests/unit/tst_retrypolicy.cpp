// RetryPolicy: which errors are worth another attempt, the backoff bounds (exponential,
// capped, full jitter) with a fixed random source, the attempt limit, and the next attempt
// time with an injected clock.

#include "core/util/RetryPolicy.h"

#include <QtTest>

using namespace rendition;

class TestRetryPolicy : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void classify_data();
    void classify();
    void maxDelayGrowsThenCaps();
    void jitterStaysInBounds_data();
    void jitterStaysInBounds();
    void maxAttempts_data();
    void maxAttempts();
    void nextAttemptUsesInjectedClock();
    void badConfigIsClamped();
};

void TestRetryPolicy::classify_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("transient");
    QTest::newRow("package.write") << "package.write" << "could not write seg_00001.m4s: No space left" << true;
    QTest::newRow("publish.rename") << "publish.rename" << "rename failed" << true;
    QTest::newRow("publish.busy") << "publish.busy" << "staging folder locked by an earlier attempt" << true;
    QTest::newRow("source.read") << "source.read" << "I/O error" << true;
    QTest::newRow("io.read") << "io.read" << "short read" << true;
    QTest::newRow("encoder.open ENOMEM") << "encoder.open" << "could not open libx264 (Cannot allocate memory)" << true;
    QTest::newRow("encoder.open ENOMEM token") << "encoder.open" << "avcodec_open2: ENOMEM" << true;
    QTest::newRow("encoder.open bad setting") << "encoder.open" << "could not open libx264 (Invalid argument)" << false;
    QTest::newRow("worker.crashed") << "worker.crashed" << "" << true;
    QTest::newRow("worker.killed") << "worker.killed" << "" << true;
    QTest::newRow("worker.stalled") << "worker.stalled" << "" << true;
    QTest::newRow("worker.memory") << "worker.memory" << "" << true;
    QTest::newRow("worker.interrupted") << "worker.interrupted" << "" << true;
    QTest::newRow("ingest.truncated") << "ingest.truncated" << "the file ends early" << false;
    QTest::newRow("ingest.not_media") << "ingest.not_media" << "" << false;
    QTest::newRow("preset.invalid") << "preset.invalid" << "" << false;
    QTest::newRow("plan.empty") << "plan.empty" << "" << false;
    QTest::newRow("job.source_changed") << "job.source_changed" << "" << false;
    QTest::newRow("job.invalid") << "job.invalid" << "" << false;
    QTest::newRow("transcode.no_decoder") << "transcode.no_decoder" << "" << false;
    QTest::newRow("drm.key_file") << "drm.key_file" << "read error" << false;
    QTest::newRow("canceled") << "canceled" << "" << false;
    QTest::newRow("unknown code") << "something.new" << "" << false;
}

void TestRetryPolicy::classify()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(bool, transient);
    const Error e = makeError(code, message);
    QCOMPARE(RetryPolicy::isTransient(e), transient);
    QCOMPARE(RetryPolicy::classify(e), transient ? ErrorClass::Transient : ErrorClass::Permanent);
}

void TestRetryPolicy::maxDelayGrowsThenCaps()
{
    const RetryPolicy p; // base 2 s, cap 5 min
    QCOMPARE(p.maxDelayMsAfter(0), 0);
    QCOMPARE(p.maxDelayMsAfter(1), 2000);
    QCOMPARE(p.maxDelayMsAfter(2), 4000);
    QCOMPARE(p.maxDelayMsAfter(3), 8000);
    QCOMPARE(p.maxDelayMsAfter(8), 256000);
    QCOMPARE(p.maxDelayMsAfter(9), 300000);      // 512 s capped
    QCOMPARE(p.maxDelayMsAfter(1000), 300000);   // no overflow
}

void TestRetryPolicy::jitterStaysInBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("0 → no wait") << 0.0 << 3 << qint64(0);
    QTest::newRow("half of 8 s") << 0.5 << 3 << qint64(4000);
    QTest::newRow("just under 1 → the bound") << 0.99999999 << 3 << qint64(8000);
    QTest::newRow("out-of-range source clamped") << 7.0 << 2 << qint64(4000);
    QTest::newRow("negative source clamped") << -1.0 << 2 << qint64(0);
    QTest::newRow("capped") << 0.99999999 << 20 << qint64(300000);
}

void TestRetryPolicy::jitterStaysInBounds()
{
    QFETCH(double, random);
    QFETCH(int, attempt);
    QFETCH(qint64, expected);
    const RetryPolicy p(RetryConfig{}, [random] { return random; });
    QCOMPARE(p.delayMsAfter(attempt), expected);

    // With the real generator every delay lies in [0, bound] and they are not all equal.
    const RetryPolicy real;
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const qint64 d = real.delayMsAfter(attempt);
        QVERIFY(d >= 0 && d <= real.maxDelayMsAfter(attempt));
        seen.insert(d);
    }
    QVERIFY(seen.size() > 1);
}

void TestRetryPolicy::maxAttempts_data()
{
    QTest::addColumn<int>("maxAttempts");
    QTest::addColumn<int>("attempt");
    QTest::addColumn<bool>("retry");
    QTest::newRow("default 4: after 1") << 4 << 1 << true;
    QTest::newRow("default 4: after 3") << 4 << 3 << true;
    QTest::newRow("default 4: after 4") << 4 << 4 << false;
    QTest::newRow("2: after 1") << 2 << 1 << true;
    QTest::newRow("2: after 2") << 2 << 2 << false;
    QTest::newRow("1: never") << 1 << 1 << false;
}

void TestRetryPolicy::maxAttempts()
{
    QFETCH(int, maxAttempts);
    QFETCH(int, attempt);
    QFETCH(bool, retry);
    const RetryPolicy p(RetryConfig{2000, 300000, maxAttempts});
    QCOMPARE(p.shouldRetry(makeError(QStringLiteral("worker.crashed"), {}), attempt), retry);
    QCOMPARE(p.nextAttemptAt(makeError(QStringLiteral("worker.crashed"), {}), attempt).has_value(), retry);
    // A permanent error never retries, whatever the count.
    QVERIFY(!p.shouldRetry(makeError(QStringLiteral("ingest.truncated"), {}), 1));
    QVERIFY(!p.nextAttemptAt(makeError(QStringLiteral("ingest.truncated"), {}), 1).has_value());
}

void TestRetryPolicy::nextAttemptUsesInjectedClock()
{
    const QDateTime t0 = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    const RetryPolicy p(RetryConfig{}, [] { return 0.5; }, [t0] { return t0; });
    QCOMPARE(p.now(), t0);
    const std::optional<QDateTime> next = p.nextAttemptAt(makeError(QStringLiteral("package.write"), {}), 2);
    QVERIFY(next.has_value());
    QCOMPARE(t0.msecsTo(*next), 2000); // half of 4 s
}

void TestRetryPolicy::badConfigIsClamped()
{
    const RetryPolicy p(RetryConfig{-5, -1, 0});
    QCOMPARE(p.config().maxAttempts, 1);
    QCOMPARE(p.maxDelayMsAfter(3), 0);
    QCOMPARE(p.delayMsAfter(3), 0);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
