#!/usr/bin/env bash
# bench/loudness: `rendition-cli probe --loudness` vs `ffmpeg -af ebur128=peak=true` (integrated,
# range, true peak) on the same generated 10-minute stereo 48 kHz file, alternating runs.
# Prints wall and CPU of each run, the medians and the ratios (ours / ffmpeg; goal wall <= 0.8).
#   BENCH_SECONDS  source duration (default 600)   BENCH_RUNS  runs per tool (default 3)
#   BENCH_CODEC    aac (default) or flac           BENCH_DIR   work dir (default: a new temp dir)
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli}")
secs=${BENCH_SECONDS:-600}
runs=${BENCH_RUNS:-3}
codec=${BENCH_CODEC:-aac}
work=${BENCH_DIR:-$(mktemp -d /tmp/rendition-bench-loudness.XXXXXX)}
mkdir -p "$work"
case "$codec" in
  aac) src="$work/programme_${secs}s.m4a"; enc=(-c:a aac -b:a 192k) ;;
  flac) src="$work/programme_${secs}s.flac"; enc=(-c:a flac) ;;
  *) echo "BENCH_CODEC must be aac or flac" >&2; exit 2 ;;
esac

if [[ ! -s "$src" ]]; then
  echo "generating $src"
  # Music-like: two enveloped tone pairs over pink noise, different per channel.
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "anoisesrc=color=pink:sample_rate=48000:amplitude=0.15:duration=$secs" \
    -f lavfi -i "aevalsrc=0.2*sin(2*PI*220*t)*(0.6+0.4*sin(2*PI*0.5*t))+0.1*sin(2*PI*330*t)*(0.5+0.5*sin(2*PI*0.25*t))|0.2*sin(2*PI*277*t)*(0.6+0.4*sin(2*PI*0.4*t))+0.1*sin(2*PI*440*t):s=48000:d=$secs" \
    -filter_complex "[0:a]aformat=channel_layouts=stereo[n];[n][1:a]amix=inputs=2:normalize=0[a]" \
    -map "[a]" "${enc[@]}" "$src.part.${src##*.}"
  mv "$src.part.${src##*.}" "$src"
fi

measure() { # label command...
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$tf" "$@" >"$work/$label.stdout" 2>"$work/$label.stderr" || { echo "$label failed:"; cat "$work/$label.stderr"; exit 1; }
  read -r wall user sys <"$tf"; rm -f "$tf"
  cpu=$(python3 -c "print(round($user+$sys,2))")
  printf "%-8s wall %6.2f s   cpu %6.2f s\n" "$label" "$wall" "$cpu"
  echo "$label $wall $cpu" >>"$work/results.txt"
}

rm -f "$work/results.txt"
echo "source: $src (${secs}s stereo 48 kHz, $codec), runs: $runs each, alternating; $(nproc) CPU(s), load $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 1; i <= runs; i++)); do
  measure ffmpeg ffmpeg -nostdin -hide_banner -i "$src" -af ebur128=peak=true -f null -
  measure ours "$cli" probe --loudness --no-hash "$src"
done
echo "ffmpeg: $(grep -E '^ +(I|LRA|Peak):' "$work/ffmpeg.stderr" | tr -s ' ' | tr '\n' ' ')"
echo "ours:   $(grep 'loudness:' "$work/ours.stdout" | sed 's/^ *//')"

python3 - "$work/results.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for tool in ("ffmpeg", "ours"):
    r = [list(map(float, x[1:])) for x in rows if x[0] == tool]
    med[tool] = [statistics.median(c) for c in zip(*r)]
f, o = med["ffmpeg"], med["ours"]
print("\nmedians    wall s    cpu s")
print("ffmpeg   %8.2f %8.2f" % (f[0], f[1]))
print("ours     %8.2f %8.2f" % (o[0], o[1]))
print("ratio ours/ffmpeg: wall %.3f (goal <= 0.8)  cpu %.3f" % (o[0] / f[0], o[1] / f[1]))
PY
echo "work dir: $work"
