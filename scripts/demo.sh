#!/usr/bin/env bash
# make demo: generate a small sample folder with ffmpeg lavfi, run the default preset
# over it headless, and print where the HLS/DASH output is.
set -euo pipefail
cli=${1:?usage: demo.sh CLI OUTDIR}
out=${2:?usage: demo.sh CLI OUTDIR}
samples="$out/samples"
mkdir -p "$samples"
bash "$(dirname "$0")/make-samples.sh" "$samples"
echo
echo "== rendition-cli run --preset web-h264-ladder --out $out/packages $samples"
"$cli" run --preset web-h264-ladder --out "$out/packages" "$samples"
echo
echo "Output root: $out/packages"
for m in "$out"/packages/*/current/master.m3u8; do
  [[ -e "$m" ]] || continue
  d=$(dirname "$m")
  echo "  $(basename "$(dirname "$d")"):"
  echo "    HLS : $(readlink -f "$d")/master.m3u8"
  echo "    DASH: $(readlink -f "$d")/manifest.mpd"
done
