#!/usr/bin/env bash
# High-rate sampling and push: the exporter's CPU with rapl + host sampling every 10 ms against every 1 s,
# and the remote-write throughput (samples per second accepted) at 10 ms, pushing to a local Prometheus
# with its remote-write receiver on. rapl reads a generated powercap tree (2 sockets, package + DRAM each,
# counters advanced every 10 ms by a writer loop). host's estimate is forced on; OSHI caches CPU ticks for
# 300 ms, so host samples every 500 ms at best. Loopback only; every loop is bounded.
#
#   bench/push/bench.sh
#   SECONDS_PER_RUN=60 PORT=19300 bench/push/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

run_seconds=${SECONDS_PER_RUN:-30}
port=${PORT:-19300}
prom_port=$((port + 1))
jar=exporter/target/powermon.jar
# The small-footprint flags every shipped launch uses (README, Dockerfile, service units).
jvm_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

command -v prometheus >/dev/null || { echo "prometheus missing: apt-get install prometheus"; exit 1; }
[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sys="$work/sys"

# shellcheck source=bench/lib/powercap.sh
source "bench/lib/powercap.sh"
zones=(intel-rapl:0 intel-rapl:0:0 intel-rapl:1 intel-rapl:1:0)
zone intel-rapl:0 package-0 1000000 262143328850
zone intel-rapl:0:0 dram 1000000 262143328850
zone intel-rapl:1 package-1 1000000 262143328850
zone intel-rapl:1:0 dram 1000000 262143328850

# Advances every counter by 0.3 J every 10 ms (30 W per zone), rewriting atomically as the kernel's value
# never appears half-written. Bounded: stops after the longest run could take.
(
  uj=1000000
  end=$((SECONDS + 4 * run_seconds + 120))
  while [ "$SECONDS" -lt "$end" ]; do
    uj=$((uj + 300000))
    for id in "${zones[@]}"; do
      f="$sys/class/powercap/$id/energy_uj"
      echo "$uj" >"$f.tmp" && mv "$f.tmp" "$f"
    done
    sleep 0.01
  done
) &
pids+=($!)

: >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --web.enable-remote-write-receiver 2>"$work/prometheus.log" &
pids+=($!)
for _ in $(seq 1 150); do
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$prom_port/-/ready" && break
  sleep 0.2
done

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
metric() { # metric NAME_AND_LABELS: the value of the first matching series in powermon's /metrics
  curl -fs --max-time 5 "http://127.0.0.1:$port/metrics" | awk -v m="$1" '!f && index($0, m) == 1 { print $NF; f = 1 }'
}

# measure LABEL INTERVAL [push flags...]: starts powermon, lets it settle 10 s, then measures over run_seconds.
measure() {
  local label=$1 interval=$2 pid c0 c1 s0 s1 d1
  shift 2
  java "${jvm_flags[@]}" -jar "$jar" --collector rapl,host --collector.rapl.sysfs="$sys" \
    --collector.rapl.interval="$interval" --collector.host.interval="$( [ "$interval" = 10ms ] && echo 500ms || echo "$interval")" \
    --collector.host.estimate=on --web.listen-address="127.0.0.1:$port" --web.admin-address=off --log.level=warn \
    "$@" 2>"$work/powermon-$label.log" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$port/metrics" && break
    sleep 0.2
  done
  sleep 10
  c0=$(cpu "$pid")
  s0=$(metric 'powermon_push_samples_sent_total{' || true)
  sleep "$run_seconds"
  c1=$(cpu "$pid")
  s1=$(metric 'powermon_push_samples_sent_total{' || true)
  d1=$(metric 'powermon_push_samples_dropped_total{reason="queue_full"' || true)
  awk -v l="$label" -v c="$((c1 - c0))" -v hz="$ticks" -v s="$run_seconds" -v a="${s0:-0}" -v b="${s1:-0}" -v d="${d1:-0}" \
    'BEGIN { printf "%-28s CPU %5.2f %% of one core", l, 100 * c / hz / s;
             if (b > 0) printf ", pushed %.0f samples/s (dropped %d)", (b - a) / s, d; printf "\n" }'
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}

echo "rapl (5 series) + host estimate, ${run_seconds} s per run, $(nproc) CPUs:"
measure "1 s sampling" 1s
measure "10 ms sampling" 10ms
measure "10 ms sampling + push 10 s" 10ms --push.remote-write.url="http://127.0.0.1:$prom_port/api/v1/write" \
  --push.interval=10s --push.instance=bench
stored=$(curl -fs --max-time 10 "http://127.0.0.1:$prom_port/api/v1/query" \
  --data-urlencode 'query=count_over_time(powermon_energy_joules_total{instance="bench",source="rapl",domain="total"}[10m])' |
  jq -r '.data.result[0].value[1] // "0"')
echo "Prometheus stored $stored readings of the rapl total (one per 10 ms sample that reached it)"
