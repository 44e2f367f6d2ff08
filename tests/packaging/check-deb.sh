#!/usr/bin/env bash
# Checks the packages that `make package` built (packaging/CPackConfig.cmake):
#  - rendition-cli_*.deb: rendition-cli + its man page, Depends without Qt Gui/Widgets/Multimedia;
#  - rendition_*.deb: the GUI, its man page, desktop entry, AppStream metainfo, icons; Depends on
#    rendition-cli of the same version and on Qt Widgets/Multimedia;
#  - both binaries stripped (no .debug_info/.symtab) with a .gnu_debuglink, and their symbols in
#    rendition{,-cli}-dbgsym_*.ddeb under /usr/lib/debug/.build-id/ matching the binary's build ID;
#  - the man pages: lexgrog parses them, man renders them, mandoc -Tlint (when installed) is quiet;
#  - the desktop file and metainfo validators; the packaged CLI runs from the CLI package alone;
#    the packaged GUI starts from both packages unpacked into a scratch root (dpkg -x, no
#    installation) under Xvfb for a few seconds with a throw-away job store.
# Usage: check-deb.sh BUILD_DIR   (exit 0 = every check passed)
set -euo pipefail
build=${1:?usage: check-deb.sh BUILD_DIR}
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
newest() { ls -t "$build"/$1 2>/dev/null | head -1; }
cli_deb=$(newest 'rendition-cli_*.deb')
gui_deb=$(newest 'rendition_*.deb')
cli_dbg=$(newest 'rendition-cli-dbgsym_*.ddeb')
gui_dbg=$(newest 'rendition-dbgsym_*.ddeb')
for v in cli_deb gui_deb cli_dbg gui_dbg; do
  [[ -n "${!v}" ]] || fail "no ${v/_/ } package in $build; run make package"
done
for p in "$cli_deb" "$gui_deb" "$cli_dbg" "$gui_dbg"; do
  echo "check-deb: $(basename "$p") $(du -k "$p" | cut -f1) KiB"
done
version=$(dpkg-deb -f "$gui_deb" Version)
[[ $(dpkg-deb -f "$cli_deb" Version) == "$version" ]] || fail "the two packages have different versions"

has_files() { # DEB FILE...
  local deb=$1 files
  shift
  files=$(dpkg -c "$deb" | awk '{print $6}')
  for f in "$@"; do grep -qxF "$f" <<<"$files" || fail "$f missing from $(basename "$deb")"; done
}
lacks_file() { # DEB FILE
  local files
  files=$(dpkg -c "$1" | awk '{print $6}')
  ! grep -qxF "$2" <<<"$files" || fail "$2 must not be in $(basename "$1")"
}
has_files "$cli_deb" ./usr/bin/rendition-cli ./usr/share/man/man1/rendition-cli.1.gz
lacks_file "$cli_deb" ./usr/bin/rendition
has_files "$gui_deb" ./usr/bin/rendition ./usr/share/man/man1/rendition.1.gz ./usr/share/applications/rendition.desktop \
  ./usr/share/metainfo/org.rendition.Rendition.metainfo.xml ./usr/share/icons/hicolor/scalable/apps/rendition.svg \
  ./usr/share/icons/hicolor/48x48/apps/rendition.png ./usr/share/icons/hicolor/256x256/apps/rendition.png
lacks_file "$gui_deb" ./usr/bin/rendition-cli

cli_depends=$(dpkg-deb -f "$cli_deb" Depends)
gui_depends=$(dpkg-deb -f "$gui_deb" Depends)
echo "check-deb: rendition-cli Depends: $cli_depends"
echo "check-deb: rendition Depends: $gui_depends"
for d in libqt6core6 libqt6sql6-sqlite libavcodec59 libavformat59 libebur128-1 libssl3 libcurl4; do
  grep -q "$d" <<<"$cli_depends" || fail "rendition-cli Depends lacks $d"
done
for d in libqt6widgets6 libqt6multimedia6 libqt6gui6 libqt6opengl6 libgl1 libx11; do
  ! grep -q "$d" <<<"$cli_depends" || fail "rendition-cli (servers) must not depend on $d"
done
grep -qF "rendition-cli (= $version)" <<<"$gui_depends" || fail "rendition does not depend on rendition-cli (= $version)"
for d in libqt6widgets6 libqt6multimedia6 libqt6sql6-sqlite; do
  grep -q "$d" <<<"$gui_depends" || fail "rendition Depends lacks $d"
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
root="$scratch/root"
for p in "$cli_deb" "$gui_deb"; do dpkg -x "$p" "$root"; done
dpkg -x "$cli_deb" "$scratch/cli-only"
for p in "$cli_dbg" "$gui_dbg"; do dpkg -x "$p" "$scratch/dbg"; done

# Stripped binaries; their debug symbols in the dbgsym package, found by build ID.
for bin in rendition rendition-cli; do
  f="$root/usr/bin/$bin"
  sections=$(readelf -S -W "$f")
  ! grep -qE '\.debug_info|\.symtab' <<<"$sections" || fail "$bin is not stripped"
  grep -q '\.gnu_debuglink' <<<"$sections" || fail "$bin has no .gnu_debuglink to its symbols"
  id=$(readelf -n "$f" | awk '/Build ID:/ {print $3}')
  [[ -n "$id" ]] || fail "$bin has no build ID"
  dbg="$scratch/dbg/usr/lib/debug/.build-id/${id:0:2}/${id:2}.debug"
  [[ -f "$dbg" ]] || fail "no symbols for $bin (build ID $id) in the dbgsym packages"
  grep -q '\.debug_info' <<<"$(readelf -S -W "$dbg" 2>/dev/null)" || fail "$dbg has no .debug_info"
  echo "check-deb: $bin stripped, $(du -k "$f" | cut -f1) KiB; symbols $(du -k "$dbg" | cut -f1) KiB (build ID $id)"
done

# Man pages as installed.
for page in rendition rendition-cli; do
  f="$root/usr/share/man/man1/$page.1.gz"
  grep -q "\"$page - " <<<"$(lexgrog "$f")" || fail "lexgrog cannot read the NAME of $page(1)"
  grep -q '^SYNOPSIS' <<<"$(MANWIDTH=80 MAN_DISABLE_SECCOMP=1 man -l "$f" 2>/dev/null)" || fail "man cannot render $page(1)"
  if command -v mandoc >/dev/null; then
    zcat "$f" | mandoc -Tlint -Wwarning >/dev/null 2>&1 || fail "mandoc -Tlint warns about $page(1)"
  fi
done

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$root/usr/share/applications/rendition.desktop" || fail "desktop file invalid"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$root/usr/share/metainfo/org.rendition.Rendition.metainfo.xml" || fail "metainfo invalid"
fi
grep -q web-h264-ladder <<<"$("$scratch/cli-only/usr/bin/rendition-cli" presets list)" || fail "packaged rendition-cli does not run"

# Launch the packaged GUI: it must still be running after a few seconds (no crash, no missing
# plugin); timeout ends it then with status 124.
export XDG_CONFIG_HOME="$scratch/config" RENDITION_DATA_DIR="$scratch/store"
# (the status goes through a file: xvfb-run's own exit status also reflects its clean-up)
xvfb-run -a bash -c 'timeout 8 "$1" >"$2" 2>&1; echo $? >"$3"' _ \
  "$root/usr/bin/rendition" "$scratch/gui.log" "$scratch/gui.rc" || true
rc=$(cat "$scratch/gui.rc" 2>/dev/null || echo none)
if [[ "$rc" != 124 ]]; then
  cat "$scratch/gui.log" >&2
  fail "the packaged rendition exited early (status $rc)"
fi
[[ -f "$scratch/store/jobs.sqlite" ]] || fail "the packaged GUI did not open its job store"
echo "check-deb: OK"
