#pragma once
// The XML documents of the S3 REST API that S3Client reads and writes, parsed with
// QXmlStreamReader. Pure functions; errors are Error "s3.xml" naming the document.

#include "core/remote/S3Client.h"
#include "core/util/Result.h"

#include <QByteArray>
#include <QString>

namespace rendition {

// <Error><Code>…</Code><Message>…</Message></Error>; both empty when `body` is not one.
struct S3ErrorDocument {
    QString code;
    QString message;
};
S3ErrorDocument parseS3Error(const QByteArray &body);

// A ListObjectsV2 <ListBucketResult>.
Result<S3ListPage> parseS3ListPage(const QByteArray &body);
// <InitiateMultipartUploadResult><UploadId>.
Result<QString> parseS3UploadId(const QByteArray &body);
// The <CompleteMultipartUpload> request body for `parts` (in the given order).
QByteArray s3CompleteMultipartXml(const QList<S3MultipartPart> &parts);
// <CompleteMultipartUploadResult><ETag>, unquoted.
Result<QByteArray> parseS3CompleteEtag(const QByteArray &body);
// "\"abc\"" → "abc".
QByteArray s3UnquotedEtag(const QByteArray &etag);

} // namespace rendition
