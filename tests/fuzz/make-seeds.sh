#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets into OUT/<target>/ (nothing binary is committed):
#   - the committed text seeds (tests/fuzz/seeds/<target>/: SQS/S3 responses, AWS files, key files);
#   - preset: the built-in presets (resources/presets) as written and, with SEEDGEN, as canonical JSON;
#   - jobspec: with SEEDGEN (the fuzz_seedgen tool of the normal build) a valid job per built-in
#     preset, local and s3://, with real idempotency keys;
#   - mp4box, cenc: fragmented MP4 (init + fragments in one file, as a CMAF track reads when its
#     files are concatenated: H.264, HEVC, AAC, Opus; with and without styp/sidx) and, for mp4box,
#     a progressive MP4, all from ffmpeg lavfi, a few KB each;
#   - probe: tiny files in several containers/codecs from lavfi.
# Usage: make-seeds.sh OUT [SEEDGEN]. Deterministic (bitexact, one encoder thread); idempotent.
set -euo pipefail
out=${1:?usage: make-seeds.sh OUT [SEEDGEN]}
seedgen=${2:-}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
targets=(preset jobspec mp4box cenc sqsxml s3xml awsconfig keys probe)

for t in "${targets[@]}"; do
  mkdir -p "$out/$t"
  if [[ -d "$here/seeds/$t" ]]; then cp "$here/seeds/$t/"* "$out/$t/"; fi
done
cp "$root/resources/presets/"*.json "$out/preset/"
if [[ -n "$seedgen" ]]; then "$seedgen" "$out" >/dev/null; fi

ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
bitexact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -threads 1)
video="testsrc2=size=64x48:rate=10:duration=0.6,format=yuv420p"
audio="sine=frequency=440:sample_rate=48000:duration=0.3"
frag=(-movflags +frag_keyframe+empty_moov+default_base_moof -f mp4)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Fragmented MP4, a keyframe (hence a fragment) every 2 frames.
ff -f lavfi -i "$video" -c:v libx264 -preset ultrafast -g 2 -bf 0 -x264-params threads=1 "${bitexact[@]}" \
   "${frag[@]}" "$tmp/h264.frag.mp4"
ff -f lavfi -i "$video" -c:v libx264 -preset ultrafast -g 4 -bf 2 -x264-params threads=1 "${bitexact[@]}" \
   -movflags +frag_keyframe+empty_moov+default_base_moof+cmaf+global_sidx -f mp4 "$tmp/h264-bframes.cmaf.mp4"
ff -f lavfi -i "$video" -c:v libx265 -preset ultrafast -g 3 -tag:v hvc1 \
   -x265-params log-level=none:pools=none:frame-threads=1 "${bitexact[@]}" "${frag[@]}" "$tmp/hevc.frag.mp4"
ff -f lavfi -i "$audio" -c:a aac -b:a 32k -ac 1 "${bitexact[@]}" -frag_duration 100000 "${frag[@]}" "$tmp/aac.frag.mp4"
ff -f lavfi -i "$audio" -c:a libopus -b:a 24k -ac 1 "${bitexact[@]}" -frag_duration 100000 "${frag[@]}" \
   "$tmp/opus.frag.mp4"
for f in "$tmp"/*.frag.mp4 "$tmp"/*.cmaf.mp4; do
  cp "$f" "$out/cenc/"
  cp "$f" "$out/mp4box/"
done

# Probe: tiny files of the kinds operators drop in.
p="$out/probe"
ff -f lavfi -i "$video" -f lavfi -i "$audio" -c:v libx264 -preset ultrafast -x264-params threads=1 \
   -c:a aac -b:a 32k -ac 1 -shortest "${bitexact[@]}" "$p/h264-aac.mp4"
cp "$p/h264-aac.mp4" "$out/mp4box/progressive.mp4"
ff -f lavfi -i "$video" -f lavfi -i "$audio" -c:v libx264 -preset ultrafast -x264-params threads=1 \
   -c:a libopus -b:a 24k -ac 1 -shortest "${bitexact[@]}" "$p/h264-opus.mkv"
ff -f lavfi -i "$video" -f lavfi -i "$audio" -c:v libx264 -preset ultrafast -x264-params threads=1 \
   -c:a aac -b:a 32k -ac 1 -shortest "${bitexact[@]}" -f mpegts "$p/h264-aac.ts"
ff -f lavfi -i "$video" -c:v mpeg4 -q:v 10 "${bitexact[@]}" -f mov "$p/mpeg4.mov"
ff -f lavfi -i "$video" -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 50k "${bitexact[@]}" "$p/vp9.webm"
ff -f lavfi -i "$audio" -c:a pcm_s16le -ac 1 -ar 8000 "${bitexact[@]}" "$p/pcm.wav"
ff -f lavfi -i "$audio" -c:a flac -ac 1 -ar 8000 "${bitexact[@]}" "$p/mono.flac"
cp "$tmp/hevc.frag.mp4" "$p/hevc.frag.mp4"

total=0
for t in "${targets[@]}"; do total=$((total + $(find "$out/$t" -type f | wc -l))); done
echo "make-seeds: $total seeds in $out (${targets[*]})"
