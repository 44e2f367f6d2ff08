// Fuzz target: S3 REST XML documents (core/remote/S3Xml): error documents, ListObjectsV2 pages,
// multipart upload ids and completion ETags. Invariants: failures are "s3.xml" with a message;
// a parsed upload id is not empty; the CompleteMultipartUpload body we write for the parsed
// ETags is well-formed and lists every part.

#include "tests/fuzz/FuzzSupport.h"

#include "core/remote/S3Xml.h"

#include <QXmlStreamReader>

using namespace rendition;

namespace {

template <typename T> void checkParsed(const Result<T> &result)
{
    if (!result.ok()) {
        FUZZ_CHECK(result.error().code == QLatin1String("s3.xml"));
        FUZZ_CHECK(!result.error().message.isEmpty());
    }
}

int countParts(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    int parts = 0;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == QLatin1String("Part")) ++parts;
    }
    FUZZ_CHECK(!reader.hasError());
    return parts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytesOf(data, size);

    (void)parseS3Error(body);
    const Result<S3ListPage> page = parseS3ListPage(body);
    checkParsed(page);
    const Result<QString> uploadId = parseS3UploadId(body);
    checkParsed(uploadId);
    if (uploadId.ok()) FUZZ_CHECK(!uploadId->isEmpty());
    const Result<QByteArray> etag = parseS3CompleteEtag(body);
    checkParsed(etag);

    // Whatever text came back as ETags goes into the request body we would send next.
    QList<S3MultipartPart> parts;
    if (etag.ok()) parts.append(S3MultipartPart{1, *etag});
    if (page.ok()) {
        for (const S3ObjectInfo &object : page->objects) {
            FUZZ_CHECK(!object.key.isEmpty());
            parts.append(S3MultipartPart{int(parts.size()) + 1, s3UnquotedEtag(object.etag)});
        }
    }
    FUZZ_CHECK(countParts(s3CompleteMultipartXml(parts)) == parts.size());
    return 0;
}
