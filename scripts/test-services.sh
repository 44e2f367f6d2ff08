#!/usr/bin/env bash
# Local test services for the remote (S3 + SQS) mode, on loopback only.
#
#   scripts/test-services.sh start_s3rver [PORT]   # prints the port; state in $RENDITION_SERVICES_DIR
#   scripts/test-services.sh stop_s3rver
#   scripts/test-services.sh start_elasticmq [PORT]   # SQS emulator (Java 17); prints the port
#   scripts/test-services.sh stop_elasticmq
#
# Or source it and call the functions. Each service has its own start_/stop_ pair (other
# services are added as separate functions). State (pid, port, data) lives in
# RENDITION_SERVICES_DIR (default: /tmp/rendition-services-$UID). Needs node and
# tests/remote/node_modules (scripts/install-deps.sh).
set -euo pipefail

RENDITION_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RENDITION_SERVICES_DIR="${RENDITION_SERVICES_DIR:-/tmp/rendition-services-$(id -u)}"

# s3rver (S3 emulator, npm): bucket "rendition" is created; access key id S3RVER (any
# secret: s3rver does not verify SigV4 signatures). Waits until it accepts connections.
start_s3rver() {
  local port="${1:-0}" dir="$RENDITION_SERVICES_DIR/s3rver"
  if [[ ! -d "$RENDITION_ROOT/tests/remote/node_modules/s3rver" ]]; then
    echo "test-services: tests/remote/node_modules is missing; run scripts/install-deps.sh" >&2
    return 1
  fi
  if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    cat "$dir/port"
    return 0
  fi
  mkdir -p "$dir/data"
  rm -f "$dir/port"
  nohup node --openssl-legacy-provider "$RENDITION_ROOT/tests/remote/s3rver.mjs" --dir "$dir/data" --port "$port" \
    --bucket rendition --port-file "$dir/port" --detach </dev/null >"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 100); do
    if [[ -s "$dir/port" ]]; then
      cat "$dir/port"
      return 0
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "test-services: s3rver did not start; see $dir/log" >&2
  return 1
}

stop_s3rver() {
  local dir="$RENDITION_SERVICES_DIR/s3rver"
  if [[ -f "$dir/pid" ]]; then
    local pid
    pid="$(cat "$dir/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/pid" "$dir/port"
  fi
}

# ElasticMQ (SQS emulator; npm package "elasticmq" ships the server jar, 0.7.1) on Debian's
# Java 17, bound to 127.0.0.1 through a config file. PORT 0 (default) picks a free port.
# Queues are created by the callers (CreateQueue; URLs http://127.0.0.1:PORT/queue/NAME).
# ElasticMQ 0.7.1 keeps no message attributes and has no redrive policy: Rendition's workers
# carry job ids in the body and move poison messages to the DLQ themselves.
start_elasticmq() {
  local port="${1:-0}" dir="$RENDITION_SERVICES_DIR/elasticmq"
  local jar="$RENDITION_ROOT/tests/remote/node_modules/elasticmq/elasticmq-server-0.7.1.jar"
  if [[ ! -f "$jar" ]]; then
    echo "test-services: $jar is missing; run scripts/install-deps.sh" >&2
    return 1
  fi
  if ! command -v java >/dev/null; then
    echo "test-services: java is missing; install openjdk-17-jre-headless (scripts/install-deps.sh)" >&2
    return 1
  fi
  if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    cat "$dir/port"
    return 0
  fi
  mkdir -p "$dir"
  if [[ "$port" == 0 ]]; then
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
  fi
  cat >"$dir/elasticmq.conf" <<CONF
include classpath("application.conf")
node-address { protocol = http, host = "127.0.0.1", port = $port, context-path = "" }
rest-sqs { enabled = true, bind-port = $port, bind-hostname = "127.0.0.1", sqs-limits = relaxed }
# spray's default bind timeout (1 s) expires on a loaded machine before the JVM binds.
spray.can.server.bind-timeout = 30s
CONF
  rm -f "$dir/port"
  nohup java --add-opens java.base/java.util.regex=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    -Xmx256m -Dconfig.file="$dir/elasticmq.conf" -jar "$jar" </dev/null >"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 300); do
    if grep -q "Bound to /127.0.0.1:$port" "$dir/log" 2>/dev/null; then
      echo "$port" >"$dir/port"
      echo "$port"
      return 0
    fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "test-services: ElasticMQ did not start; see $dir/log" >&2
  return 1
}

stop_elasticmq() {
  local dir="$RENDITION_SERVICES_DIR/elasticmq"
  if [[ -f "$dir/pid" ]]; then
    local pid
    pid="$(cat "$dir/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$dir/pid" "$dir/port"
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  if [[ $# -lt 1 ]] || ! declare -F "$1" >/dev/null; then
    echo "usage: $0 {start_s3rver [PORT]|stop_s3rver|start_elasticmq [PORT]|stop_elasticmq}" >&2
    exit 2
  fi
  "$@"
fi
