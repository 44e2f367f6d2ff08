// Cluster jobs that behave like local ones, on loopback s3rver (S3) + ElasticMQ (SQS) started by
// scripts/test-services.sh, with real `rendition-cli submit` / `worker` / `remote` processes:
//   - approval: a qc.require_approval job is published without moving outputs/<asset>/current.json
//     (status "awaiting_approval", no redelivery); `remote approve` moves it, `remote reject`
//     does not; current.json exists from the asset's first publish; bad review commands fail;
//   - DRM: a KID:KEY key and a generated key go to keys/<job>/ (never in the message, the spec,
//     the outputs or the worker's log), the worker packages with THAT key (manifest KID), each
//     key read/write leaves an audit record, `remote key` writes a 0600 KID:KEY file; a preset
//     whose key file is missing fails the submit with nothing uploaded;
//   - bad input: unreadable/oversized/NUL/traversal messages, a missing or different source, a
//     missing key → each dead-lettered with its reason at the first receive, nothing published.
// Skips (QSKIP) only when node_modules (s3rver, elasticmq) or java are missing.

#include "RemoteTestBed.h"

#include "core/media/Probe.h"
#include "core/remote/RemoteApproval.h"
#include "core/remote/RemoteOutputs.h"

#include <sys/stat.h>

class TestRemoteCluster : public QObject, public RemoteTestBed {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = unavailableReason(); !why.isEmpty()) QSKIP(qPrintable(why));
        QString error;
        QVERIFY2(startServices(&error), qPrintable(error));
    }
    void cleanupTestCase() { stopServices(); }
    void init()
    {
        QString error;
        QVERIFY2(newQueues(&error), qPrintable(error));
    }
    void approvalPublishesWithoutMovingCurrent();
    void drmKeysStayInTheKeyStore();
    void missingKeyFileUploadsNothing();
    void badInputIsDeadLetteredAndNothingPublished();
};

// The final submit event ("published", "awaiting_approval", …) and its job id.
static QPair<QString, QString> finalOf(const Run &r)
{
    QString job, kind;
    for (const QJsonObject &e : r.events) {
        const QString ev = e.value(QStringLiteral("event")).toString();
        if (ev == u"submitted") job = e.value(QStringLiteral("job")).toString();
        else if (ev != u"remote_status" && !job.isEmpty() && e.value(QStringLiteral("job")).toString() == job) kind = ev;
    }
    return {job, kind};
}

void TestRemoteCluster::approvalPublishesWithoutMovingCurrent()
{
    const QString source = uniqueSource(QStringLiteral("gate.mp4"));
    const QString gated = writePreset(QStringLiteral("gated"), {{QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), false},
                                                                                                 {QStringLiteral("require_approval"), true}}}});
    const QString gated2 = writePreset(QStringLiteral("gated2"), {{QStringLiteral("qc"), QJsonObject{{QStringLiteral("enabled"), false},
                                                                                                   {QStringLiteral("require_approval"), true}}}});
    const QString plain = writePreset(QStringLiteral("plain"), {});
    QProcess worker;
    worker.setProcessEnvironment(env());
    worker.start(kCliPath, {QStringLiteral("worker"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--work-dir"),
                            m_tmp->filePath(QStringLiteral("work")), QStringLiteral("--visibility"), QStringLiteral("10"),
                            QStringLiteral("--heartbeat"), QStringLiteral("2")});
    QVERIFY(worker.waitForStarted(10000));
    auto submitWait = [&](const QString &preset) {
        return cli({QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"), preset,
                    QStringLiteral("--json-events"), QStringLiteral("--wait"), QStringLiteral("--timeout"), QStringLiteral("200"), source});
    };
    S3Client s3(s3Config(), credentials());
    auto current = [&]() -> RemoteCurrent {
        Result<std::optional<RemoteCurrent>> c = readRemoteCurrent(s3, QStringLiteral("gate"));
        return c && c->has_value() ? **c : RemoteCurrent{};
    };

    // 1. The asset's first version waits for approval: current.json exists, pointing at nothing.
    const Run first = submitWait(gated);
    const auto [job1, kind1] = finalOf(first);
    QVERIFY2(first.exit == 0 && kind1 == u"awaiting_approval", first.out + first.err);
    QCOMPARE(current().asset, QStringLiteral("gate"));
    QCOMPARE(current().version, QString());
    Result<RemotePublished> marker1 = findPublishedJob(s3, job1);
    QVERIFY2(marker1.ok(), marker1 ? "" : qPrintable(marker1.error().toString()));
    QVERIFY(marker1->awaitingApproval);
    QCOMPARE(marker1->version, QStringLiteral("v1"));
    QVERIFY(keysUnder(QStringLiteral("outputs/gate/v1/")).contains(QStringLiteral("outputs/gate/v1/manifest.json")));

    // 2. approve → current.json = v1; a second approve is refused.
    Run approve = cli({QStringLiteral("remote"), QStringLiteral("approve"), QStringLiteral("--remote"), QStringLiteral("env"), job1});
    QVERIFY2(approve.exit == 0, approve.err);
    QCOMPARE(current().version, QStringLiteral("v1"));
    QCOMPARE(current().jobId, job1);
    Result<RemotePublished> reviewed = findPublishedJob(s3, job1);
    QVERIFY(reviewed.ok());
    QCOMPARE(reviewed->review, QStringLiteral("approved"));
    approve = cli({QStringLiteral("remote"), QStringLiteral("approve"), QStringLiteral("--remote"), QStringLiteral("env"), job1});
    QCOMPARE(approve.exit, 1);
    QVERIFY2(approve.err.contains("already approved"), approve.err);

    // 3. A preset without the gate moves current.json itself; approving its job is refused.
    const Run second = submitWait(plain);
    const auto [job2, kind2] = finalOf(second);
    QVERIFY2(second.exit == 0 && kind2 == u"published", second.out + second.err);
    QCOMPARE(current().version, QStringLiteral("v2"));
    approve = cli({QStringLiteral("remote"), QStringLiteral("approve"), QStringLiteral("--remote"), QStringLiteral("env"), job2});
    QCOMPARE(approve.exit, 1);
    QVERIFY2(approve.err.contains("without an approval gate"), approve.err);

    // 4. Another gated version: reject needs a reason, then leaves current.json on v2.
    const Run third = submitWait(gated2);
    const auto [job3, kind3] = finalOf(third);
    QVERIFY2(third.exit == 0 && kind3 == u"awaiting_approval", third.out + third.err);
    QCOMPARE(current().version, QStringLiteral("v2"));
    Run reject = cli({QStringLiteral("remote"), QStringLiteral("reject"), QStringLiteral("--remote"), QStringLiteral("env"), job3});
    QCOMPARE(reject.exit, 1);
    QVERIFY2(reject.err.contains("needs a reason"), reject.err);
    reject = cli({QStringLiteral("remote"), QStringLiteral("reject"), QStringLiteral("--remote"), QStringLiteral("env"),
                  QStringLiteral("--note"), QStringLiteral("banding in the sky"), job3});
    QVERIFY2(reject.exit == 0, reject.err);
    QCOMPARE(current().version, QStringLiteral("v2"));
    Result<RemotePublished> rejected = findPublishedJob(s3, job3);
    QVERIFY(rejected.ok());
    QCOMPARE(rejected->review, QStringLiteral("rejected"));
    QCOMPARE(rejected->reviewNote, QStringLiteral("banding in the sky"));
    QVERIFY(keysUnder(QStringLiteral("outputs/gate/v3/")).contains(QStringLiteral("outputs/gate/v3/manifest.json")));
    // Unknown job, bad usage.
    const Run unknown = cli({QStringLiteral("remote"), QStringLiteral("approve"), QStringLiteral("--remote"), QStringLiteral("env"),
                             QStringLiteral("00000000-0000-0000-0000-000000000000")});
    QCOMPARE(unknown.exit, 1);
    QVERIFY2(unknown.err.contains("no job"), unknown.err);
    QCOMPARE(cli({QStringLiteral("remote"), QStringLiteral("approve"), QStringLiteral("--remote"), QStringLiteral("env")}).exit, 2);

    worker.terminate();
    QVERIFY(worker.waitForFinished(60000));
    const QByteArray log = worker.readAllStandardError();
    // Awaiting approval is an outcome, not a crash: each job was received once, none failed.
    QCOMPARE(log.count("received (receive 1)"), 3);
    QVERIFY2(!log.contains("received (receive 2)") && !log.contains(" failed (receive"), log.constData());
    QVERIFY2(log.contains("2 awaiting approval"), log.constData());
}

void TestRemoteCluster::drmKeysStayInTheKeyStore()
{
    const QString keyFile = m_tmp->filePath(QStringLiteral("content.keys"));
    QFile kf(keyFile);
    QVERIFY(kf.open(QIODevice::WriteOnly));
    kf.write((QStringLiteral("# test key\n") + kKid + u':' + kKey + u'\n').toLatin1());
    kf.close();
    auto drm = [](const QString &source, const QString &file) {
        QJsonObject d{{QStringLiteral("scheme"), QStringLiteral("cenc")}, {QStringLiteral("key_source"), source}};
        if (!file.isEmpty()) d.insert(QStringLiteral("key_file"), file);
        return QJsonObject{{QStringLiteral("drm"), d}};
    };
    const QString fromFile = writePreset(QStringLiteral("drm-file"), drm(QStringLiteral("key_file"), keyFile));
    const QString generated = writePreset(QStringLiteral("drm-gen"), drm(QStringLiteral("generate"), {}));
    const QString source = uniqueSource(QStringLiteral("locked.mp4"));
    const QStringList before = keysUnder(QStringLiteral("audit/keys/"));

    QList<QPair<QString, QString>> jobs; // job id, KID
    for (const QString &preset : {fromFile, generated}) {
        const Run sent = cli({QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"),
                              preset, QStringLiteral("--json-events"), source});
        QVERIFY2(sent.exit == 0 && !sent.events.isEmpty(), sent.err);
        jobs << qMakePair(sent.events.first().value(QStringLiteral("job")).toString(), sent.events.first().value(QStringLiteral("kid")).toString());
        QVERIFY(!sent.out.contains(kKey.toLatin1()));
    }
    QCOMPARE(jobs.first().second, kKid);
    QVERIFY(jobs.last().second.size() == 32 && jobs.last().second != kKid);
    // The messages carry a reference, never the key.
    SqsClient q = sqs();
    SqsReceiveOptions ro;
    ro.maxMessages = 10, ro.waitSeconds = 1, ro.visibilityTimeoutS = 1;
    Result<QList<SqsMessage>> peeked = q.receive(m_jobsUrl, ro);
    QVERIFY(peeked.ok() && peeked->size() == 2);
    for (const SqsMessage &m : std::as_const(*peeked)) {
        QVERIFY2(m.body.contains("\"key_ref\":\"keys/"), m.body.constData());
        QVERIFY(!m.body.contains(kKey.toLatin1()));
    }
    QTest::qWait(1500); // visible again

    const Run worker = runWorkerOnce(QStringLiteral("drm"));
    QVERIFY2(worker.exit == 0, worker.err);
    QCOMPARE(worker.err.count("published as s3://"), 2);
    QVERIFY(!worker.err.contains(kKey.toLatin1()));
    S3Client s3(s3Config(), credentials());
    for (const auto &[jobId, kid] : jobs) {
        Result<RemotePublished> marker = findPublishedJob(s3, jobId);
        QVERIFY2(marker.ok(), marker ? "" : qPrintable(marker.error().toString()));
        // The package uses the workstation's key: the manifest's KID is the submitted one.
        Result<QByteArray> manifest = s3.getBytes(marker->prefix + QStringLiteral("manifest.json"));
        QVERIFY(manifest.ok());
        const QJsonObject drmJson = QJsonDocument::fromJson(*manifest).object().value(QStringLiteral("drm")).toObject();
        QCOMPARE(drmJson.value(QStringLiteral("kid")).toString(), kid);
        // Nothing under outputs/ holds key material; the key object is SSE-tagged on PUT.
        for (const QString &f : marker->files) {
            Result<QByteArray> bytes = s3.getBytes(marker->prefix + f);
            QVERIFY(bytes.ok());
            QVERIFY2(!bytes->contains(kKey.toLatin1()) && !bytes->contains(QByteArray::fromHex(kKey.toLatin1())), qPrintable(f));
        }
        QVERIFY(keysUnder(QStringLiteral("keys/") + jobId + u'/').contains(remotekeys::jobKey(jobId)));
        // The workstation fetches the key back: 0600 KID:KEY.
        const QString out = m_tmp->filePath(jobId + QStringLiteral(".key"));
        const Run fetched = cli({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("--remote"), QStringLiteral("env"),
                                 QStringLiteral("--out"), out, jobId});
        QVERIFY2(fetched.exit == 0, fetched.err);
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(out).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QFile k(out);
        QVERIFY(k.open(QIODevice::ReadOnly));
        const QByteArray line = k.readAll().trimmed();
        QVERIFY(line.startsWith(kid.toLatin1() + ':'));
        if (kid == kKid) QCOMPARE(line, (kKid + u':' + kKey).toLatin1());
    }
    for (const QString &key : keysUnder(QStringLiteral("outputs/")))
        QVERIFY2(!key.contains(QStringLiteral("content.key")), qPrintable(key));
    // Audit: per job one write (submit), one read (worker), one read (remote key), with KID and who.
    const QStringList audit = keysUnder(QStringLiteral("audit/keys/"));
    QCOMPARE(audit.size() - before.size(), 6);
    int reads = 0, writes = 0;
    for (const QString &a : audit) {
        if (before.contains(a)) continue;
        Result<QByteArray> rec = s3.getBytes(a);
        QVERIFY(rec.ok());
        const QJsonObject o = QJsonDocument::fromJson(*rec).object();
        QCOMPARE(o.value(QStringLiteral("schema")).toString(), QStringLiteral("rendition.key-audit/1"));
        QVERIFY(!o.value(QStringLiteral("who")).toString().isEmpty() && !o.value(QStringLiteral("at")).toString().isEmpty());
        QVERIFY(o.value(QStringLiteral("kid")).toString().size() == 32);
        QVERIFY(!rec->contains(kKey.toLatin1()));
        reads += o.value(QStringLiteral("action")).toString() == u"read";
        writes += o.value(QStringLiteral("action")).toString() == u"write";
    }
    QCOMPARE(writes, 2);
    QCOMPARE(reads, 4);
    // Bad input: a job without a key.
    const Run none = cli({QStringLiteral("remote"), QStringLiteral("key"), QStringLiteral("--remote"), QStringLiteral("env"),
                          QStringLiteral("--out"), m_tmp->filePath(QStringLiteral("x.key")), QStringLiteral("no-such-job")});
    QCOMPARE(none.exit, 1);
    QVERIFY2(none.err.contains("not in the key store"), none.err);
    QVERIFY(!QFileInfo::exists(m_tmp->filePath(QStringLiteral("x.key"))));
}

void TestRemoteCluster::missingKeyFileUploadsNothing()
{
    const QString preset = writePreset(QStringLiteral("drm-missing"),
                                       {{QStringLiteral("drm"), QJsonObject{{QStringLiteral("scheme"), QStringLiteral("cenc")},
                                                                            {QStringLiteral("key_source"), QStringLiteral("key_file")},
                                                                            {QStringLiteral("key_file"), m_tmp->filePath(QStringLiteral("gone.keys"))}}}});
    const QString source = uniqueSource(QStringLiteral("nokey.mp4"));
    const QStringList before = keysUnder(QString());
    const Run sent = cli({QStringLiteral("submit"), QStringLiteral("--remote"), QStringLiteral("env"), QStringLiteral("--preset"), preset, source});
    QCOMPARE(sent.exit, 1);
    QVERIFY2(sent.err.contains("gone.keys"), sent.err);
    QCOMPARE(keysUnder(QString()), before);
    SqsClient q = sqs();
    Result<QMap<QString, QString>> a = q.queueAttributes(m_jobsUrl, {QStringLiteral("ApproximateNumberOfMessages")});
    QVERIFY(a.ok());
    QCOMPARE(a->value(QStringLiteral("ApproximateNumberOfMessages")), QStringLiteral("0"));
}

void TestRemoteCluster::badInputIsDeadLetteredAndNothingPublished()
{
    S3Client s3(s3Config(), credentials());
    SqsClient q = sqs();
    // Well-formed jobs whose bucket side is wrong, made like `submit` makes them.
    auto makeJob = [&](const QString &name, bool drm) -> std::optional<QPair<JobSpec, QString>> {
        const QString path = uniqueSource(name);
        ProbeResult probed = probe(path);
        QJsonObject extra;
        if (drm) extra.insert(QStringLiteral("drm"), QJsonObject{{QStringLiteral("scheme"), QStringLiteral("cenc")},
                                                                 {QStringLiteral("key_source"), QStringLiteral("generate")}});
        QFile pf(writePreset(name, extra));
        if (!pf.open(QIODevice::ReadOnly)) return std::nullopt;
        Result<Preset> preset = parsePreset(pf.readAll());
        if (!preset) return std::nullopt;
        Result<JobSpec> spec = makeJobSpec(probed, *preset, QStringLiteral("/"));
        if (!spec) return std::nullopt;
        spec->source.uri = remotekeys::s3Uri(QStringLiteral("rendition"), remotekeys::source(spec->source.sha256));
        return qMakePair(*spec, path);
    };
    auto send = [&](const QByteArray &body) { QVERIFY(q.sendMessage(m_jobsUrl, body).ok()); };
    auto messageFor = [](const JobSpec &spec, const QString &sourceName, bool drm) {
        RemoteJobMessage m{spec.id, spec.idempotencyKey, remotekeys::spec(spec.id), sourceName, spec.toJsonBytes()};
        if (drm) m.keyRef = remotekeys::jobKey(spec.id);
        return m;
    };
    const auto missing = makeJob(QStringLiteral("missing.mp4"), false); // source never uploaded
    const auto changed = makeJob(QStringLiteral("changed.mp4"), false); // other bytes under its SHA
    const auto nokey = makeJob(QStringLiteral("nokey.mp4"), true);      // key never stored
    QVERIFY(missing && changed && nokey);
    QVERIFY(s3.putFile(remotekeys::source(changed->first.source.sha256), kVideoOnly).ok());
    QVERIFY(s3.putFile(remotekeys::source(nokey->first.source.sha256), nokey->second).ok());
    send(messageFor(missing->first, QStringLiteral("missing.mp4"), false).toBody());
    send(messageFor(changed->first, QStringLiteral("changed.mp4"), false).toBody());
    send(messageFor(nokey->first, QStringLiteral("nokey.mp4"), true).toBody());
    // Envelopes no worker may act on.
    RemoteJobMessage traversal = messageFor(changed->first, QStringLiteral("../../etc/passwd"), false);
    send(traversal.toBody());
    RemoteJobMessage nul = messageFor(changed->first, QStringLiteral("a") + QChar(0) + QStringLiteral("b.mp4"), false);
    send(nul.toBody());
    RemoteJobMessage keyEscape = messageFor(nokey->first, QStringLiteral("nokey.mp4"), true);
    keyEscape.keyRef = QStringLiteral("keys/../outputs/by-key/x.json");
    send(keyEscape.toBody());
    RemoteJobMessage absolute = messageFor(changed->first, QStringLiteral("x.mp4"), false);
    absolute.jobId = QStringLiteral("/etc/passwd");
    send(absolute.toBody());
    send("this is not JSON");
    send("{\"schema\":\"rendition.remote-job/1\",\"pad\":\"" + QByteArray(200 * 1024, 'x') + "\"}");
    const QStringList outputsBefore = keysUnder(QStringLiteral("outputs/"));

    const Run worker = runWorkerOnce(QStringLiteral("bad"));
    QVERIFY2(worker.exit == 0, worker.err);
    QVERIFY2(!worker.err.contains("published as"), worker.err);
    QCOMPARE(keysUnder(QStringLiteral("outputs/")), outputsBefore);
    const QList<RemoteDeadLetter> dead = deadLetters(9);
    QCOMPARE(dead.size(), 9);
    QMap<QString, int> codes;
    QStringList messages;
    for (const RemoteDeadLetter &d : dead) {
        ++codes[d.error.code];
        messages << d.error.message;
        QCOMPARE(d.receiveCount, 1); // dead-lettered at the first receive, not after retries
    }
    QCOMPARE(codes.value(QStringLiteral("remote.source_missing")), 1);
    QCOMPARE(codes.value(QStringLiteral("remote.source_corrupt")), 1);
    QCOMPARE(codes.value(QStringLiteral("remote.key_missing")), 1);
    QCOMPARE(codes.value(QStringLiteral("remote.bad_message")), 6);
    const QString all = messages.join(u'\n');
    for (const char *needle : {"../../etc/passwd\" is not a plain file name", "a\\0b.mp4", "key_ref", "job_id is not a plain token", "not a JSON object",
                               "bytes; a job message is at most"})
        QVERIFY2(all.contains(QLatin1String(needle)), qPrintable(QLatin1String(needle) + u'\n' + all));
    QVERIFY(keysUnder(QStringLiteral("audit/keys/")).filter(nokey->first.id + QStringLiteral("-read_missing")).size() == 1);

    // An asset name that tries to leave outputs/ is refused before any upload.
    const QString dir = m_tmp->filePath(QStringLiteral("v1"));
    QDir().mkpath(dir);
    QFile m(dir + QStringLiteral("/manifest.json"));
    QVERIFY(m.open(QIODevice::WriteOnly));
    m.write("{\"version\": \"v1\"}");
    m.close();
    for (const QString &asset : {QStringLiteral("../escape"), QStringLiteral("/abs"), QStringLiteral("a") + QChar(0)}) {
        RemoteUploadRequest r;
        r.localVersionDir = dir, r.asset = asset, r.jobId = QStringLiteral("j"), r.idempotencyKey = QStringLiteral("k");
        Result<RemotePublished> up = uploadRemoteVersion(s3, r);
        QVERIFY(!up.ok());
        QCOMPARE(up.error().code, QStringLiteral("remote.bad_asset"));
    }
    QCOMPARE(keysUnder(QStringLiteral("outputs/")), outputsBefore);
}

QTEST_GUILESS_MAIN(TestRemoteCluster)
#include "tst_remote_cluster.moc"
