#!/usr/bin/env bash
# Writes a PNG of every panel of the rendition GUI into docs/screenshots/ (make screenshots).
# Runs the real app under Xvfb with generated sample media, a throw-away job store and
# settings, in English. Usage: screenshots.sh BUILD_DIR [OUT_DIR]
set -euo pipefail
build=${1:?usage: screenshots.sh BUILD_DIR [OUT_DIR]}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=${2:-$root/docs/screenshots}
app="$build/bin/rendition"
[[ -x "$app" ]] || { echo "screenshots: $app not built" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples="$build/samples"
bash "$root/scripts/make-samples.sh" "$samples" >/dev/null
# Two broken inputs, so the ingest picture shows problems in plain words as well.
mkdir -p "$work/incoming"
head -c $(( $(stat -c %s "$samples/bars-1080p25.mp4") / 2 )) "$samples/bars-1080p25.mp4" > "$work/incoming/export-cut-short.mp4"
echo "Renamed text, not a video." > "$work/incoming/notes-renamed.mov"

# Isolated settings and data: nothing of the user's is read or written.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
export RENDITION_DATA_DIR="$work/store" LANG=C.UTF-8 LANGUAGE=en LC_ALL=C.UTF-8
mkdir -p "$out"
xvfb-run -a -s "-screen 0 1400x900x24" "$app" --screenshots "$out" "$samples" "$work/incoming/export-cut-short.mp4" "$work/incoming/notes-renamed.mov"
ls -1 "$out"/*.png
