#!/usr/bin/env bash
# Small sample media for the demo (ffmpeg lavfi; nothing committed). Idempotent.
set -euo pipefail
dir=${1:?usage: make-samples.sh DIR}
mkdir -p "$dir"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }
[[ -s "$dir/bars-1080p25.mp4" ]] || ff -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=10" \
  -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
  -c:a aac -shortest "$dir/bars-1080p25.mp4"
[[ -s "$dir/mandelbrot-720p2997.mov" ]] || ff -f lavfi -i "mandelbrot=size=1280x720:rate=30000/1001,trim=duration=8" \
  -f lavfi -i "sine=frequency=220:sample_rate=44100:duration=8" -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
  -c:a aac -shortest "$dir/mandelbrot-720p2997.mov"
[[ -s "$dir/notes.txt" ]] || echo "Not media: the scanner probes files and ignores this one." > "$dir/notes.txt"
echo "samples in $dir: $(ls "$dir" | tr '\n' ' ')"
