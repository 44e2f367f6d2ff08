// Browser side of play.mjs: runs inside the test page (served by play.mjs on the same origin as
// the package), drives one player library on the page's <video> element and keeps everything the
// Node side reports in window.rendition.state. The Node side polls snapshot() until playback passes
// the target time, an error is reported, or the time is up.
//
// Errors are split in two lists:
//   errors   — fatal/critical player errors, media element errors, start-up failures
//   warnings — errors the player reports as recoverable (retries, stalls it handles itself)
'use strict';

(function () {
  const video = document.getElementById('video');
  const state = {
    player: null,
    started: false,
    errors: [],
    warnings: [],
    events: [],           // a short trail of media element / player events, for diagnosis
    waitingForKey: false, // the media element fired "waitingforkey" (encrypted content, no usable key)
    keySystem: null,      // the key system the player selected, when it says
  };
  let instance = null; // the player object (shaka.Player, dashjs MediaPlayer, Hls)

  function note(kind, detail) {
    if (state.events.length < 200) state.events.push({t: Math.round(performance.now()), kind, ...(detail || {})});
  }
  function stringify(v) {
    try {
      return JSON.parse(JSON.stringify(v, (k, x) => (x instanceof ArrayBuffer || ArrayBuffer.isView(x)) ? `[${x.byteLength} bytes]` : x));
    } catch (e) {
      return String(v);
    }
  }
  function report(fatal, err) {
    const list = fatal ? state.errors : state.warnings;
    // shaka raises a load-time error both as an 'error' event and as load()'s rejection: keep one.
    if (list.some((e) => e.source === err.source && e.code === err.code && e.name === err.name && e.message === (err.message || ''))) return;
    const entry = {...err, message: err.message || '', fatal, at: video.currentTime};
    list.push(stringify(entry));
    note(fatal ? 'error' : 'warning', {code: err.code, name: err.name});
  }

  // ---- media element --------------------------------------------------------------------
  const mediaErrorNames = {1: 'MEDIA_ERR_ABORTED', 2: 'MEDIA_ERR_NETWORK', 3: 'MEDIA_ERR_DECODE', 4: 'MEDIA_ERR_SRC_NOT_SUPPORTED'};
  video.addEventListener('error', () => {
    const e = video.error;
    if (!e) return;
    report(true, {source: 'video', code: e.code, name: mediaErrorNames[e.code] || 'MEDIA_ERR', message: e.message || ''});
  });
  video.addEventListener('waitingforkey', () => {
    state.waitingForKey = true;
    note('waitingforkey');
  });
  video.addEventListener('encrypted', (ev) => note('encrypted', {initDataType: ev.initDataType}));
  for (const name of ['loadedmetadata', 'canplay', 'playing', 'waiting', 'stalled', 'ended', 'resize'])
    video.addEventListener(name, () => note(name, {currentTime: video.currentTime}));

  // ---- ClearKey helpers -----------------------------------------------------------------
  function hexToBytes(hex) {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; ++i) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  function base64url(bytes) {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  // ---- players --------------------------------------------------------------------------
  async function startShaka(cfg) {
    shaka.polyfill.installAll();
    if (!shaka.Player.isBrowserSupported()) throw {source: 'shaka', name: 'BROWSER_NOT_SUPPORTED', message: 'shaka.Player.isBrowserSupported() is false'};
    const codeNames = {};
    for (const [k, v] of Object.entries(shaka.util.Error.Code)) codeNames[v] = k;
    const categoryNames = {};
    for (const [k, v] of Object.entries(shaka.util.Error.Category)) categoryNames[v] = k;
    const shakaError = (e) => ({
      source: 'shaka', code: e.code, name: codeNames[e.code] || String(e.code), category: categoryNames[e.category] || e.category,
      severity: e.severity === shaka.util.Error.Severity.CRITICAL ? 'CRITICAL' : 'RECOVERABLE', message: e.message || '', data: e.data,
    });

    const player = new shaka.Player();
    instance = player;
    player.addEventListener('error', (ev) => {
      const e = shakaError(ev.detail);
      report(ev.detail.severity === shaka.util.Error.Severity.CRITICAL, e);
    });
    player.addEventListener('adaptation', () => note('adaptation'));
    await player.attach(video);
    if (cfg.clearKeys.length) {
      const clearKeys = {};
      for (const {kid, key} of cfg.clearKeys) clearKeys[kid] = key;
      player.configure({drm: {clearKeys}});
    }
    try {
      await player.load(cfg.url);
    } catch (e) {
      // load() rejects with a shaka.util.Error (often the one the 'error' event carried as well),
      // or with whatever a browser API threw (a DOMException from WebCrypto, say).
      if (e instanceof shaka.util.Error) throw shakaError(e);
      throw {source: 'shaka', name: (e && e.name) || 'LOAD_FAILED', message: String((e && e.message) || e)};
    }
    try { state.keySystem = player.keySystem() || null; } catch (e) { /* not encrypted */ }
  }

  function shakaInfo() {
    const info = {};
    try {
      const stats = instance.getStats();
      info.stats = {width: stats.width, height: stats.height, streamBandwidth: stats.streamBandwidth,
                    estimatedBandwidth: Math.round(stats.estimatedBandwidth || 0), decodedFrames: stats.decodedFrames,
                    droppedFrames: stats.droppedFrames, switchHistory: (stats.switchHistory || []).length};
    } catch (e) { /* not loaded */ }
    try {
      const tracks = instance.getVariantTracks();
      const label = (t) => ({id: t.id, width: t.width, height: t.height, bandwidth: t.bandwidth,
                             videoCodec: t.videoCodec, audioCodec: t.audioCodec, frameRate: t.frameRate,
                             videoId: t.originalVideoId, audioId: t.originalAudioId});
      info.variants = tracks.map(label);
      const active = tracks.find((t) => t.active);
      if (active) info.variant = label(active);
    } catch (e) { /* API missing */ }
    try { state.keySystem = instance.keySystem() || state.keySystem; } catch (e) { /* no DRM */ }
    return info;
  }

  async function startDashjs(cfg) {
    const player = dashjs.MediaPlayer().create();
    instance = player;
    const events = dashjs.MediaPlayer.events;
    player.updateSettings({debug: {logLevel: dashjs.Debug.LOG_LEVEL_WARNING}});
    player.on(events.ERROR, (ev) => {
      const e = ev.error || ev;
      // dash.js raises ERROR only for errors it gives up on (after its own retries).
      report(true, {source: 'dashjs', code: e.code, name: e.name || 'ERROR', message: e.message || '', data: e.data});
    });
    if (events.PLAYBACK_ERROR)
      player.on(events.PLAYBACK_ERROR, (ev) => report(true, {source: 'dashjs', name: 'PLAYBACK_ERROR', message: String(ev.error && (ev.error.message || ev.error.code) || '')}));
    // The protection events live in MediaPlayer.events in dash.js 5 ('public_…'); name them literally
    // so a missing constant cannot silently drop them.
    player.on(events.KEY_SYSTEM_SELECTED || 'public_keySystemSelected', (ev) => {
      const ks = ev.data && (ev.data.keySystem || ev.data);
      state.keySystem = (ks && (ks.systemString || (ks.keySystem && ks.keySystem.systemString))) || 'selected';
      if (ev.error) report(true, {source: 'dashjs', name: 'KEY_SYSTEM_SELECTED', code: ev.error.code, message: String(ev.error.message || '')});
    });
    player.on(events.KEY_ERROR || 'public_keyError', (ev) => {
      const e = ev.error || ev.data || {};
      report(true, {source: 'dashjs', name: 'KEY_ERROR', code: e.code, message: String(e.message || e)});
    });
    if (events.QUALITY_CHANGE_RENDERED) player.on(events.QUALITY_CHANGE_RENDERED, (ev) => note('quality', {mediaType: ev.mediaType}));

    player.initialize(video, null, true);
    if (cfg.clearKeys.length) {
      const clearkeys = {};
      for (const {kid, key} of cfg.clearKeys) clearkeys[base64url(hexToBytes(kid))] = base64url(hexToBytes(key));
      player.setProtectionData({'org.w3.clearkey': {clearkeys}});
    }
    player.attachSource(cfg.url);
  }

  function dashjsInfo() {
    const info = {};
    const rep = (r) => r && {id: r.id, width: r.width, height: r.height, bandwidth: r.bandwidth, codecs: r.codecs, frameRate: r.frameRate};
    try { info.variant = rep(instance.getCurrentRepresentationForType('video')); } catch (e) { /* not ready */ }
    try { info.audio = rep(instance.getCurrentRepresentationForType('audio')); } catch (e) { /* not ready */ }
    try { info.variants = instance.getRepresentationsByType('video').map(rep); } catch (e) { /* not ready */ }
    return info;
  }

  async function startHlsjs(cfg) {
    if (!Hls.isSupported()) throw {source: 'hlsjs', name: 'NOT_SUPPORTED', message: 'Hls.isSupported() is false (no MSE?)'};
    const config = {debug: false, enableWorker: true};
    if (cfg.clearKeys.length) {
      // hls.js has no local key map: it sends the CDM's license request to a license server.
      // play.mjs answers ClearKey license requests at cfg.licenseUrl from the --clearkey keys.
      config.emeEnabled = true;
      config.drmSystems = {'org.w3.clearkey': {licenseUrl: cfg.licenseUrl}};
    }
    const hls = new Hls(config);
    instance = hls;
    hls.on(Hls.Events.ERROR, (ev, data) => {
      report(!!data.fatal, {source: 'hlsjs', name: data.details, type: data.type, code: data.response && data.response.code,
                            message: String((data.error && data.error.message) || data.reason || data.details),
                            url: (data.frag && data.frag.url) || (data.context && data.context.url) || undefined});
    });
    hls.on(Hls.Events.LEVEL_SWITCHED, (ev, data) => note('levelSwitched', {level: data.level}));
    hls.on(Hls.Events.KEY_LOADED, (ev, data) => {
      const d = data && data.keyInfo && data.keyInfo.decryptdata;
      if (d && d.keyFormat) state.keySystem = d.keyFormat === 'identity' ? `identity (${d.method})` : d.keyFormat;
      note('keyLoaded', {keyFormat: d && d.keyFormat});
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => video.play().catch((e) => note('playRejected', {message: String(e)})));
    hls.attachMedia(video);
    hls.loadSource(cfg.url);
  }

  function hlsjsInfo() {
    const info = {};
    const lvl = (l, i) => l && {index: i, width: l.width, height: l.height, bandwidth: l.bitrate, videoCodec: l.videoCodec,
                                audioCodec: l.audioCodec, url: l.url, frameRate: l.frameRate};
    try {
      info.variants = instance.levels.map(lvl);
      if (instance.currentLevel >= 0) info.variant = lvl(instance.levels[instance.currentLevel], instance.currentLevel);
      info.audioTrack = instance.audioTrack;
    } catch (e) { /* not ready */ }
    return info;
  }

  const players = {
    shaka: {start: startShaka, info: shakaInfo, version: () => shaka.Player.version},
    dashjs: {start: startDashjs, info: dashjsInfo, version: () => dashjs.Version || (dashjs.MediaPlayer().create().getVersion())},
    hlsjs: {start: startHlsjs, info: hlsjsInfo, version: () => Hls.version},
  };

  window.rendition = {
    state,
    // cfg: {player, url, clearKeys: [{kid, key}] (lower-case hex), licenseUrl}
    async start(cfg) {
      const p = players[cfg.player];
      state.player = cfg.player;
      try { state.version = p.version(); } catch (e) { state.version = null; }
      try {
        await p.start(cfg);
        state.started = true;
        // Muted autoplay is allowed (and the browser runs with --autoplay-policy=no-user-gesture-required);
        // play() again in case the library did not.
        video.play().catch((e) => note('playRejected', {message: String(e)}));
      } catch (e) {
        report(true, e && e.source ? e : {source: cfg.player, name: 'START_FAILED', message: String(e && (e.message || e))});
      }
    },
    snapshot() {
      const q = video.getVideoPlaybackQuality ? video.getVideoPlaybackQuality() : null;
      let info = {};
      try { info = instance ? players[state.player].info() : {}; } catch (e) { info = {infoError: String(e)}; }
      const buffered = [];
      for (let i = 0; i < video.buffered.length; ++i) buffered.push([video.buffered.start(i), video.buffered.end(i)]);
      return {
        currentTime: video.currentTime,
        paused: video.paused,
        ended: video.ended,
        readyState: video.readyState,
        decodedFrames: q ? q.totalVideoFrames : null,
        droppedFrames: q ? q.droppedVideoFrames : null,
        resolution: {width: video.videoWidth, height: video.videoHeight},
        buffered,
        ...info,
        errors: state.errors,
        warnings: state.warnings,
        waitingForKey: state.waitingForKey,
        mediaKeys: !!video.mediaKeys, // EME is in use on the element
        keySystem: state.keySystem,
        version: state.version,
      };
    },
  };
})();
