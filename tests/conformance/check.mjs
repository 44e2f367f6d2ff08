// Independent conformance checks of one Rendition package (a published version folder).
// Parsers no one here wrote: GPAC's mp4box.js (box structure, sample timing), hls-parser in
// strict mode (playlists) and mpd-parser + @xmldom/xmldom (MPD). Prints one JSON object:
//   { rules: [{rule, ok, detail}], tracks: {dir: {...timing...}}, figures: {...} }
// Exit 0 when it could read everything (rule failures are in `rules`), 1 when it could not.
//
// Usage: node check.mjs PACKAGE_DIR
import { createFile, BoxParser } from 'mp4box';
import HLS from 'hls-parser';
import * as mpdParser from 'mpd-parser';
import { DOMParser } from '@xmldom/xmldom';
import fs from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
if (!root) {
  console.error('usage: node check.mjs PACKAGE_DIR');
  process.exit(2);
}
const rules = [];
const rule = (name, ok, detail = '') => rules.push({ rule: name, ok: !!ok, detail: ok ? '' : String(detail) });
const read = (rel) => fs.readFileSync(path.join(root, rel));

// ---- fMP4 tracks (mp4box.js) ----------------------------------------------------------------
function parseTrack(dir) {
  const files = fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.m4s')).sort();
  const mp4 = createFile(false);
  let offset = 0;
  const segBytes = [];
  for (const f of ['init.mp4', ...files]) {
    const b = read(path.join(dir, f));
    const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    ab.fileStart = offset;
    offset += b.byteLength;
    if (f !== 'init.mp4') segBytes.push(b.byteLength);
    mp4.appendBuffer(ab);
  }
  mp4.flush();
  const info = mp4.getInfo();
  const trak = mp4.moov.traks[0];
  const ts = trak.mdia.mdhd.timescale;
  const elst = trak.edts?.elst?.entries ?? [];
  // Presentation start per the edit list: an initial empty edit followed by a media edit
  // presents composition time media_time at media_time (what we write); a single media
  // edit would present media_time at 0.
  let editShift = 0;
  let firstPresented = -Infinity;
  if (elst.length) {
    const media = elst.find((e) => e.media_time >= 0);
    const empty = elst[0].media_time < 0 ? elst[0].segment_duration * ts / mp4.moov.mvhd.timescale : 0;
    if (media) {
      editShift = media.media_time - empty;
      firstPresented = media.media_time;
    }
  }
  const samples = trak.samples.map((s) => ({ dts: s.dts, cts: s.cts, dur: s.duration, sync: s.is_sync, size: s.size }));
  const fragments = [];
  let k = 0;
  for (const moof of mp4.moofs) {
    const traf = moof.trafs[0];
    let n = 0;
    let version = 0;
    for (const trun of traf.truns) { n += trun.sample_count; version = Math.max(version, trun.version); }
    fragments.push({ tfdt: Number(traf.tfdt?.baseMediaDecodeTime ?? NaN), first: k, count: n, trunVersion: version,
                     trafs: moof.trafs.length });
    k += n;
  }
  // Protected sample entries (encv/enca) carry the original format in sinf/frma: the codec
  // string is that of the clear entry (what HLS CODECS and DASH @codecs must state).
  let codec = info.tracks[0].codec;
  const entry = trak.mdia.minf.stbl.stsd.entries[0];
  const original = (entry.sinfs?.[0] ?? entry.sinf)?.frma?.data_format;
  if ((entry.type === 'encv' || entry.type === 'enca') && original) {
    // Run the clear entry class's own codec-string code on this entry's fields (avcC, esds...).
    const Clear = BoxParser.sampleEntry[original];
    if (Clear) {
      const clear = new Clear();
      for (const k of ['avcC', 'hvcC', 'av1C', 'esds', 'dOps', 'boxes', 'channel_count', 'samplerate']) if (entry[k] !== undefined) clear[k] = entry[k];
      codec = clear.getCodec();
    }
  }
  return { dir, info, trak, ts, elst, editShift, firstPresented, samples, fragments, segFiles: files, segBytes,
           moofCount: mp4.moofs.length, brands: [mp4.ftyp.major_brand, ...mp4.ftyp.compatible_brands],
           stsdEntries: trak.mdia.minf.stbl.stsd.entries.length, traks: mp4.moov.traks.length,
           codec, encrypted: entry.type === 'encv' || entry.type === 'enca', kind: trak.mdia.hdlr.handler };
}

// Earliest presentation time (ticks) and end of every fragment, honouring the edit list.
function segmentTimes(t) {
  return t.fragments.map((f) => {
    let ept = Infinity;
    let end = -Infinity;
    for (let i = f.first; i < f.first + f.count; i++) {
      const s = t.samples[i];
      ept = Math.min(ept, Math.max(s.cts, t.firstPresented));
      end = Math.max(end, s.cts + s.dur);
    }
    return { ept, end };
  });
}

const mpdPath = path.join(root, 'manifest.mpd');
const masterPath = path.join(root, 'master.m3u8');
const trackDirs = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, 'init.mp4'))).sort();
const tracks = {};
for (const d of trackDirs) tracks[d] = parseTrack(d);
const video = Object.values(tracks).filter((t) => t.kind === 'vide');
const audio = Object.values(tracks).filter((t) => t.kind === 'soun');

// ---- CMAF -----------------------------------------------------------------------------------
for (const t of Object.values(tracks)) {
  rule(`cmaf.brands ${t.dir}`, t.brands.includes('cmfc') && t.brands.includes('iso6'), `brands ${t.brands}`);
  rule(`cmaf.one_track ${t.dir}`, t.traks === 1, `${t.traks} traks`);
  rule(`cmaf.one_sample_description ${t.dir}`, t.stsdEntries === 1, `${t.stsdEntries} sample entries`);
  rule(`cmaf.one_fragment_per_segment ${t.dir}`, t.moofCount === t.segFiles.length && t.fragments.every((f) => f.trafs === 1),
       `${t.moofCount} moof for ${t.segFiles.length} segments`);
  let cont = true;
  let why = '';
  for (let i = 0; i < t.fragments.length; i++) {
    const f = t.fragments[i];
    if (Number.isNaN(f.tfdt)) { cont = false; why = `fragment ${i + 1} has no tfdt`; break; }
    if (i + 1 < t.fragments.length) {
      let sum = 0;
      for (let j = f.first; j < f.first + f.count; j++) sum += t.samples[j].dur;
      if (f.tfdt + sum !== t.fragments[i + 1].tfdt) { cont = false; why = `tfdt ${t.fragments[i + 1].tfdt} != ${f.tfdt}+${sum} at segment ${i + 2}`; break; }
    }
  }
  rule(`cmaf.tfdt_continuity ${t.dir}`, cont, why);
  rule(`cmaf.tfdt_is_first_dts ${t.dir}`, t.fragments.every((f) => t.samples[f.first].dts === f.tfdt), 'tfdt differs from the first sample dts');
  rule(`cmaf.segments_start_with_sync ${t.dir}`, t.fragments.every((f) => t.samples[f.first].sync), 'a segment does not start with a sync sample');
  if (t.kind === 'soun') {
    // AAC-LC priming is 1024 samples, Opus pre-skip 312 at 48 kHz: the edit list must start
    // presentation exactly that far after the first sample's composition time.
    const priming = t.codec.startsWith('mp4a') ? 1024 : t.codec.toLowerCase().startsWith('opus') ? 312 : 0;
    const got = Number.isFinite(t.firstPresented) ? t.firstPresented - t.samples[0].cts : 0;
    rule(`cmaf.priming_edit_list ${t.dir}`, got === priming && t.editShift === 0,
         `edit list presents ${got} samples after the first sample (priming ${priming}), shift ${t.editShift}`);
  }
}

// ---- one timeline across rungs ------------------------------------------------------------------
let worstCrossRungS = 0;
if (video.length > 1) {
  const ref = video[0];
  const refPts = ref.samples.map((s) => (s.cts - ref.editShift) / ref.ts).sort((a, b) => a - b);
  for (const t of video.slice(1)) {
    const pts = t.samples.map((s) => (s.cts - t.editShift) / t.ts).sort((a, b) => a - b);
    let worst = pts.length === refPts.length ? 0 : Infinity;
    for (let i = 0; i < Math.min(pts.length, refPts.length); i++) worst = Math.max(worst, Math.abs(pts[i] - refPts[i]));
    worstCrossRungS = Math.max(worstCrossRungS, worst);
    rule(`timeline.same_frame_times ${t.dir}`, worst < 1e-9, `${pts.length} vs ${refPts.length} frames, worst difference ${worst} s vs ${ref.dir}`);
    const a = segmentTimes(ref).map((s) => s.ept / ref.ts);
    const b = segmentTimes(t).map((s) => s.ept / t.ts);
    rule(`timeline.same_segment_boundaries ${t.dir}`, a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-9),
         `${JSON.stringify(b.slice(0, 6))} vs ${ref.dir} ${JSON.stringify(a.slice(0, 6))}`);
  }
}

// ---- DASH (mpd-parser, xmldom) ------------------------------------------------------------------
const dash = {};
if (fs.existsSync(mpdPath)) {
  const text = fs.readFileSync(mpdPath, 'utf8');
  const parsed = mpdParser.parse(text, { manifestUri: 'http://localhost/manifest.mpd' });
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const sets = Array.from(doc.getElementsByTagName('AdaptationSet'));
  const ptoSeconds = [];
  for (const set of sets) {
    const type = set.getAttribute('contentType');
    if (type !== 'video' && type !== 'audio') continue;
    if (type === 'video') rule('dash.segment_alignment', set.getAttribute('segmentAlignment') === 'true', 'segmentAlignment is not true');
    rule(`dash.start_with_sap ${type}`, ['1', '2'].includes(set.getAttribute('startWithSAP')), `startWithSAP=${set.getAttribute('startWithSAP')}`);
    for (const rep of Array.from(set.getElementsByTagName('Representation'))) {
      const id = rep.getAttribute('id');
      const t = tracks[id];
      if (!t) { rule(`dash.representation_files ${id}`, false, 'no such track folder'); continue; }
      const tmpl = rep.getElementsByTagName('SegmentTemplate')[0];
      const scale = Number(tmpl.getAttribute('timescale'));
      const pto = Number(tmpl.getAttribute('presentationTimeOffset') ?? 0);
      ptoSeconds.push(pto / scale);
      const S = [];
      for (const s of Array.from(tmpl.getElementsByTagName('S'))) {
        let tt = s.hasAttribute('t') ? Number(s.getAttribute('t')) : (S.length ? S[S.length - 1].t + S[S.length - 1].d : 0);
        const d = Number(s.getAttribute('d'));
        const r = Number(s.getAttribute('r') ?? 0);
        for (let i = 0; i <= r; i++) { S.push({ t: tt, d }); tt += d; }
      }
      const seg = segmentTimes(t);
      rule(`dash.timescale ${id}`, scale === t.ts, `timescale ${scale}, media ${t.ts}`);
      let ok = S.length === seg.length;
      let why = `${S.length} S entries, ${seg.length} segments`;
      for (let i = 0; ok && i < S.length; i++) {
        const want = seg[i].ept;
        const wantD = (i + 1 < seg.length ? seg[i + 1].ept : seg[i].end) - seg[i].ept;
        if (S[i].t !== want || S[i].d !== wantD) { ok = false; why = `segment ${i + 1}: S t=${S[i].t} d=${S[i].d}, media EPT ${want} duration ${wantD}`; }
      }
      rule(`dash.S_t_equals_EPT ${id}`, ok, why);
      // SAP type 1 or 2: the first sample in decode order is also the first presented.
      rule(`dash.sap_type ${id}`, t.fragments.every((f, i) => Math.max(t.samples[f.first].cts, t.firstPresented) === seg[i].ept),
           'a segment starts with a sample that is not its earliest presented one');
      const bw = Number(rep.getAttribute('bandwidth'));
      let peak = 0;
      seg.forEach((s, i) => { peak = Math.max(peak, t.segBytes[i] * 8 / ((i + 1 < seg.length ? seg[i + 1].ept : s.end) - s.ept) * t.ts); });
      rule(`dash.bandwidth ${id}`, bw >= Math.floor(peak), `@bandwidth ${bw} < measured peak ${Math.round(peak)}`);
      t.ptoSeconds = pto / scale;
      dash[id] = { pto, scale };
    }
  }
  rule('dash.pto_consistent', ptoSeconds.length > 0 && ptoSeconds.every((p) => Math.abs(p - ptoSeconds[0]) < 1e-9), `PTOs ${ptoSeconds}`);
  // mpd-parser's own reading: segment presentation times continuous from 0 on each playlist.
  const lists = [...parsed.playlists, ...Object.values(parsed.mediaGroups?.AUDIO ?? {}).flatMap((g) => Object.values(g).flatMap((x) => x.playlists))];
  for (const p of lists) {
    const id = p.attributes.NAME;
    const t = tracks[id];
    if (!t || t.ptoSeconds === undefined) continue;
    const seg = segmentTimes(t);
    const ok = p.segments.length === seg.length && p.segments.every((s, i) => Math.abs(s.presentationTime - (seg[i].ept / t.ts - t.ptoSeconds)) < 1e-6);
    rule(`dash.mpd_parser_times ${id}`, ok, JSON.stringify(p.segments.slice(0, 3).map((s) => s.presentationTime)));
  }
}

// ---- HLS (hls-parser strict) --------------------------------------------------------------------
if (fs.existsSync(masterPath)) {
  HLS.setOptions({ strictMode: true });
  const master = HLS.parse(fs.readFileSync(masterPath, 'utf8'));
  rule('hls.master_is_master', master.isMasterPlaylist, 'not a master playlist');
  rule('hls.master_independent_segments', /#EXT-X-INDEPENDENT-SEGMENTS/.test(master.source), 'master has no EXT-X-INDEPENDENT-SEGMENTS');
  const media = {};
  const mediaOf = (uri) => {
    if (!media[uri]) {
      const p = HLS.parse(fs.readFileSync(path.join(root, uri), 'utf8'));
      const dir = path.dirname(uri);
      const t = tracks[dir];
      const sum = p.segments.reduce((a, s) => a + s.duration, 0);
      rule(`hls.independent_segments ${dir}`, p.independentSegments, 'no EXT-X-INDEPENDENT-SEGMENTS');
      rule(`hls.target_duration ${dir}`, p.segments.every((s) => Math.round(s.duration) <= p.targetDuration)
           && p.targetDuration === Math.max(1, ...p.segments.map((s) => Math.round(s.duration))), `target ${p.targetDuration}`);
      rule(`hls.endlist_vod ${dir}`, p.endlist && p.playlistType === 'VOD', 'not a VOD playlist with ENDLIST');
      if (t) {
        const seg = segmentTimes(t);
        const mediaS = (seg[seg.length - 1].end - seg[0].ept) / t.ts;
        rule(`hls.extinf_sum ${dir}`, Math.abs(sum - mediaS) < 1e-6 * p.segments.length + 1e-9, `EXTINF sum ${sum} s, media ${mediaS} s`);
        const each = p.segments.every((s, i) => Math.abs(s.duration - ((i + 1 < seg.length ? seg[i + 1].ept : seg[i].end) - seg[i].ept) / t.ts) < 1e-6);
        rule(`hls.extinf_each ${dir}`, each && p.segments.length === seg.length, 'an EXTINF differs from its segment');
        rule(`hls.map ${dir}`, p.segments.every((s) => s.map && s.map.uri === 'init.mp4'), 'EXT-X-MAP missing');
      }
      media[uri] = { p, dir, t };
    }
    return media[uri];
  };
  const peakBps = (t) => {
    const seg = segmentTimes(t);
    return Math.max(0, ...seg.map((s, i) => t.segBytes[i] * 8 / (((i + 1 < seg.length ? seg[i + 1].ept : s.end) - s.ept) / t.ts)));
  };
  for (const v of master.variants) {
    const m = mediaOf(v.uri);
    const codecs = [];
    let peak = 0;
    if (m.t) { codecs.push(m.t.codec); peak += peakBps(m.t); }
    for (const a of v.audio) {
      const am = mediaOf(a.uri);
      if (am.t && m.t && am.t !== m.t) { codecs.push(am.t.codec); peak += peakBps(am.t); }
    }
    rule(`hls.codecs_exact ${m.dir}`, v.codecs === codecs.join(','), `CODECS="${v.codecs}", media says "${codecs.join(',')}"`);
    rule(`hls.bandwidth_peak ${m.dir}`, v.bandwidth >= Math.floor(peak), `BANDWIDTH ${v.bandwidth} < measured peak ${Math.round(peak)}`);
    if (m.t && m.t.kind === 'vide') {
      rule(`hls.resolution ${m.dir}`, v.resolution && v.resolution.width === m.t.info.tracks[0].video.width
           && v.resolution.height === m.t.info.tracks[0].video.height, `RESOLUTION ${JSON.stringify(v.resolution)}`);
    }
  }
}

// ---- timing facts for the caller's A/V measurement ---------------------------------------------
const out = {};
for (const t of Object.values(tracks)) {
  const pto = t.ptoSeconds ?? 0;
  out[t.dir] = {
    kind: t.kind === 'vide' ? 'video' : t.kind === 'soun' ? 'audio' : t.kind,
    codec: t.codec,
    timescale: t.ts,
    pto_s: pto,
    // video: presentation times (s, after PTO) in presentation order
    pts_s: t.kind === 'vide' ? t.samples.map((s) => (s.cts - t.editShift) / t.ts - pto).sort((a, b) => a - b) : undefined,
    // audio: composition time (s, after PTO) of the first sample (priming included) and of the first presented one
    first_sample_s: (t.samples[0].cts - t.editShift) / t.ts - pto,
    first_presented_s: (Math.max(t.samples[0].cts, t.firstPresented) - t.editShift) / t.ts - pto,
    end_s: (Math.max(...t.samples.map((s) => s.cts + s.dur)) - t.editShift) / t.ts - pto,
    samples: t.samples.length,
  };
}
console.log(JSON.stringify({ rules, tracks: out, figures: { worst_cross_rung_s: worstCrossRungS } }));
