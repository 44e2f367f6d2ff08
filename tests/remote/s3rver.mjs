// Starts s3rver (an S3 emulator; it accepts SigV4 requests without checking signatures)
// on loopback for the tests and scripts/test-services.sh.
//
//   node s3rver.mjs --dir DIR [--port 0] [--bucket NAME]... [--port-file FILE]
//
// Prints one JSON line {"port": N} on stdout once it accepts connections (port 0 picks a
// free port), and writes N to --port-file when given. Exits when stdin closes (the test
// process that started it died) or on SIGTERM/SIGINT. Access key id: S3RVER.
import S3rver from 's3rver';
import { writeFileSync, mkdirSync } from 'node:fs';

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
