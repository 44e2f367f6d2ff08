#!/usr/bin/env bash
# bench/ladder: rendition-cli vs the single-command ffmpeg equivalent (one decode,
# split filter, same libx264 preset/bitrates/GOP, AAC, HLS fMP4 out) on the same
# generated 1080p source, alternating runs. Prints wall, CPU and peak RSS of each
# run, the medians and the ratios (ours / ffmpeg).
#   BENCH_SECONDS  source duration (default 60)   BENCH_RUNS  runs per tool (default 3)
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli}")
here=$(cd "$(dirname "$0")" && pwd)
secs=${BENCH_SECONDS:-60}
runs=${BENCH_RUNS:-3}
work=${BENCH_DIR:-$(mktemp -d /tmp/rendition-bench.XXXXXX)}
mkdir -p "$work"
src="$work/source_1080p25_${secs}s.mp4"
preset="$here/preset.json"

if [[ ! -s "$src" ]]; then
  echo "generating $src"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=$secs,noise=alls=12:allf=t+u,format=yuv420p" \
    -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=$secs" \
    -c:v libx264 -preset ultrafast -crf 18 -bf 3 -g 50 -c:a aac -b:a 192k -shortest "$src"
fi

# The ffmpeg equivalent, derived from the same preset JSON.
ffargs=$(python3 - "$preset" "$src" "$work/ffmpeg-out" <<'PY'
import json, sys, shlex
p = json.load(open(sys.argv[1])); src = sys.argv[2]; out = sys.argv[3]
seg = p["packaging"]["segment_duration_s"]; fps = 25
gop = int(round(seg / p["gop"]["keyframes_per_segment"] * fps))
rungs = p["ladder"]; n = len(rungs)
fc = "[0:v]split=%d%s;" % (n, "".join("[s%d]" % i for i in range(n)))
fc += ";".join("[s%d]scale=%d:%d[v%d]" % (i, r["width"], r["height"], i) for i, r in enumerate(rungs))
a = ["-filter_complex", fc]
for i in range(n): a += ["-map", "[v%d]" % i]
a += ["-map", "0:a", "-c:v", "libx264", "-bf", str(p["gop"]["b_frames"]), "-g", str(gop), "-keyint_min", str(gop),
      "-sc_threshold", "0", "-forced-idr", "1"]
for i, r in enumerate(rungs):
    rc = r["rate_control"]
    a += ["-preset:v:%d" % i, r["speed"], "-profile:v:%d" % i, r["profile"],
          "-b:v:%d" % i, "%dk" % rc["bitrate_kbps"], "-maxrate:v:%d" % i, "%dk" % rc["max_kbps"],
          "-bufsize:v:%d" % i, "%dk" % (rc["bufsize_kbps"] or 2 * rc["max_kbps"])]
au = p["audio"][0]
a += ["-c:a", "aac", "-b:a", "%dk" % au["bitrate_kbps"], "-ar", str(au["sample_rate"]), "-ac", str(au["channels"])]
a += ["-f", "hls", "-hls_time", str(seg), "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
      "-var_stream_map", " ".join(["v:%d" % i for i in range(n)] + ["a:0"]), "-master_pl_name", "master.m3u8",
      "-hls_segment_filename", out + "/s%v_%05d.m4s", out + "/p%v.m3u8"]
print(shlex.join(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", src] + a))
PY
)

measure() { # label command...
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tf" "$@" >/dev/null 2>"$work/$label.stderr" || { echo "$label failed:"; cat "$work/$label.stderr"; exit 1; }
  read -r wall user sys rss <"$tf"; rm -f "$tf"
  cpu=$(python3 -c "print(round($user+$sys,2))")
  printf "%-8s wall %7.2f s   cpu %7.2f s   peak RSS %7.1f MiB\n" "$label" "$wall" "$cpu" "$(python3 -c "print($rss/1024)")"
  echo "$label $wall $cpu $rss" >>"$work/results.txt"
}

rm -f "$work/results.txt"
echo "source: $src (${secs}s 1080p25), preset: $preset, runs: $runs each, alternating"
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/ffmpeg-out" "$work/ours-out"; mkdir -p "$work/ffmpeg-out"
  measure ffmpeg bash -c "$ffargs"
  measure ours "$cli" run --preset "$preset" --out "$work/ours-out" "$src"
done

python3 - "$work/results.txt" <<'PY'
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
med = {}
for tool in ("ffmpeg", "ours"):
    r = [list(map(float, x[1:])) for x in rows if x[0] == tool]
    med[tool] = [statistics.median(c) for c in zip(*r)]
f, o = med["ffmpeg"], med["ours"]
print("\nmedians    wall s    cpu s    peak RSS MiB")
print("ffmpeg   %8.2f %8.2f %12.1f" % (f[0], f[1], f[2] / 1024))
print("ours     %8.2f %8.2f %12.1f" % (o[0], o[1], o[2] / 1024))
print("ratio ours/ffmpeg: wall %.3f (goal <= 0.95)  cpu %.3f  peak RSS %.3f (goal <= 1.0)" % (o[0] / f[0], o[1] / f[1], o[2] / f[2]))
PY
echo "work dir: $work"
