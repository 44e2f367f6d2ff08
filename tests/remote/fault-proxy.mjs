// A loopback HTTP proxy that injects faults by a deterministic schedule, to prove that
// the S3 client's retries recover and never publish corrupt data.
//
//   node fault-proxy.mjs --target 127.0.0.1:PORT --schedule pass,drop,500,... [--cycle]
//                        [--stall-ms 8000] [--delay-ms 1500]
//
// The n-th request (1-based, in arrival order) gets the n-th action of the schedule;
// after the end every request passes, unless --cycle repeats the schedule. Actions:
//   pass   forward unchanged
//   drop   close the connection as soon as the request headers arrive (no response)
//   reset  reset the connection (TCP RST) as soon as the request headers arrive
//   500    read the request, answer 500 with an S3 InternalError document
//   503    read the request, answer 503 SlowDown with Retry-After: 1
//   cut    forward, then close the connection after half of the response body
//   stall  forward, send half of the response body, then send nothing more (the client's
//          low-speed timeout must fire); the connection is closed when the client gives up
//   delay  wait --delay-ms before forwarding (a slow but successful response)
// cut and stall lose a response the server has already acted on; they apply to GET only:
// a non-GET request in their slot passes and the fault moves to the next GET that would
// pass (s3rver answers a repeated CompleteMultipartUpload with InternalError where S3
// answers NoSuchUpload, so a lost Complete response cannot be exercised against it).
// Prints {"port": N} once listening, then one JSON line per request:
//   {"n": 1, "method": "PUT", "url": "/bucket/key", "action": "drop"}
import http from 'node:http';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const [targetHost, targetPort] = opt('target', '').split(':');
const schedule = opt('schedule', '').split(',').map((s) => s.trim()).filter(Boolean);
const cycle = args.includes('--cycle');
const stallMs = Number(opt('stall-ms', '60000'));
const delayMs = Number(opt('delay-ms', '1500'));
const known = new Set(['pass', 'drop', 'reset', '500', '503', 'cut', 'stall', 'delay']);
for (const a of schedule) {
  if (!known.has(a)) {
    console.error(`fault-proxy: unknown action "${a}"`);
    process.exit(2);
  }
}
if (!targetPort) {
  console.error('fault-proxy: --target HOST:PORT is required');
  process.exit(2);
}

let count = 0;
const deferred = []; // cut/stall faults waiting for a GET, in order
const actionFor = (n) => {
  if (schedule.length === 0) return 'pass';
  if (cycle) return schedule[(n - 1) % schedule.length];
  return n <= schedule.length ? schedule[n - 1] : 'pass';
};

function s3Error(res, status, code, message, extraHeaders = {}) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), ...extraHeaders });
  res.end(body);
}

function forward(req, res, action) {
  const upstream = http.request(
    { host: targetHost, port: Number(targetPort), method: req.method, path: req.url, headers: req.headers, agent: false },
    (up) => {
      res.writeHead(up.statusCode, up.headers);
      const total = Number(up.headers['content-length'] ?? 0);
      const limit = action === 'cut' || action === 'stall' ? Math.floor(total / 2) : Infinity;
      let sent = 0;
      up.on('data', (chunk) => {
        if (sent >= limit) return;
        const room = limit - sent;
        const piece = chunk.length > room ? chunk.subarray(0, room) : chunk;
        sent += piece.length;
        res.write(piece);
        if (sent >= limit) {
          up.destroy();
          if (action === 'cut') setTimeout(() => res.socket?.destroy(), 50);
          else setTimeout(() => res.socket?.destroy(), stallMs); // stall: hold the socket open
        }
      });
      up.on('end', () => {
        if (sent < limit) res.end();
      });
      if (limit === 0) {
        up.destroy();
        if (action === 'cut') res.socket?.destroy();
        else setTimeout(() => res.socket?.destroy(), stallMs);
      }
    },
  );
  upstream.on('error', () => res.socket?.destroy());
  req.pipe(upstream);
}

const server = http.createServer((req, res) => {
  const n = ++count;
  let action = actionFor(n);
  if ((action === 'cut' || action === 'stall') && req.method !== 'GET') {
    deferred.push(action);
    action = 'pass';
  } else if (action === 'pass' && deferred.length > 0 && req.method === 'GET') {
    action = deferred.shift();
  }
  console.log(JSON.stringify({ n, method: req.method, url: req.url, action }));
  switch (action) {
    case 'drop':
      req.socket.destroy();
      return;
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case '500':
      req.resume();
      req.on('end', () => s3Error(res, 500, 'InternalError', 'Injected by fault-proxy.'));
      return;
    case '503':
      req.resume();
      req.on('end', () => s3Error(res, 503, 'SlowDown', 'Injected by fault-proxy.', { 'retry-after': '1' }));
      return;
    case 'delay':
      setTimeout(() => forward(req, res, 'pass'), delayMs);
      return;
    default:
      forward(req, res, action);
  }
});
server.keepAliveTimeout = 30000;
server.listen(Number(opt('port', '0')), '127.0.0.1', () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
// Exits on SIGTERM or when stdin closes (the test process that started it died).
process.on('SIGTERM', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
