#!/usr/bin/env bash
# make demo: generate a small sample folder with ffmpeg lavfi, run the default preset
# over it headless, and print where the HLS/DASH output is. Then, when a display is usable
# ($DISPLAY or $WAYLAND_DISPLAY set and the GUI can connect to it), open the workstation on
# the QC review of the first asset (`rendition --review`, job store in OUTDIR/store) until its
# window is closed. RENDITION_DEMO_GUI=0 skips the GUI.
set -euo pipefail
usage="usage: demo.sh CLI OUTDIR [GUI]"
cli=${1:?$usage}
out=${2:?$usage}
gui=${3:-$(dirname "$cli")/rendition}
samples="$out/samples"
mkdir -p "$samples"
bash "$(dirname "$0")/make-samples.sh" "$samples"
echo
echo "== rendition-cli run --preset web-h264-ladder --out $out/packages $samples"
"$cli" run --preset web-h264-ladder --out "$out/packages" "$samples"
echo
echo "Output root: $out/packages"
first=""
for m in "$out"/packages/*/current/master.m3u8; do
  [[ -e "$m" ]] || continue
  d=$(dirname "$m")
  asset=$(dirname "$d")
  [[ -n "$first" ]] || first=$asset
  echo "  $(basename "$asset"):"
  echo "    HLS : $(readlink -f "$d")/master.m3u8"
  echo "    DASH: $(readlink -f "$d")/manifest.mpd"
done

[[ "${RENDITION_DEMO_GUI:-1}" != 0 && -n "$first" ]] || exit 0
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo
  echo "No display (\$DISPLAY / \$WAYLAND_DISPLAY unset): review it in the workstation with"
  echo "  $gui --review $first"
  exit 0
fi
# Usable: the GUI's own platform plugin connects (Qt gives up at once when it cannot).
if [[ ! -x "$gui" ]] || ! timeout 20 "$gui" --version >/dev/null 2>&1; then
  echo
  echo "The display (${WAYLAND_DISPLAY:+WAYLAND_DISPLAY=$WAYLAND_DISPLAY }${DISPLAY:+DISPLAY=$DISPLAY}) is not usable; review it later with"
  echo "  $gui --review $first"
  exit 0
fi
echo
echo "== rendition --data-dir $out/store --review $first   (close the window to end the demo)"
exec "$gui" --data-dir "$out/store" --review "$first"
