#!/usr/bin/env bash
# The config server under a simulated fleet: DEVICES exporters polling every 60 s, compressed in time
# (POLL_MS between polls) and bounded (SECONDS), one device's config changed every CHANGE_MS. Prints
# requests/s served, p50/p99, the share of 304s, and the server's resident memory. Loopback only.
#
#   bench/fleet/bench.sh
#   DEVICES=1000 POLL_MS=1000 RUN_SECONDS=30 CHANGE_MS=500 PORT=19108 bench/fleet/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

devices=${DEVICES:-1000}
poll_ms=${POLL_MS:-1000}
seconds=${RUN_SECONDS:-30}
change_ms=${CHANGE_MS:-500}
port=${PORT:-19108}
jar=exporter/target/powermon.jar
# The small-footprint flags every shipped launch uses (README, Dockerfile, service units).
jvm_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
head -c 24 /dev/urandom | base64 >"$work/token"
token=$(cat "$work/token")
java "${jvm_flags[@]}" -jar "$jar" config-server --data-dir "$work/data" --auth.token-file "$work/token" \
  --web.listen-address="127.0.0.1:$port" 2>"$work/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/metrics" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/metrics" >/dev/null || { echo "config server did not start:"; cat "$work/stderr"; exit 1; }
printf 'collectors:\n  host:\n    enabled: true\n' |
  curl -fs -X PUT -H "Authorization: Bearer $token" --data-binary @- "http://127.0.0.1:$port/config/_default" >/dev/null

java bench/fleet/Pollers.java "http://127.0.0.1:$port" "$token" "$devices" "$poll_ms" "$seconds" "$change_ms"
rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
echo "server RSS $((rss_kib / 1024)) MiB"
