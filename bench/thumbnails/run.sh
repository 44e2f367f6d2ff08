#!/usr/bin/env bash
# bench/thumbnails: `rendition-cli thumbnails` (seek to the keyframe nearest each interval,
# decode that picture only) vs the usual ffmpeg one-liner (decode every frame, fps + scale + tile).
#  1. 2-min 1080p25 source, interval N: ffmpeg vs ours, alternating runs; ratio ours/ffmpeg.
#  2. ours on a 20-min source with the SAME number of tiles (interval 10 × N): the time should
#     stay about the same — cost grows with tiles, not duration.
#  3. ours on the 20-min source with 10× the tiles (interval N): the time should grow ~10×.
#  Also: ours with 1 vs 2 decoder slice threads on the 2-min source.
# Sources: testsrc2 1080p25, GOP 2 s, libx264 ultrafast at a low bitrate; cached in BENCH_DIR.
#   BENCH_INTERVAL  N seconds (default 2)   BENCH_RUNS  runs per tool (default 3)
#   BENCH_DIR       work folder (default a new /tmp/rendition-thumbs.XXXXXX; reuse it to keep sources)
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli}")
interval=${BENCH_INTERVAL:-2}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/rendition-thumbs.XXXXXX)}
mkdir -p "$work"

generate() { # seconds output
  [[ -s "$2" ]] && return
  echo "generating $2 ($1 s of 1080p25; the 20-minute one takes a few minutes)"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$1" \
    -c:v libx264 -preset ultrafast -b:v 2M -maxrate 2M -bufsize 4M -g 50 -keyint_min 50 -sc_threshold 0 \
    -pix_fmt yuv420p "$2.part.mp4"
  mv "$2.part.mp4" "$2"
}
short="$work/source_1080p25_120s.mp4"
long="$work/source_1080p25_1200s.mp4"
generate 120 "$short"
generate 1200 "$long"

results="$work/results.txt"
: >"$results"
measure() { # label command...
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >"$work/$label.stdout" 2>"$work/$label.stderr" \
    || { echo "$label failed:"; cat "$work/$label.stderr"; exit 1; }
  read -r wall user sys rss <"$tf"; rm -f "$tf"
  local cpu; cpu=$(python3 -c "print(round($user+$sys,3))")
  local decoded; decoded=$(python3 -c "import json,sys
try: print(json.load(open(sys.argv[1]))['frames_decoded'])
except Exception: print('-')" "$work/$label.stdout")
  printf "%-16s wall %7.2f s   cpu %7.2f s   peak RSS %6.1f MiB   frames decoded %s\n" \
    "$label" "$wall" "$cpu" "$(python3 -c "print($rss/1024)")" "$decoded"
  echo "$label $wall $cpu $rss" >>"$results"
}
ours() { # label source interval [extra args]
  local label=$1 src=$2 n=$3; shift 3
  rm -rf "$work/out-$label"
  measure "$label" "$cli" thumbnails "$src" --out "$work/out-$label" --interval "$n" --tile 160x90 --grid 10x10 --json "$@"
}
theirs() { # label source interval
  rm -rf "$work/out-$1"; mkdir -p "$work/out-$1"
  measure "$1" ffmpeg -nostdin -hide_banner -loglevel error -y -i "$2" \
    -vf "fps=1/$3,scale=160:90,tile=10x10" -f image2 "$work/out-$1/s_%d.jpg"
}

long_interval=$(python3 -c "print($interval * 10)")
echo "interval N = $interval s, $runs runs each, alternating; work dir $work"
echo "== 2-min source: ffmpeg (decodes every frame) vs ours (nearest keyframes) =="
for ((i = 1; i <= runs; i++)); do
  theirs ffmpeg "$short" "$interval"
  ours ours "$short" "$interval"
  ours ours-2threads "$short" "$interval" --threads 2
done
echo "== 20-min source: same tile count (interval $long_interval s), then 10x the tiles (interval $interval s) =="
for ((i = 1; i <= runs; i++)); do
  ours ours-20min-same "$long" "$long_interval"
  ours ours-20min-10x "$long" "$interval"
done

python3 - "$results" "$interval" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for label in dict.fromkeys(r[0] for r in rows):
    vals = [list(map(float, r[1:])) for r in rows if r[0] == label]
    med[label] = [statistics.median(c) for c in zip(*vals)]
print("\nmedians            wall s    cpu s   peak RSS MiB")
for label, (w, c, m) in med.items():
    print("%-16s %8.3f %8.3f %12.1f" % (label, w, c, m / 1024))
f, o = med["ffmpeg"], med["ours"]
print("\nours / ffmpeg (2 min, interval %s s): wall %.3f  cpu %.3f  (goal <= 0.1)" % (sys.argv[2], o[0] / f[0], o[1] / f[1]))
print("slice threads 2 / 1 (2 min): wall %.3f  cpu %.3f" % (med["ours-2threads"][0] / o[0], med["ours-2threads"][1] / o[1]))
s, x = med["ours-20min-same"], med["ours-20min-10x"]
print("20 min vs 2 min, same tiles: wall %.2fx  cpu %.2fx  (flat = cost follows tiles, not duration)" % (s[0] / o[0], s[1] / o[1]))
print("20 min, 10x tiles vs same tiles: wall %.2fx  cpu %.2fx  (~10x expected)" % (x[0] / s[0], x[1] / s[1]))
PY
echo "work dir: $work"
