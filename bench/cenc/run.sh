#!/usr/bin/env bash
# bench/cenc: CENC encryption throughput vs `cp` of the same bytes.
# Makes a 1080p25 source (BENCH_SECONDS, default 60 s), packages it with rendition-cli using the
# web-h264-ladder preset cut down to its 1080p rung (+ its AAC track), then alternates, BENCH_RUNS
# times (default 5):
#   cp          init.mp4 + *.m4s of every track into a fresh folder
#   cenc_bench  the same files encrypted (AES-128-CTR 'cenc', subsamples for video) into a fresh folder
# Both read from the page cache and write into it (no fsync): this compares CPU cost per byte. Both
# are timed from outside (process start included). cp uses copy_file_range, so it never copies
# through user space; the encryptor must read, copy, encrypt and write every byte.
# Prints each run, the medians in MB/s (of clear input bytes), the ratio encrypt/cp, and once the
# encryptor alone on bytes in memory (no file I/O).
#   usage: run.sh path/to/rendition-cli [path/to/cenc_bench]   (default: next to rendition-cli)
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli [path/to/cenc_bench]}")
bench=$(readlink -f "${2:-$(dirname "$cli")/cenc_bench}")
[[ -x "$bench" ]] || { echo "cenc_bench not found at $bench (build target cenc_bench)"; exit 1; }
secs=${BENCH_SECONDS:-60}
runs=${BENCH_RUNS:-5}
work=${BENCH_DIR:-$(mktemp -d /tmp/rendition-cenc-bench.XXXXXX)}
mkdir -p "$work"
src="$work/source_1080p25_${secs}s.mp4"
preset="$work/web-1080p.json"
pkg="$work/clear"

if [[ ! -s "$src" ]]; then
  echo "generating $src"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$secs,noise=alls=12:allf=t+u,format=yuv420p" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$secs" \
    -c:v libx264 -preset ultrafast -crf 18 -bf 3 -g 50 -c:a aac -b:a 192k -shortest "$src"
fi
if [[ ! -d "$pkg" ]]; then
  "$cli" presets export web-h264-ladder | python3 -c '
import json, sys
p = json.load(sys.stdin)
p["ladder"] = [r for r in p["ladder"] if r["height"] == 1080]
assert p["ladder"], "web-h264-ladder has no 1080p rung"
p["name"] = "web-1080p-only"
json.dump(p, open(sys.argv[1], "w"), indent=1)' "$preset"
  echo "packaging $src with the 1080p rung of web-h264-ladder"
  "$cli" run --preset "$preset" --out "$pkg" "$src" >/dev/null
fi
mapfile -t tracks < <(find "$pkg" -name init.mp4 -not -path '*/current/*' -printf '%h\n' | sort)
bytes=0
for t in "${tracks[@]}"; do
  bytes=$((bytes + $(cat "$t/init.mp4" "$t"/*.m4s | wc -c)))
done
echo "package: ${#tracks[@]} tracks, $bytes bytes of init + segments ($(python3 -c "print(round($bytes/1e6,1))") MB)"

now() { date +%s.%N; }
rm -f "$work/results.txt"
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/cp-out" "$work/enc-out"
  t0=$(now)
  for t in "${tracks[@]}"; do
    d="$work/cp-out/${t#"$pkg"/}"
    mkdir -p "$d"
    cp "$t/init.mp4" "$t"/*.m4s "$d/"
  done
  t1=$(now)
  line=$("$bench" "$pkg" "$work/enc-out")
  t2=$(now)
  cp_s=$(python3 -c "print($t1-$t0)")
  enc_s=$(python3 -c "print($t2-$t1)")
  printf "run %d  cp %.3f s   encrypt %.3f s   [%s]\n" "$i" "$cp_s" "$enc_s" "$line"
  echo "$cp_s $enc_s" >>"$work/results.txt"
done

python3 - "$work/results.txt" "$bytes" <<'PY'
import sys, statistics
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
n = int(sys.argv[2])
cp = statistics.median(r[0] for r in rows)
enc = statistics.median(r[1] for r in rows)
print("\nmedian   cp      %7.3f s  %8.1f MB/s" % (cp, n / 1e6 / cp))
print("median   encrypt %7.3f s  %8.1f MB/s  (process start, key generation and file I/O included)" % (enc, n / 1e6 / enc))
print("ratio encrypt/cp throughput: %.2f" % ((n / enc) / (n / cp)))
PY
echo "the encryptor alone, bytes already in memory:"
"$bench" --memory "$pkg"
echo "work dir: $work"
