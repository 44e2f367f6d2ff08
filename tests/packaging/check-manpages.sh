#!/usr/bin/env bash
# Checks the generated man pages (build/man/*.1.gz): gzip'd roff that man-db renders and whose
# NAME line lexgrog (whatis/apropos) parses, no mandoc lint warnings when mandoc is installed,
# and the content of the binaries' current --help: rendition(1) has the GUI's options,
# rendition-cli(1) has a section for every command `rendition-cli help` lists.
# Usage: check-manpages.sh MAN_DIR RENDITION_CLI   (exit 0 = every check passed)
set -euo pipefail
dir=${1:?usage: check-manpages.sh MAN_DIR RENDITION_CLI}
cli=${2:?usage: check-manpages.sh MAN_DIR RENDITION_CLI}
fail() { echo "check-manpages: FAIL: $*" >&2; exit 1; }
export LC_ALL=C.UTF-8 MANWIDTH=100 MAN_DISABLE_SECCOMP=1
txt=$(mktemp -d)
trap 'rm -rf "$txt"' EXIT

for page in rendition rendition-cli; do
  f="$dir/$page.1.gz"
  [[ -s "$f" ]] || fail "$f missing or empty"
  gzip -t "$f" || fail "$f is not valid gzip"
  grep -q '^\.TH "\?'"${page^^}"'"\? "\?1"\?' <<<"$(zcat "$f" | sed -n 1,5p)" || fail "$f has no .TH ${page^^} 1 header"
  whatis=$(lexgrog "$f") || fail "lexgrog cannot parse the NAME section of $f"
  grep -q "\"$page - " <<<"$whatis" || fail "NAME of $f is not '$page - ...': $whatis"
  if command -v mandoc >/dev/null; then
    lint=$(zcat "$f" | mandoc -Tlint -Wwarning 2>&1) || fail "mandoc lint of $f: $lint"
  fi
  man -l "$f" > "$txt/$page.txt" 2>"$txt/$page.err" || fail "man -l $f: $(cat "$txt/$page.err")"
  for section in NAME SYNOPSIS DESCRIPTION ENVIRONMENT "SEE ALSO"; do
    grep -q "^$section" "$txt/$page.txt" || fail "$page(1) has no $section section"
  done
done

for option in --review --data-dir --screenshots --version; do
  grep -q -- "$option" "$txt/rendition.txt" || fail "rendition(1) does not mention $option"
done
grep -q '^COMMANDS' "$txt/rendition-cli.txt" || fail "rendition-cli(1) has no COMMANDS section"
commands=$("$cli" help | awk '/^Commands:/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' | sort -u)
[[ $(wc -w <<<"$commands") -ge 10 ]] || fail "'$cli help' lists too few commands: $commands"
for c in $commands; do
  # Each command's synopsis is a subsection heading (indented by man), e.g. "   rendition-cli probe [options] FILE...".
  grep -qE "^ +rendition-cli $c( |\$)" "$txt/rendition-cli.txt" || fail "rendition-cli(1) has no section for '$c'"
done
echo "check-manpages: OK ($(wc -w <<<"$commands") commands in rendition-cli(1))"
