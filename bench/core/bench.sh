#!/usr/bin/env bash
# Measures powermon's /metrics latency under concurrent scrapers, then its idle CPU and resident memory.
# Loopback only; every loop is bounded. Extra arguments go to powermon (e.g. --collector rapl ...).
#
#   bench/core/bench.sh [powermon args...]
#   SCRAPERS=8 REQUESTS=250 IDLE_SECONDS=60 PORT=19100 bench/core/bench.sh --collector host
set -euo pipefail
cd "$(dirname "$0")/../.."

scrapers=${SCRAPERS:-4}
requests=${REQUESTS:-200}
idle_seconds=${IDLE_SECONDS:-60}
port=${PORT:-19100}
jar=exporter/target/powermon.jar
# The small-footprint flags every shipped launch uses (README, Dockerfile, service units).
jvm_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
java "${jvm_flags[@]}" -jar "$jar" --web.listen-address="127.0.0.1:$port" --web.admin-address=off \
  --log.level=warn "$@" 2>"$work/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/-/healthy" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fs "http://127.0.0.1:$port/-/healthy" >/dev/null || { echo "powermon did not start:"; cat "$work/stderr"; exit 1; }
curl -fs "http://127.0.0.1:$port/metrics" >/dev/null # warm-up scrape

scrape() {
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 10 "http://127.0.0.1:$port/metrics"
  done
}
for i in $(seq 1 "$scrapers"); do scrape >"$work/lat.$i" & done
wait_for=$(jobs -p | grep -v "^$pid$" || true)
for job in $wait_for; do wait "$job"; done
sort -n "$work"/lat.* >"$work/all"
count=$(wc -l <"$work/all")
p50=$(sed -n "$(( (count * 50 + 99) / 100 ))p" "$work/all")
p99=$(sed -n "$(( (count * 99 + 99) / 100 ))p" "$work/all")

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(cpu)
sleep "$idle_seconds"
after=$(cpu)
rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")

printf 'scrapes: %d (%d scrapers x %d)\n' "$count" "$scrapers" "$requests"
awk -v a="$p50" -v b="$p99" 'BEGIN { printf "latency: p50 %.1f ms, p99 %.1f ms\n", a * 1000, b * 1000 }'
awk -v t="$(( after - before ))" -v hz="$ticks" -v s="$idle_seconds" \
  'BEGIN { printf "idle CPU: %.2f %% of one core over %d s\n", 100 * t / hz / s, s }'
awk -v k="$rss_kib" 'BEGIN { printf "RSS: %.1f MiB\n", k / 1024 }'
