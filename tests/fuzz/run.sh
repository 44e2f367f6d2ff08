#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 60; FUZZ_SECONDS_<target> overrides it for
# one target) over its corpus and prints a table: target, wall seconds, CPU seconds, total execs,
# execs per wall second, execs per CPU second, corpus size, new units, crashes.
# Usage: run.sh FUZZ_BUILD_DIR SEEDS_DIR [TARGET...]   (default: every target; `make fuzz` calls it)
#   FUZZ_BUILD_DIR/bin/fuzz_<t>            the targets (cmake --preset fuzz)
#   FUZZ_BUILD_DIR/corpus/<t>/             the working corpus (grows run after run; first dir given)
#   SEEDS_DIR/<t>/ and corpus-regressions/<t>/   read-only inputs (make-seeds.sh, committed regressions)
#   FUZZ_BUILD_DIR/artifacts/<t>-crash-*   what libFuzzer saves on a crash, leak, timeout or OOM
#   FUZZ_BUILD_DIR/logs/<t>.log            the full libFuzzer output (of the last run)
#   FUZZ_BUILD_DIR/fuzz-history.tsv        one line per run: time, target, wall s, CPU s, execs, execs/s, crashes
# A crash stops that target (libFuzzer's behaviour) and the script goes on with the next one; the
# exit status is 1 when any target crashed. Inputs slower than 10 s count as a crash (timeout).
set -uo pipefail
build=${1:?usage: run.sh FUZZ_BUILD_DIR SEEDS_DIR [TARGET...]}
seeds=${2:?usage: run.sh FUZZ_BUILD_DIR SEEDS_DIR [TARGET...]}
shift 2
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds=${FUZZ_SECONDS:-60}
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(preset jobspec mp4box cenc sqsxml s3xml awsconfig keys probe)
fi
mkdir -p "$build/logs" "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
# Targets that need a file write it under TMPDIR: memory when /dev/shm is there.
if [[ -z "${TMPDIR:-}" && -d /dev/shm && -w /dev/shm ]]; then export TMPDIR=/dev/shm; fi
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

stat() { # name log → value of "stat::name:" (last run)
  awk -v k="stat::$1:" '$1 == k { v = $2 } END { print (v == "" ? 0 : v) }' "$2"
}

rows=()
failed=0
for t in "${targets[@]}"; do
  bin="$build/bin/fuzz_$t"
  if [[ ! -x "$bin" ]]; then
    echo "run.sh: $bin is missing; build it with: cmake --preset fuzz && cmake --build $build" >&2
    exit 2
  fi
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  dirs=("$corpus")
  [[ -d "$seeds/$t" ]] && dirs+=("$seeds/$t")
  [[ -d "$here/corpus-regressions/$t" ]] && dirs+=("$here/corpus-regressions/$t")
  log="$build/logs/$t.log"
  own="FUZZ_SECONDS_$t"
  secs=${!own:-$seconds}
  echo "run.sh: fuzzing $t for ${secs}s (log: $log)" >&2
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$build/logs/$t.cpu" \
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$t-" "${dirs[@]}" >"$log" 2>&1
  status=$?
  elapsed=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  execs=$(stat number_of_executed_units "$log")
  rate=$(awk -v e="$execs" -v s="$elapsed" 'BEGIN { printf "%d", (s > 0 ? e / s : 0) }')
  # CPU seconds of the fuzzer (user + system): on a shared machine execs per CPU second compare
  # across runs, execs per wall second do not.
  cpu=$(awk '/^[0-9.]+ [0-9.]+$/ { printf "%.1f", $1 + $2 }' "$build/logs/$t.cpu")
  cpurate=$(awk -v e="$execs" -v s="${cpu:-0}" 'BEGIN { printf "%d", (s > 0 ? e / s : 0) }')
  units=$(find "$corpus" -type f | wc -l)
  added=$(stat new_units_added "$log")
  crashes=0
  if ((status != 0)); then
    crashes=1
    failed=1
    artifact=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    echo "run.sh: $t FAILED (exit $status): ${artifact:-see $log}" >&2
    grep -m3 -E "ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|fuzz invariant failed" "$log" >&2
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$elapsed" "$cpu" "$execs" "$rate" "$crashes" \
    >>"$build/fuzz-history.tsv"
  rows+=("$(printf '%-10s %8.0f %6s %12s %10s %10s %8s %6s %8s' "$t" "$elapsed" "$cpu" "$execs" "$rate" "$cpurate" \
    "$units" "$added" "$crashes")")
done

printf '%-10s %8s %6s %12s %10s %10s %8s %6s %8s\n' target seconds cpu-s execs execs/s execs/cpu-s corpus new crashes
printf '%s\n' "${rows[@]}"
exit $failed
