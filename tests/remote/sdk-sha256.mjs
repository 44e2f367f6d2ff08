// Independent read-back with the official AWS SDK for JavaScript v3: downloads one object
// (or lists a prefix) and prints JSON on stdout.
//
//   node sdk-sha256.mjs --endpoint http://127.0.0.1:PORT --bucket B --key K
//     → {"key": K, "size": N, "sha256": "…", "etag": "…"}
//   node sdk-sha256.mjs --endpoint … --bucket B --list PREFIX
//     → {"keys": [...]}            (all pages)
//   exit 3 with {"error": "NoSuchKey"} when the object does not exist.
import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const client = new S3Client({
  endpoint: opt('endpoint'),
  region: opt('region') ?? 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  maxAttempts: 1,
});
const Bucket = opt('bucket');

try {
  if (opt('list') !== undefined) {
    const keys = [];
    let ContinuationToken;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket, Prefix: opt('list'), ContinuationToken }));
      for (const o of page.Contents ?? []) keys.push(o.Key);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    console.log(JSON.stringify({ keys }));
  } else {
    const Key = opt('key');
    const out = await client.send(new GetObjectCommand({ Bucket, Key }));
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of out.Body) {
      hash.update(chunk);
      size += chunk.length;
    }
    console.log(JSON.stringify({ key: Key, size, sha256: hash.digest('hex'), etag: (out.ETag ?? '').replaceAll('"', '') }));
  }
} catch (e) {
  console.log(JSON.stringify({ error: e.name ?? String(e) }));
  process.exit(e.name === 'NoSuchKey' ? 3 : 1);
}
