#!/usr/bin/env bash
# bench/scheduling: 200 tiny audio-only jobs through the WorkerPool (real exec-job children);
# prints the per-job scheduling overhead (claim -> child started, child exit -> store updated,
# slot gap) as mean/p50/p95/max in ms. Goal: < 20 ms per job.
#   BENCH_JOBS  jobs (default 200)   BENCH_SLOTS  concurrent children (default 2)
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli}")
bin=$(dirname "$cli")/scheduling_bench
[[ -x "$bin" ]] || { echo "bench/scheduling: $bin is missing; build the 'scheduling_bench' target" >&2; exit 1; }
src=$(dirname "$cli")/../fixtures/good/audio_only.m4a
[[ -s "$src" ]] || { echo "bench/scheduling: fixture $src is missing; build the 'fixtures' target" >&2; exit 1; }
"$bin" "$cli" "$src" "${BENCH_JOBS:-200}" "${BENCH_SLOTS:-2}"
