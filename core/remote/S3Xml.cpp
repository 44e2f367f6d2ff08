// XML documents of the S3 REST API: error documents, ListObjectsV2 results and the
// multipart upload requests/responses (S3Xml.h).

#include "core/remote/S3Xml.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace rendition {

namespace {

QByteArray unquotedEtag(const QString &etag)
{
    QString e = etag.trimmed();
    if (e.size() >= 2 && e.startsWith(QLatin1Char('"')) && e.endsWith(QLatin1Char('"')))
        e = e.mid(1, e.size() - 2);
    return e.toUtf8();
}

// Reads <Contents> (the reader is on its start element) into an S3ObjectInfo.
S3ObjectInfo readContents(QXmlStreamReader &xml)
{
    S3ObjectInfo info;
    while (xml.readNextStartElement()) {
        const auto name = xml.name();
        if (name == QLatin1String("Key"))
            info.key = xml.readElementText();
        else if (name == QLatin1String("Size"))
            info.sizeBytes = xml.readElementText().toLongLong();
        else if (name == QLatin1String("ETag"))
            info.etag = unquotedEtag(xml.readElementText());
        else if (name == QLatin1String("LastModified"))
            info.lastModifiedUtc = QDateTime::fromString(xml.readElementText(), Qt::ISODateWithMs).toUTC();
        else
            xml.skipCurrentElement();
    }
    return info;
}

QString readCommonPrefix(QXmlStreamReader &xml)
{
    QString prefix;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("Prefix"))
            prefix = xml.readElementText();
        else
            xml.skipCurrentElement();
    }
    return prefix;
}

} // namespace

QByteArray s3UnquotedEtag(const QByteArray &etag)
{
    return unquotedEtag(QString::fromUtf8(etag));
}

S3ErrorDocument parseS3Error(const QByteArray &body)
{
    S3ErrorDocument doc;
    QXmlStreamReader xml(body);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("Error"))
        return doc;
    while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("Code"))
            doc.code = xml.readElementText().trimmed();
        else if (xml.name() == QLatin1String("Message"))
            doc.message = xml.readElementText().trimmed();
        else
            xml.skipCurrentElement();
    }
    return doc;
}

Result<S3ListPage> parseS3ListPage(const QByteArray &body)
{
    S3ListPage page;
    QXmlStreamReader xml(body);
    if (!xml.readNextStartElement() || xml.name() != QLatin1String("ListBucketResult"))
        return makeError("s3.xml", QStringLiteral("The listing response is not a ListBucketResult document."));
    while (xml.readNextStartElement()) {
        const auto name = xml.name();
        if (name == QLatin1String("Contents")) {
            page.objects.append(readContents(xml));
            if (page.objects.constLast().key.isEmpty() && !xml.hasError())
                return makeError("s3.xml", QStringLiteral("The listing response has an object (Contents) without a Key."));
        }
        else if (name == QLatin1String("CommonPrefixes"))
            page.commonPrefixes.append(readCommonPrefix(xml));
        else if (name == QLatin1String("IsTruncated"))
            page.truncated = xml.readElementText().trimmed() == QLatin1String("true");
        else if (name == QLatin1String("NextContinuationToken"))
            page.nextContinuationToken = xml.readElementText();
        else
            xml.skipCurrentElement();
    }
    if (xml.hasError())
        return makeError("s3.xml", QStringLiteral("The listing response is malformed XML (%1).").arg(xml.errorString()));
    if (page.truncated && page.nextContinuationToken.isEmpty())
        return makeError("s3.xml", QStringLiteral("The listing response is truncated but has no NextContinuationToken."));
    return page;
}

Result<QString> parseS3UploadId(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    if (xml.readNextStartElement() && xml.name() == QLatin1String("InitiateMultipartUploadResult")) {
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("UploadId")) {
                const QString uploadId = xml.readElementText().trimmed();
                if (uploadId.isEmpty())
                    break; // an empty id would make every part upload fail
                return uploadId;
            }
            xml.skipCurrentElement();
        }
    }
    return makeError("s3.xml", QStringLiteral("The CreateMultipartUpload response has no UploadId."));
}

QByteArray s3CompleteMultipartXml(const QList<S3MultipartPart> &parts)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("CompleteMultipartUpload"));
    xml.writeDefaultNamespace(QStringLiteral("http://s3.amazonaws.com/doc/2006-03-01/"));
    for (const S3MultipartPart &part : parts) {
        xml.writeStartElement(QStringLiteral("Part"));
        xml.writeTextElement(QStringLiteral("PartNumber"), QString::number(part.partNumber));
        xml.writeTextElement(QStringLiteral("ETag"), QLatin1Char('"') + QString::fromUtf8(part.etag) + QLatin1Char('"'));
        xml.writeEndElement();
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

Result<QByteArray> parseS3CompleteEtag(const QByteArray &body)
{
    QXmlStreamReader xml(body);
    if (xml.readNextStartElement() && xml.name() == QLatin1String("CompleteMultipartUploadResult")) {
        while (xml.readNextStartElement()) {
            if (xml.name() == QLatin1String("ETag"))
                return unquotedEtag(xml.readElementText());
            xml.skipCurrentElement();
        }
    }
    return makeError("s3.xml", QStringLiteral("The CompleteMultipartUpload response has no ETag."));
}

} // namespace rendition
