#include "core/util/FileIo.h"

#include <QFile>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace rendition {

namespace {
QString code(const char *prefix, const char *what) { return QString::fromLatin1(prefix) + u'.' + QLatin1String(what); }
} // namespace

Result<QByteArray> readWholeFile(const QString &path, const char *codePrefix)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(code(codePrefix, "read"), QStringLiteral("The file could not be opened (%1).").arg(f.errorString()), path);
    QByteArray bytes = f.readAll();
    if (f.error() != QFile::NoError)
        return makeError(code(codePrefix, "read"), QStringLiteral("The file could not be read (%1).").arg(f.errorString()), path);
    return bytes;
}

Status replaceFileAtomically(const QString &path, const QByteArray &bytes, const char *codePrefix)
{
    const QString part = path + QStringLiteral(".part");
    QFile f(part);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush()) {
        const QString why = f.errorString();
        f.close();
        QFile::remove(part);
        return makeError(code(codePrefix, "write"),
                         QStringLiteral("The file could not be written (%1); check free space and permissions.").arg(why), path);
    }
    f.close();
    if (std::rename(QFile::encodeName(part).constData(), QFile::encodeName(path).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        QFile::remove(part);
        return makeError(code(codePrefix, "write"), QStringLiteral("The finished file could not be moved into place (%1).").arg(why), path);
    }
    return {};
}

} // namespace rendition
