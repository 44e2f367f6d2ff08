#include "core/pipeline/DrmStage.h"

#include "core/media/cenc/CencEncryptor.h"
#include "core/media/cenc/HlsAes128.h"
#include "core/media/cenc/Keys.h"
#include "core/media/cenc/Pssh.h"
#include "core/pipeline/DrmSignalling.h"
#include "core/pipeline/LoudnessStage.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rendition {

namespace {

QByteArray keyBytes(const cenc::ContentKey &k) { return QByteArray(reinterpret_cast<const char *>(k.key.data()), int(k.key.size())); }

void refreshSizes(TrackRecord &t)
{
    const QDir dir(t.dir);
    t.totalBytes = 0;
    for (SegmentRecord &s : t.segments) {
        s.bytes = QFileInfo(dir.filePath(s.file)).size();
        t.totalBytes += s.bytes;
    }
    if (!t.initFile.isEmpty()) {
        QFile f(dir.filePath(t.initFile));
        if (f.open(QIODevice::ReadOnly)) t.initBytes = f.readAll();
    }
}

Status encryptCenc(const DrmOutcome &drm, TrackRecord &track, const CancelToken &cancel)
{
    cenc::CencOptions o;
    o.scheme = cenc::Scheme::Cenc;
    o.key = drm.key;
    o.psshBoxes = drm.psshBoxes;
    // Encrypt into a sibling folder, then swap it in: a failure never leaves a half-encrypted track.
    const QString encrypted = track.dir + QStringLiteral(".enc");
    Result<cenc::TrackEncryptionStats> r = cenc::encryptTrackDirectory(track.dir, encrypted, o, cancel);
    if (!r) {
        QDir(encrypted).removeRecursively();
        return r.error();
    }
    for (const QString &name : QDir(track.dir).entryList(QDir::Files)) // playlists etc. are written later
        if (!QFileInfo::exists(QDir(encrypted).filePath(name))) QFile::copy(QDir(track.dir).filePath(name), QDir(encrypted).filePath(name));
    if (!QDir(track.dir).removeRecursively() || !QDir().rename(encrypted, track.dir))
        return makeError(QStringLiteral("drm.swap"), QStringLiteral("could not put the encrypted track in place"), track.dir);
    refreshSizes(track);
    return {};
}

Status encryptTs(const DrmOutcome &drm, TrackRecord &track, const CancelToken &cancel)
{
    auto r = cenc::encryptTsTrackDirectory(track.dir, drm.key.key, 0, cancel); // IV = media sequence (from 0)
    if (!r) return r.error();
    refreshSizes(track);
    return {};
}

} // namespace

QJsonObject DrmOutcome::manifestJson() const
{
    return {{QStringLiteral("scheme"), drmSchemeName(scheme)},
            {QStringLiteral("kid"), cenc::keyIdToHex(key.kid)},
            {QStringLiteral("default_kid"), cenc::keyIdToUuid(key.kid)},
            {QStringLiteral("systems"), QJsonArray::fromStringList(systems)},
            {QStringLiteral("key_store"), QStringLiteral("../keys/<version>.json (mode 0600, beside the package)")}};
}

RenditionKey DrmOutcome::readerKey() const
{
    RenditionKey k;
    k.kind = scheme == DrmScheme::Cenc ? RenditionKey::Kind::Cenc : scheme == DrmScheme::HlsAes128 ? RenditionKey::Kind::Aes128
                                                                                                  : RenditionKey::Kind::None;
    if (k.kind != RenditionKey::Kind::None) k.key = keyBytes(key);
    return k;
}

Result<DrmOutcome> prepareDrm(const DrmPolicy &policy, const CancelToken &cancel)
{
    DrmOutcome out;
    out.scheme = policy.scheme;
    if (cancel.isCanceled()) return makeError(QStringLiteral("canceled"), QStringLiteral("the job was canceled"));
    Result<QList<cenc::ContentKey>> keys = QList<cenc::ContentKey>{};
    switch (policy.keySource) {
    case KeySource::Generate: {
        Result<cenc::ContentKey> k = cenc::generateContentKey();
        if (!k) return k.error();
        keys = QList<cenc::ContentKey>{*k};
        break;
    }
    case KeySource::KeyFile: keys = cenc::readKeyFile(policy.keyFile); break;
    case KeySource::Cpix: keys = cenc::readCpixFile(policy.keyFile); break;
    case KeySource::Invalid: return makeError(QStringLiteral("drm.key_source"), QStringLiteral("no key source is set"));
    }
    if (!keys) return keys.error();
    if (keys->isEmpty()) return makeError(QStringLiteral("drm.no_key"), QStringLiteral("the key source holds no key"), policy.keyFile);
    out.key = keys->first(); // one key for every track of the package
    out.keyUriTemplate = policy.keyUri;
    if (policy.scheme != DrmScheme::Cenc) return out;
    out.systems << QStringLiteral("clearkey");
    out.psshBoxes << cenc::makeCommonPssh({out.key.kid});
    if (policy.widevine) {
        cenc::WidevineOptions w;
        w.provider = policy.widevineProvider;
        w.contentId = policy.contentId.toUtf8();
        out.widevinePssh = cenc::makeWidevinePssh({out.key.kid}, w);
        out.psshBoxes << out.widevinePssh;
        out.systems << QStringLiteral("widevine");
    }
    if (policy.playReady) {
        cenc::PlayReadyOptions p;
        p.laUrl = policy.playReadyLaUrl;
        Result<QByteArray> pr = cenc::makePlayReadyPssh(out.key, p);
        if (!pr) return pr.error();
        out.playReadyPssh = *pr;
        out.psshBoxes << out.playReadyPssh;
        out.systems << QStringLiteral("playready");
    }
    // Never signal a box a player would reject.
    CencSignalling check{out.key.kid, out.widevinePssh, out.playReadyPssh, true};
    if (Status s = checkSignalling(check); !s) return s.error();
    return out;
}

Status protectTracks(const DrmOutcome &drm, TranscodeResult &result, const CancelToken &cancel)
{
    if (drm.scheme == DrmScheme::None) return {};
    auto protect = [&](TrackRecord &t) { return drm.scheme == DrmScheme::Cenc ? encryptCenc(drm, t, cancel) : encryptTs(drm, t, cancel); };
    for (VideoOutput &v : result.video)
        if (Status s = protect(v.track); !s) return s;
    for (AudioOutput &a : result.audio)
        if (Status s = protect(a.track); !s) return s;
    return {};
}

Status verifyDecryption(const DrmOutcome &drm, const TranscodeResult &result, const CancelToken &cancel)
{
    auto check = [&](const TrackRecord &track, RenditionReader::Media media, const QString &name) -> Status {
        auto reader = RenditionReader::open(trackFiles(track), media, cancel, drm.readerKey());
        if (!reader) return Error{QStringLiteral("drm.verify"), QStringLiteral("the encrypted rendition could not be opened with its key: ") + reader.error().message, name};
        qint64 frames = 0;
        for (;;) {
            Result<av::FramePtr> f = (*reader)->next();
            if (!f) return f.error();
            if (!*f) break;
            ++frames;
        }
        if ((*reader)->decodeErrors() > 0 || frames < track.packets)
            return makeError(QStringLiteral("drm.verify"),
                             QStringLiteral("the encrypted rendition does not decode cleanly with its key (%1 of %2 frames, %3 errors)")
                                 .arg(frames).arg(track.packets).arg((*reader)->decodeErrors()), name);
        return {};
    };
    for (const VideoOutput &v : result.video)
        if (Status s = check(v.track, RenditionReader::Media::Video, v.planned.dirName); !s) return s;
    for (const AudioOutput &a : result.audio)
        if (Status s = check(a.track, RenditionReader::Media::Audio, a.dirName); !s) return s;
    return {};
}

PlaylistDrm playlistDrm(const DrmOutcome &drm)
{
    PlaylistDrm p;
    if (drm.scheme == DrmScheme::HlsAes128) {
        p.hlsKeyLines << hlsAes128KeyLine(expandKeyUri(drm.keyUriTemplate, drm.key.kid));
        return p;
    }
    CencSignalling s;
    s.defaultKid = drm.key.kid;
    s.widevinePssh = drm.widevinePssh;
    s.playReadyPssh = drm.playReadyPssh;
    p.hlsKeyLines = hlsSampleAesCtrKeyLines(s, drm.keyUriTemplate);
    p.mpdContentProtection = mpdContentProtection(s, QString());
    p.mpdNamespaces = mpdNamespaceAttributes(s).trimmed();
    return p;
}

Result<QString> writeKeyStore(const DrmOutcome &drm, const QString &assetDir, const QString &name, const QString &assetName)
{
    const QString dir = QDir(assetDir).filePath(QStringLiteral("keys"));
    QDir().mkpath(dir);
    ::chmod(QFile::encodeName(dir).constData(), 0700);
    const QString path = QDir(dir).filePath(name + QStringLiteral(".json"));
    const QString part = path + QStringLiteral(".part");
    const QByteArray body = QJsonDocument(QJsonObject{
        {QStringLiteral("schema"), QStringLiteral("rendition.keys/1")},
        {QStringLiteral("asset"), assetName},
        {QStringLiteral("scheme"), drmSchemeName(drm.scheme)},
        {QStringLiteral("keys"), QJsonArray{QJsonObject{{QStringLiteral("kid"), cenc::keyIdToHex(drm.key.kid)},
                                                        {QStringLiteral("key"), QString::fromLatin1(keyBytes(drm.key).toHex())}}}}}).toJson();
    // Created 0600 from the start: the key is never readable by others, not even briefly.
    const int fd = ::open(QFile::encodeName(part).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return makeError(QStringLiteral("drm.key_store"), QStringLiteral("could not create the key file; check the output root is writable"), part);
    const bool ok = ::write(fd, body.constData(), size_t(body.size())) == body.size() && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(QFile::encodeName(part).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(part);
        return makeError(QStringLiteral("drm.key_store"), QStringLiteral("could not write the key file"), path);
    }
    return path;
}

} // namespace rendition
