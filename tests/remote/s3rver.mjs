// Starts s3rver (an S3 emulator; it accepts SigV4 requests without checking signatures)
// on loopback for the tests and scripts/test-services.sh.
//
//   node --openssl-legacy-provider s3rver.mjs --dir DIR [--port 0] [--bucket NAME]...
//        [--port-file FILE] [--detach]
//
// --openssl-legacy-provider: s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with
// DES, which Node's OpenSSL 3 only offers through the legacy provider; without it every
// truncated listing is an InternalError. The script refuses to start without it.
//
// Prints one JSON line {"port": N} on stdout once it accepts connections (port 0 picks a
// free port), and writes N to --port-file when given. Exits when stdin closes (the test
// process that started it died) or on SIGTERM/SIGINT. Access key id: S3RVER.
import S3rver from 's3rver';
import { writeFileSync, mkdirSync } from 'node:fs';

import { createCipheriv } from 'node:crypto';

try {
  createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  console.error('s3rver.mjs: run node with --openssl-legacy-provider (s3rver needs DES for continuation tokens)');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const buckets = args.flatMap((a, i) => (a === '--bucket' ? [args[i + 1]] : []));
const directory = opt('dir');
if (!directory) {
  console.error('s3rver.mjs: --dir DIR is required');
  process.exit(2);
}
mkdirSync(directory, { recursive: true });

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(opt('port', '0')),
  directory,
  silent: true,
  serviceEndpoint: 'localhost', // virtual-host style: BUCKET.s3.localhost
  configureBuckets: buckets.map((name) => ({ name })),
});
const { port } = await server.run();
const portFile = opt('port-file');
if (portFile) writeFileSync(portFile, `${port}\n`);
console.log(JSON.stringify({ port }));

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (!args.includes('--detach')) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
