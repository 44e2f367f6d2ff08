#!/usr/bin/env bash
# Installs every Debian package the build, the app and the tests need. Idempotent:
# packages already present are not reinstalled and apt is not touched at all then.
set -euo pipefail

DEB_PACKAGES=(
  build-essential cmake pkg-config git ccache
  clang libclang-rt-14-dev llvm  # make fuzz: clang, libFuzzer, llvm-symbolizer
  qt6-base-dev qt6-multimedia-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
  libavformat-dev libavcodec-dev libavfilter-dev libavutil-dev libswscale-dev libswresample-dev
  libebur128-dev libssl-dev libcurl4-openssl-dev
  ffmpeg xvfb xauth imagemagick time librsvg2-bin desktop-file-utils appstream help2man mandoc file
  chromium nodejs npm
  openjdk-17-jre-headless
)

# Names that installed packages provide: NodeSource's nodejs provides (and conflicts with)
# Debian's npm, so "npm" is present when such a nodejs is installed.
provided=$(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null |
  awk -F'|' '$1 ~ /^ii/ { n = split($2, a, ","); for (i = 1; i <= n; i++) { sub(/\(.*/, "", a[i]); gsub(/ /, "", a[i]); if (a[i] != "") print a[i] } }')

missing=()
for p in "${DEB_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" &&
     ! grep -qxF "$p" <<<"$provided"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all Debian packages present"
fi

# npm test dependencies, each folder at the versions in its package-lock.json; reinstalled only
# when node_modules is missing or older than the lock file (npm ci rewrites the stamp).
tests_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests"
npm_ci_in() { # NAME under tests/
  local dir="$tests_dir/$1"
  [[ -f "$dir/package-lock.json" ]] || return 0
  local stamp="$dir/node_modules/.package-lock.json"
  [[ -e "$stamp" ]] || stamp="$dir/node_modules"
  if [[ ! -e "$stamp" || "$dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/$1"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund
  else
    echo "install-deps: tests/$1/node_modules up to date"
  fi
}
# player: puppeteer-core (drives Debian's /usr/bin/chromium, never downloads a browser) with
#   shaka-player, dash.js, hls.js;
# conformance: GPAC's mp4box.js, hls-parser, mpd-parser — independent parsers (issue #17);
# remote: the s3rver S3 emulator and the AWS SDK for JavaScript v3 as a read-back client;
# k8s: kubernetes-models + @kubernetes-models/keda + yaml for the cluster-manifest schema check.
for d in player conformance remote k8s; do npm_ci_in "$d"; done
