#!/usr/bin/env node
// Plays one Rendition package in a real player: headless Debian Chromium driven by puppeteer-core,
// with shaka-player, dash.js or hls.js from this folder's node_modules. Prints ONE line of JSON on
// stdout and exits 0 when playback passed the target time without errors, 1 otherwise, 2 on usage
// errors. Diagnostics go to stderr.
//
//   node play.mjs --player shaka|dashjs|hlsjs --url MANIFEST [--root DIR] [--clearkey KID:KEY ...]
//                 [--expect-error] [--timeout 60] [--target 4] [--verbose]
//
// MANIFEST is a master.m3u8 / manifest.mpd given as
//   - a local path (or file:// URL): its folder (or --root DIR) is served as the package root;
//   - a path relative to --root DIR;
//   - an http(s):// URL: proxied through the local server, so page and media share one origin.
// A small static server on 127.0.0.1 (ephemeral port) serves the test page, the player library
// (dist files from node_modules), the package under /content/ and a ClearKey license endpoint
// (POST /clearkey/license, answered from the --clearkey keys; hls.js needs one, shaka and dash.js
// get the keys directly) plus the raw key at GET /clearkey/key/<KID hex> (for HLS key URIs).
//
// --clearkey KID:KEY   32 hex digits each (dashes allowed). Repeatable.
// --expect-error       success means: the player reported an error (e.g. EME/decryption) before
//                      playback passed the target time.
//
// Output: {ok, player, playerVersion, browser, url, currentTime, decodedFrames, droppedFrames,
//          resolution:{width,height}, variant:{...}, variants:[...], errors:[...], warnings:[...],
//          waitingForKey, mediaKeys, keySystem, http:{requests, bytes, notFound:[...]}, elapsedMs, reason}
// errors = fatal/critical player errors, media element errors, page exceptions; warnings =
// errors the player itself reports as recoverable.

import {createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(HERE, 'node_modules');
const CHROMIUM = process.env.RENDITION_CHROMIUM || '/usr/bin/chromium';

// Player → [dist folder, script file]
const PLAYERS = {
  shaka: [path.join(NODE_MODULES, 'shaka-player', 'dist'), 'shaka-player.compiled.js'],
  dashjs: [path.join(NODE_MODULES, 'dashjs', 'dist', 'modern', 'umd'), 'dash.all.min.js'],
  hlsjs: [path.join(NODE_MODULES, 'hls.js', 'dist'), 'hls.min.js'],
};

const MIME = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mpd': 'application/dash+xml',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.m4a': 'audio/mp4',
  '.ts': 'video/mp2t',
  '.aac': 'audio/aac',
  '.vtt': 'text/vtt',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.json': 'application/json',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.key': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

// ---- arguments ----------------------------------------------------------------------------

function usage(message) {
  if (message) process.stderr.write(`play.mjs: ${message}\n`);
  process.stderr.write('usage: node play.mjs --player shaka|dashjs|hlsjs --url MANIFEST [--root DIR] [--clearkey KID:KEY ...]\n' +
                       '                     [--expect-error] [--timeout SECONDS] [--target SECONDS] [--verbose]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = {player: null, url: null, root: null, clearKeys: [], expectError: false, timeout: 60, target: 4, verbose: false};
  const value = (i, name) => {
    if (i + 1 >= argv.length) usage(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    switch (a) {
      case '--player': o.player = value(i, a); ++i; break;
      case '--url': o.url = value(i, a); ++i; break;
      case '--root': o.root = value(i, a); ++i; break;
      case '--clearkey': {
        const m = /^([0-9a-fA-F-]+):([0-9a-fA-F-]+)$/.exec(value(i, a));
        const kid = m && m[1].replace(/-/g, '').toLowerCase();
        const key = m && m[2].replace(/-/g, '').toLowerCase();
        if (!m || kid.length !== 32 || key.length !== 32) usage('--clearkey wants KID:KEY, 32 hex digits each');
        o.clearKeys.push({kid, key});
        ++i;
        break;
      }
      case '--expect-error': o.expectError = true; break;
      case '--timeout': o.timeout = Number(value(i, a)); ++i; break;
      case '--target': o.target = Number(value(i, a)); ++i; break;
      case '--verbose': o.verbose = true; break;
      case '-h': case '--help': usage();
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!PLAYERS[o.player]) usage('--player must be shaka, dashjs or hlsjs');
  if (!o.url) usage('--url is required');
  if (!(o.timeout > 0) || !(o.target >= 0)) usage('--timeout and --target must be positive numbers');
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => { if (opts.verbose) process.stderr.write(a.join(' ') + '\n'); };

// ---- result -------------------------------------------------------------------------------

const started = Date.now();
const result = {
  ok: false, player: opts.player, playerVersion: null, browser: null, url: opts.url, expectError: opts.expectError,
  currentTime: 0, decodedFrames: 0, droppedFrames: 0, resolution: null, variant: null, variants: [],
  errors: [], warnings: [], waitingForKey: false, mediaKeys: false, keySystem: null,
  http: {requests: 0, bytes: 0, notFound: []}, elapsedMs: 0, reason: '',
};
const consoleTail = [];
let browser = null;
let server = null;
let userDataDir = null;
let finished = false;

async function finish(code) {
  if (finished) return;
  finished = true;
  result.elapsedMs = Date.now() - started;
  if (!result.ok && consoleTail.length) result.console = consoleTail.slice(-30);
  process.stdout.write(JSON.stringify(result) + '\n');
  await cleanup();
  process.exit(code);
}

async function cleanup() {
  if (browser) {
    const proc = browser.process();
    try {
      await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    } catch (e) { /* already gone */ }
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      try { process.kill(-proc.pid, 'SIGKILL'); } catch (e) { try { proc.kill('SIGKILL'); } catch (e2) { /* gone */ } }
    }
    browser = null;
  }
  if (server) server.close();
  if (userDataDir) {
    try { rmSync(userDataDir, {recursive: true, force: true, maxRetries: 3}); } catch (e) { /* best effort */ }
  }
}

function fail(reason) {
  result.ok = false;
  result.reason = reason;
  return finish(1);
}

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => fail(`killed by ${sig}`));
// Last line of defence: whatever hangs (browser launch, CDP), we answer and exit.
setTimeout(() => fail(`watchdog: no result after ${opts.timeout + 30} s`), (opts.timeout + 30) * 1000);

// ---- what to serve ------------------------------------------------------------------------

let contentRoot = null;   // local folder served under /content/
let remoteOrigin = null;  // or: origin proxied under /content/
let contentPath = null;   // path of the manifest under /content/

if (/^https?:\/\//i.test(opts.url)) {
  const u = new URL(opts.url);
  remoteOrigin = u.origin;
  contentPath = u.pathname + u.search;
} else {
  const file = path.resolve(opts.root && !path.isAbsolute(opts.url) && !opts.url.startsWith('file:')
    ? path.join(opts.root, opts.url)
    : (opts.url.startsWith('file:') ? fileURLToPath(opts.url) : opts.url));
  if (!existsSync(file)) { result.reason = `manifest not found: ${file}`; await finish(1); }
  contentRoot = path.resolve(opts.root || path.dirname(file));
  const rel = path.relative(contentRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) usage(`${file} is not inside --root ${contentRoot}`);
  contentPath = '/' + rel.split(path.sep).map(encodeURIComponent).join('/');
}

const [libDir, libFile] = PLAYERS[opts.player];
if (!existsSync(path.join(libDir, libFile)))
  await fail(`player library missing: ${path.join(libDir, libFile)} (run: npm ci --prefix ${HERE})`);
if (!existsSync(CHROMIUM)) await fail(`${CHROMIUM} is missing (apt-get install chromium; scripts/install-deps.sh)`);

let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch (e) {
  await fail(`puppeteer-core is not installed (run: npm ci --prefix ${HERE}): ${e.message}`);
}

// ---- HTTP server --------------------------------------------------------------------------

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>Rendition player test</title><link rel="icon" href="data:,"></head>
<body style="margin:0;background:#000">
<video id="video" muted playsinline width="640" height="360"></video>
<script src="/lib/${libFile}"></script>
<script src="/harness.js"></script>
</body></html>
`;

function mimeOf(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

// Serves FILE if it is inside ROOT; single byte ranges are honoured.
function serveFile(req, res, root, relUrlPath, counted) {
  let rel;
  try { rel = decodeURIComponent(relUrlPath); } catch (e) { rel = null; }
  const file = rel === null ? null : path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (!file || (file !== root && !file.startsWith(root + path.sep)) || !existsSync(file) || !statSync(file).isFile()) {
    if (counted && result.http.notFound.length < 20) result.http.notFound.push(relUrlPath);
    res.writeHead(404, {'Content-Type': 'text/plain'});
    res.end('not found\n');
    return;
  }
  const size = statSync(file).size;
  const headers = {'Content-Type': mimeOf(file), 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*'};
  let start = 0;
  let end = size - 1;
  let status = 200;
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
  if (range && (range[1] || range[2])) {
    if (range[1]) { start = Number(range[1]); if (range[2]) end = Math.min(Number(range[2]), size - 1); }
    else { start = Math.max(0, size - Number(range[2])); }
    if (start > end || start >= size) {
      res.writeHead(416, {'Content-Range': `bytes */${size}`});
      res.end();
      return;
    }
    status = 206;
    headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['Content-Length'] = String(end - start + 1);
  res.writeHead(status, headers);
  if (counted) result.http.bytes += end - start + 1;
  if (req.method === 'HEAD' || end < start) { res.end(); return; }
  createReadStream(file, {start, end}).pipe(res);
}

function proxy(req, res, upstreamPath) {
  const target = new URL(upstreamPath, remoteOrigin);
  const headers = {};
  if (req.headers.range) headers.range = req.headers.range;
  const mod = target.protocol === 'https:' ? https : http;
  const up = mod.request(target, {method: req.method, headers}, (ur) => {
    if (ur.statusCode === 404 && result.http.notFound.length < 20) result.http.notFound.push(upstreamPath);
    const out = {};
    for (const h of ['content-type', 'content-length', 'content-range', 'accept-ranges']) if (ur.headers[h]) out[h] = ur.headers[h];
    out['cache-control'] = 'no-store';
    res.writeHead(ur.statusCode, out);
    ur.on('data', (chunk) => { result.http.bytes += chunk.length; });
    ur.pipe(res);
  });
  up.on('error', (e) => { res.writeHead(502, {'Content-Type': 'text/plain'}); res.end(`proxy: ${e.message}\n`); });
  up.end();
}

function b64urlToHex(s) {
  return Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('hex');
}
function hexToB64url(h) {
  return Buffer.from(h, 'hex').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// W3C ClearKey license: request {"kids":[b64url...],"type":...} → {"keys":[{kty,kid,k}],"type":...}
function clearKeyLicense(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let request = {};
    try { request = JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch (e) { /* answer with nothing */ }
    const wanted = Array.isArray(request.kids) ? request.kids : [];
    const keys = [];
    for (const kid of wanted) {
      const k = opts.clearKeys.find((c) => c.kid === b64urlToHex(kid));
      if (k) keys.push({kty: 'oct', kid, k: hexToB64url(k.key)});
    }
    log(`clearkey license: asked ${wanted.map(b64urlToHex).join(',')} → answered ${keys.length}`);
    res.writeHead(200, {'Content-Type': 'application/json'});
    res.end(JSON.stringify({keys, type: request.type || 'temporary'}));
  });
}

server = http.createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  const p = u.pathname;
  if (p === '/' || p === '/index.html') {
    res.writeHead(200, {'Content-Type': MIME['.html'], 'Cache-Control': 'no-store'});
    res.end(PAGE);
  } else if (p === '/harness.js') {
    serveFile(req, res, HERE, '/harness.js', false);
  } else if (p.startsWith('/lib/')) {
    serveFile(req, res, libDir, p.slice('/lib'.length), false);
  } else if (p === '/clearkey/license' && req.method === 'POST') {
    clearKeyLicense(req, res);
  } else if (p.startsWith('/clearkey/key/')) {
    // The raw 16-byte key for a KID: for HLS key URIs (shaka's "identity" KEYFORMAT, AES-128).
    const kid = p.slice('/clearkey/key/'.length).replace(/-/g, '').toLowerCase();
    const k = opts.clearKeys.find((c) => c.kid === kid);
    log(`clearkey key: asked ${kid} → ${k ? 'found' : 'unknown'}`);
    res.writeHead(k ? 200 : 404, {'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store'});
    res.end(k ? Buffer.from(k.key, 'hex') : undefined);
  } else if (p.startsWith('/content/')) {
    result.http.requests++;
    const rest = p.slice('/content'.length);
    if (remoteOrigin) proxy(req, res, rest + u.search);
    else serveFile(req, res, contentRoot, rest, true);
  } else {
    res.writeHead(404, {'Content-Type': 'text/plain'});
    res.end('not found\n');
  }
});
await new Promise((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', resolve);
});
const base = `http://127.0.0.1:${server.address().port}`;
const manifestUrl = `${base}/content${contentPath}`;
result.url = manifestUrl;
log(`serving ${contentRoot || remoteOrigin} at ${base}/content/`);

// ---- browser ------------------------------------------------------------------------------

async function play() {
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'rendition-player-'));
  try {
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true, // puppeteer adds --headless=new (plus --hide-scrollbars --mute-audio)
      pipe: true,     // CDP over a pipe: no debugging port, and Chromium exits when we do
      userDataDir,    // a fresh profile, removed on exit
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
        '--disable-dev-shm-usage', '--mute-audio',
      ],
      protocolTimeout: opts.timeout * 1000,
      timeout: 30000,
    });
  } catch (e) {
    await fail(`cannot start ${CHROMIUM}: ${e.message}`);
  }
  result.browser = await browser.version();

  const page = await browser.newPage();
  page.on('console', (msg) => {
    const line = `[${msg.type()}] ${msg.text()}`;
    consoleTail.push(line.length > 500 ? line.slice(0, 500) + '…' : line);
    if (consoleTail.length > 200) consoleTail.shift();
    log(line);
  });
  page.on('pageerror', (err) => {
    const message = String(err && (err.message || err));
    result.errors.push({source: 'page', name: 'UNCAUGHT_EXCEPTION', message, fatal: true});
    log(`[pageerror] ${message}`);
  });
  page.on('requestfailed', (req) => log(`[requestfailed] ${req.url()} ${req.failure() && req.failure().errorText}`));

  await page.goto(`${base}/`, {waitUntil: 'load', timeout: 30000});
  await page.evaluate((cfg) => { window.rendition.start(cfg); }, {
    player: opts.player, url: manifestUrl, clearKeys: opts.clearKeys, licenseUrl: `${base}/clearkey/license`,
  });

  // ---- wait for playback --------------------------------------------------------------------

  function absorb(snap) {
    result.currentTime = snap.currentTime;
    result.decodedFrames = snap.decodedFrames;
    result.droppedFrames = snap.droppedFrames;
    result.resolution = snap.resolution;
    result.variant = snap.variant || null;
    result.variants = snap.variants || [];
    if (snap.audio) result.audio = snap.audio;
    if (snap.stats) result.stats = snap.stats;
    result.playerVersion = snap.version;
    result.waitingForKey = snap.waitingForKey;
    result.keySystem = snap.keySystem;
    result.mediaKeys = snap.mediaKeys;
    result.buffered = snap.buffered;
    result.readyState = snap.readyState;
    const pageErrors = result.errors.filter((e) => e.source === 'page');
    result.errors = [...snap.errors, ...pageErrors];
    result.warnings = snap.warnings;
  }

  const deadline = started + opts.timeout * 1000;
  let snap = null;
  for (;;) {
    try {
      snap = await page.evaluate(() => window.rendition.snapshot());
    } catch (e) {
      await fail(`page evaluation failed: ${e.message}`);
    }
    absorb(snap);
    if (result.errors.length) {
      if (opts.expectError) {
        result.ok = true;
        result.reason = `expected error: ${result.errors[0].name || result.errors[0].code}`;
        await finish(0);
      }
      await fail(`player error: ${[result.errors[0].source, result.errors[0].name, result.errors[0].code, result.errors[0].message].filter((x) => x !== undefined && x !== '').join(' ')}`);
    }
    if (snap.currentTime > opts.target) break;
    if (snap.ended) await fail(`playback ended at ${snap.currentTime.toFixed(3)} s, before ${opts.target} s`);
    if (Date.now() > deadline) {
      await fail(`timeout after ${opts.timeout} s at currentTime ${snap.currentTime.toFixed(3)} s` +
                 `${snap.waitingForKey ? ' (waiting for a key)' : ''} (readyState ${snap.readyState})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  if (opts.expectError) await fail(`no error: playback passed ${opts.target} s`);
  const hasVideo = snap.resolution && snap.resolution.width > 0;
  if (hasVideo && !(snap.decodedFrames > 0)) await fail('currentTime advanced but no video frame was decoded');
  result.ok = true;
  result.reason = `played past ${opts.target} s`;
  await finish(0);
}

try {
  await play();
} catch (e) {
  await fail(`harness: ${(e && e.stack) || e}`);
}
