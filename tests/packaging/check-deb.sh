#!/usr/bin/env bash
# Checks the .deb that `make package` built: the file list (both binaries, desktop entry,
# AppStream metainfo, icons), the Depends line, the desktop file and metainfo validators, and
# that the packaged GUI starts: unpacked into a scratch root (dpkg -x, no installation) and
# launched under Xvfb for a few seconds with a throw-away job store.
# Usage: check-deb.sh BUILD_DIR   (exit 0 = every check passed)
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
deb=$(ls -t "$build"/rendition_*.deb 2>/dev/null | head -1)
[[ -n "$deb" ]] || { echo "check-deb: no rendition_*.deb in $build; run make package" >&2; exit 1; }
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
echo "check-deb: $deb"

files=$(dpkg -c "$deb" | awk '{print $6}')
for f in ./usr/bin/rendition ./usr/bin/rendition-cli ./usr/share/applications/rendition.desktop \
         ./usr/share/metainfo/org.rendition.Rendition.metainfo.xml \
         ./usr/share/icons/hicolor/scalable/apps/rendition.svg \
         ./usr/share/icons/hicolor/48x48/apps/rendition.png ./usr/share/icons/hicolor/256x256/apps/rendition.png; do
  grep -qxF "$f" <<<"$files" || fail "$f missing from the package"
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "check-deb: Depends: $depends"
for d in libqt6widgets6 libqt6multimedia6 libqt6sql6-sqlite libavcodec59 libavformat59 libebur128-1 libssl3; do
  grep -q "$d" <<<"$depends" || fail "Depends lacks $d"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$scratch/root/usr/share/applications/rendition.desktop" || fail "desktop file invalid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$scratch/root/usr/share/metainfo/org.rendition.Rendition.metainfo.xml" || fail "metainfo invalid"
fi
"$scratch/root/usr/bin/rendition-cli" presets list | grep -q web-h264-ladder || fail "packaged rendition-cli does not run"

# Launch the packaged GUI: it must still be running after a few seconds (no crash, no missing
# plugin); timeout ends it then with status 124.
export XDG_CONFIG_HOME="$scratch/config" RENDITION_DATA_DIR="$scratch/store"
# (the status goes through a file: xvfb-run's own exit status also reflects its clean-up)
xvfb-run -a bash -c 'timeout 8 "$1" >"$2" 2>&1; echo $? >"$3"' _ \
  "$scratch/root/usr/bin/rendition" "$scratch/gui.log" "$scratch/gui.rc" || true
rc=$(cat "$scratch/gui.rc" 2>/dev/null || echo none)
if [[ "$rc" != 124 ]]; then
  cat "$scratch/gui.log" >&2
  fail "the packaged rendition exited early (status $rc)"
fi
[[ -f "$scratch/store/jobs.sqlite" ]] || fail "the packaged GUI did not open its job store"
echo "check-deb: OK"
