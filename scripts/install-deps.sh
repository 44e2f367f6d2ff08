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

# Player-test dependencies (tests/player: puppeteer-core + shaka-player, dash.js, hls.js at the
# versions in package-lock.json). puppeteer-core drives Debian's /usr/bin/chromium and never
# downloads a browser. Reinstalled only when node_modules is missing or older than the lock file.
player_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/player"
if [[ -f "$player_dir/package-lock.json" ]]; then
  stamp="$player_dir/node_modules/.package-lock.json" # rewritten by every npm install/ci
  [[ -e "$stamp" ]] || stamp="$player_dir/node_modules"
  if [[ ! -e "$stamp" || "$player_dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/player"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$player_dir" --no-audit --no-fund
  else
    echo "install-deps: tests/player/node_modules up to date"
  fi
fi

# Conformance-test dependencies (tests/conformance: GPAC's mp4box.js, hls-parser, mpd-parser at
# the versions in package-lock.json): independent parsers for tst_conformance (issue #17).
conformance_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/conformance"
if [[ -f "$conformance_dir/package-lock.json" ]]; then
  stamp="$conformance_dir/node_modules/.package-lock.json"
  [[ -e "$stamp" ]] || stamp="$conformance_dir/node_modules"
  if [[ ! -e "$stamp" || "$conformance_dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/conformance"
    npm ci --prefix "$conformance_dir" --no-audit --no-fund
  else
    echo "install-deps: tests/conformance/node_modules up to date"
  fi
fi

# Remote-mode test dependencies (tests/remote: the s3rver S3 emulator and the AWS SDK for
# JavaScript v3 as an independent read-back client, at the versions in package-lock.json).
remote_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/remote"
if [[ -f "$remote_dir/package-lock.json" ]]; then
  stamp="$remote_dir/node_modules/.package-lock.json"
  [[ -e "$stamp" ]] || stamp="$remote_dir/node_modules"
  if [[ ! -e "$stamp" || "$remote_dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/remote"
    npm ci --prefix "$remote_dir" --no-audit --no-fund
  else
    echo "install-deps: tests/remote/node_modules up to date"
  fi
fi

# Cluster-manifest schema check (tests/k8s: kubernetes-models + @kubernetes-models/keda + yaml).
k8s_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/k8s"
if [[ -f "$k8s_dir/package-lock.json" ]]; then
  stamp="$k8s_dir/node_modules/.package-lock.json"
  if [[ ! -e "$stamp" || "$k8s_dir/package-lock.json" -nt "$stamp" ]]; then
    echo "install-deps: npm ci in tests/k8s"
    npm ci --prefix "$k8s_dir" --no-audit --no-fund
  else
    echo "install-deps: tests/k8s/node_modules up to date"
  fi
fi
