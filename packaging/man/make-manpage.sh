#!/usr/bin/env bash
# Generates a binary's man page from its own --help/--version with help2man, gzip'd:
#   make-manpage.sh BINARY OUT.1.gz "one-line description" [cli]
# With "cli" (rendition-cli), a COMMANDS section holds every subcommand's --help: the commands
# are the two-space-indented words under "Commands:" in `rendition-cli help`, so a new
# subcommand gets its entry without touching this script. Run hermetically: C locale (no
# translation), offscreen Qt, a throw-away config home.
set -euo pipefail
binary=${1:?usage: make-manpage.sh BINARY OUT.1.gz DESCRIPTION [cli]}
out=${2:?usage: make-manpage.sh BINARY OUT.1.gz DESCRIPTION [cli]}
description=${3:?usage: make-manpage.sh BINARY OUT.1.gz DESCRIPTION [cli]}
kind=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
command -v help2man >/dev/null || { echo "make-manpage: help2man not found (Debian: help2man)" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE= QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$scratch/config" \
       RENDITION_DATA_DIR="$scratch/store"

# One QCommandLineParser help text (stdin) as roff: .SS with the synopsis, the description,
# and .TP items for options and arguments (continuation lines joined).
to_roff() {
  awk '
    function esc(s) { gsub(/\\/, "\\e", s); sub(/^[.\047]/, "\\\\\\&&", s); return s }
    function flush() { if (item != "") { print ".TP"; s = esc(item); gsub(/-/, "\\-", s); print "\\fB" s "\\fR"; print esc(text) } item = ""; text = "" }
    NR == 1 && /^Usage: / { sub(/^Usage: /, ""); print ".SS \"" esc($0) "\""; next }
    /^(Options|Arguments):$/ { flush(); print ".PP"; print "\\fI" $0 "\\fR"; inlist = 1; next }
    /^$/ { flush(); next }
    inlist && /^  [^ ]/ {
      flush(); line = substr($0, 3); n = match(line, /  +/)
      if (n) { item = substr(line, 1, n - 1); text = substr(line, n + RLENGTH) } else { item = line; text = "" }
      next
    }
    inlist && /^   +/ { sub(/^ +/, ""); text = text " " $0; next }
    { flush(); print esc($0) }
    END { flush() }'
}

# The "Commands:" block of `rendition-cli help` as a DESCRIPTION with one .TP item per command:
# "  synopsis  description"; continuation lines indented up to 29 columns continue the
# synopsis, deeper ones the description.
commands_roff() {
  awk '
    function esc(s) { gsub(/\\/, "\\e", s); sub(/^[.\047]/, "\\\\\\&&", s); return s }
    function flush() { if (syn != "") { s = esc(syn); gsub(/-/, "\\-", s); print ".TP"; print "\\fB" s "\\fR"; print esc(desc) } syn = ""; desc = "" }
    /^Commands:$/ { on = 1; print ".PP"; print "The commands (each one'"'"'s options are under COMMANDS):"; next }
    on && /^$/ { flush(); on = 0; next }
    on && /^  [a-z]/ {
      flush(); line = substr($0, 3); n = match(line, /  +/)
      if (n) { syn = substr(line, 1, n - 1); desc = substr(line, n + RLENGTH) } else syn = line
      next
    }
    on && /^ +/ { match($0, /^ +/); t = substr($0, RLENGTH + 1); if (RLENGTH < 30) syn = syn " " t; else desc = desc (desc == "" ? "" : " ") t; next }
    !on && NR > 1 && !/^Usage:/ && !/^$/ { flush(); print ".PP"; print esc($0) }
    END { flush() }'
}

include="$scratch/include.h2m"
cat "$here/common.h2m" > "$include"
if [[ "$kind" == cli ]]; then
  # Run through PATH so that usage lines name "rendition-cli", not the build path.
  export PATH="$(cd "$(dirname "$binary")" && pwd):$PATH"
  binary=$(basename "$binary")
  {
    echo "[DESCRIPTION]"
    echo ".B rendition\\-cli"
    echo "is the command line of the Rendition media pipeline: the GUI, worker processes and cluster"
    echo "workers run the same engine through it."
    "$binary" help | commands_roff
  } >> "$include"
  commands=$("$binary" help | awk '/^Commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ && !seen[$1]++ { print $1 }')
  [[ -n "$commands" ]] || { echo "make-manpage: no commands found in '$binary help'" >&2; exit 1; }
  {
    echo "[COMMANDS]"
    echo "Each command's options (\\fBrendition-cli\\fR \\fIcommand\\fR \\fB\\-\\-help\\fR):"
    for c in $commands; do
      "$binary" "$c" --help > "$scratch/$c.txt" || { echo "make-manpage: '$binary $c --help' failed" >&2; exit 1; }
      to_roff < "$scratch/$c.txt"
    done
  } >> "$include"
fi

h2m_binary=$binary
if [[ "$kind" == cli ]]; then
  # help2man gets only the usage line of `rendition-cli help`; the commands are the DESCRIPTION above.
  mkdir -p "$scratch/h2m"
  h2m_binary="$scratch/h2m/rendition-cli"
  printf '#!/bin/sh\nif [ "$1" = --help ]; then rendition-cli help | sed -n 1p; else exec rendition-cli "$@"; fi\n' > "$h2m_binary"
  chmod +x "$h2m_binary"
fi
help2man --no-info --section=1 --name="$description" --source="Rendition" --manual="User Commands" \
  --include="$include" --output="$scratch/page.1" "$h2m_binary"
# help2man dates the page "Month YYYY", which mandoc cannot parse: ISO date instead
# (SOURCE_DATE_EPOCH when set, for reproducible builds).
date=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%d)
sed -i -E 's/^(\.TH [^ ]+ "?1"?) "[^"]*"/\1 "'"$date"'"/' "$scratch/page.1"
# Blank input lines and a paragraph macro left empty before a section are lint warnings.
perl -0pi -e 's/\n\n+/\n/g; s/\n\.PP\n(\.S[HS] )/\n$1/g' "$scratch/page.1"
# A failing --help would otherwise leave help2man with an almost empty page.
grep -q '^\.SH SYNOPSIS' "$scratch/page.1" || { echo "make-manpage: help2man found no usage line in $binary --help" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
gzip -9n < "$scratch/page.1" > "$out.tmp"
mv "$out.tmp" "$out"
