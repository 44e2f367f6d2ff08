#!/usr/bin/env bash
# bench/remote: the same batch local (`batch --slots 2`) vs remote (`submit --wait` to 2
# `worker` processes through s3rver + ElasticMQ on loopback). Prints both wall times and the
# per-job overhead of remote mode: client upload (source + spec), queueing (send → receive),
# worker download, worker upload of the package, client download (`remote fetch`).
# Loopback transfers are the floor: a real bucket adds network time on top.
#   BENCH_JOBS  sources (default 4)   BENCH_SECONDS  each source's duration (default 10)
# First it prints the upload-hashing throughput (hash_bench: QCryptographicHash vs OpenSSL SHA-256,
# MB/s; BENCH_HASH_MIB, default 256).
set -euo pipefail
cli=$(readlink -f "${1:?usage: run.sh path/to/rendition-cli}")
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${BENCH_JOBS:-4}
secs=${BENCH_SECONDS:-10}
work=${BENCH_DIR:-$(mktemp -d /tmp/rendition-bench-remote.XXXXXX)}
mkdir -p "$work/src"
# Upload hashing first (needs no services): QCryptographicHash vs OpenSSL SHA-256, MB/s.
hash_bench=$(dirname "$cli")/hash_bench
if [[ -x "$hash_bench" ]]; then "$hash_bench" "${BENCH_HASH_MIB:-256}"; else echo "hash_bench not built (target hash_bench): upload hashing not measured"; fi
export RENDITION_SERVICES_DIR="$work/services"
services="$root/scripts/test-services.sh"
if [[ ! -d "$root/tests/remote/node_modules/s3rver" || ! -d "$root/tests/remote/node_modules/elasticmq" ]] || ! command -v java >/dev/null; then
  echo "bench/remote: skipped (tests/remote/node_modules or java missing; run scripts/install-deps.sh)"
  exit 0
fi

for i in $(seq 1 "$jobs"); do
  f="$work/src/clip$i.mp4"
  [[ -s "$f" ]] || ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=25:duration=$secs,noise=alls=8:allf=t+u,hue=h=$((i * 40)),format=yuv420p" \
    -f lavfi -i "sine=frequency=$((300 + i * 50)):sample_rate=48000:duration=$secs" \
    -c:v libx264 -preset ultrafast -crf 20 -c:a aac -shortest "$f"
done
preset="$work/preset.json"
# A fresh preset name per run: a fresh idempotency key, so nothing is reused.
sed "s/\"bench-remote\"/\"bench-remote-$$-$(date +%s)\"/" "$here/preset.json" >"$preset"

workers=()
cleanup() {
  for p in "${workers[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash "$services" stop_elasticmq || true
  bash "$services" stop_s3rver || true
}
trap cleanup EXIT

echo "== local: batch --slots 2, $jobs × ${secs}s 720p"
t0=$(date +%s.%N)
"$cli" batch --preset "$preset" --out "$work/local-out" --data-dir "$work/local-data" --slots 2 "$work"/src/*.mp4 >/dev/null 2>"$work/local.log"
t1=$(date +%s.%N)
local_wall=$(python3 -c "print(round($t1 - $t0, 2))")
echo "local wall ${local_wall} s"

s3port=$(bash "$services" start_s3rver)
sqsport=$(bash "$services" start_elasticmq)
for q in jobs status dlq; do
  curl -fsS -d "Action=CreateQueue&QueueName=$q" "http://127.0.0.1:$sqsport/" >/dev/null
done
export RENDITION_S3_ENDPOINT="http://127.0.0.1:$s3port" RENDITION_S3_BUCKET=rendition
export RENDITION_SQS_JOBS_URL="http://127.0.0.1:$sqsport/queue/jobs" RENDITION_SQS_STATUS_URL="http://127.0.0.1:$sqsport/queue/status"
export RENDITION_SQS_DLQ_URL="http://127.0.0.1:$sqsport/queue/dlq"
export AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=S3RVER AWS_REGION=us-east-1
ports=()
for w in 1 2; do
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')
  ports+=("$port")
  "$cli" worker --remote env --work-dir "$work/worker$w" --wait 1 --visibility 60 --metrics-port "$port" 2>"$work/worker$w.log" &
  workers+=($!)
done
sleep 1

echo "== remote: submit --wait, 2 workers (1 slot each), s3rver + ElasticMQ on loopback"
t0=$(date +%s.%N)
"$cli" submit --remote env --preset "$preset" --wait --timeout 3600 --json-events "$work"/src/*.mp4 >"$work/submit.jsonl" 2>"$work/submit.log"
t1=$(date +%s.%N)
remote_wall=$(python3 -c "print(round($t1 - $t0, 2))")
t2=$(date +%s.%N)
for key in $(python3 -c "
import json,sys
for l in open('$work/submit.jsonl'):
    e=json.loads(l)
    if e.get('event')=='submitted': print(e['idempotency_key'])"); do
  "$cli" remote fetch --remote env --key "$key" --out "$work/fetched" >/dev/null
done
t3=$(date +%s.%N)
fetch_s=$(python3 -c "print(round($t3 - $t2, 3))")
for p in "${ports[@]}"; do curl -fsS "http://127.0.0.1:$p/metrics"; done >"$work/metrics.txt"

python3 - "$work" "$jobs" "$local_wall" "$remote_wall" "$fetch_s" <<'PY'
import json, re, sys
work, jobs, local_wall, remote_wall, fetch_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
up_ms = [e["upload_ms"] for e in map(json.loads, open(work + "/submit.jsonl")) if e.get("event") == "submitted"]
up_bytes = [e["uploaded_bytes"] for e in map(json.loads, open(work + "/submit.jsonl")) if e.get("event") == "submitted"]
sums = {}
for line in open(work + "/metrics.txt"):
    m = re.match(r'(\w+?)(_sum|_count)?(\{[^}]*\})? ([0-9.e+-]+)$', line.strip())
    if not m or line.startswith("#"): continue
    k = (m.group(1) + (m.group(2) or ""), m.group(3) or "")
    sums[k] = sums.get(k, 0.0) + float(m.group(4))
def avg(name, labels=""):
    c = sums.get((name + "_count", labels), 0)
    return sums.get((name + "_sum", labels), 0) / c if c else float("nan")
published = sums.get(("rendition_worker_jobs_total", '{outcome="published"}'), 0)
print(f"local wall           {local_wall:8.2f} s")
print(f"remote wall          {remote_wall:8.2f} s   ({published:.0f}/{jobs} published; + fetch {fetch_s:.2f} s)")
print("per-job remote overhead (means):")
print(f"  client upload        {sum(up_ms)/len(up_ms)/1000:8.3f} s   ({sum(up_bytes)/len(up_bytes)/1e6:.1f} MB source + spec)")
print(f"  queueing (send→recv) {avg('rendition_worker_queue_lag_seconds'):8.3f} s   (includes waiting for a free worker)")
dl = avg("rendition_worker_stage_seconds", '{stage="download"}')
ul = avg("rendition_worker_stage_seconds", '{stage="upload"}')
print(f"  worker download      {dl:8.3f} s")
print(f"  worker upload        {ul:8.3f} s")
print(f"  client fetch         {fetch_s/jobs:8.3f} s")
PY
