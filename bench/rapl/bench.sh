#!/usr/bin/env bash
# powermon's rapl collector beside Debian's node_exporter rapl collector, on the same generated powercap
# tree (2-socket Xeon with DRAM, a duplicate intel-rapl-mmio package, and one zone with a short range that
# wraps). Checks joules per zone, shows what a wrap does to each, then measures scrape latency (p50/p99
# over REQUESTS sequential scrapes) and CPU of both processes. Loopback only; every loop is bounded.
#
#   bench/rapl/bench.sh
#   REQUESTS=500 IDLE_SECONDS=60 PORT=19200 bench/rapl/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

requests=${REQUESTS:-300}
idle_seconds=${IDLE_SECONDS:-30}
port=${PORT:-19200}
ne_port=$((port + 1))
jar=exporter/target/powermon.jar
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
# The small-footprint flags every shipped launch uses (README, Dockerfile, service units).
jvm_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

[ -x "$node_exporter" ] || { echo "$node_exporter missing: apt-get install prometheus-node-exporter"; exit 1; }
[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sys="$work/sys"

# shellcheck source=bench/lib/powercap.sh
source "bench/lib/powercap.sh"
energy() { # energy ID VALUE: rewrite atomically, as the kernel's value never appears half-written
  local file="$sys/class/powercap/$1/energy_uj"
  echo "$2" >"$file.tmp" && mv "$file.tmp" "$file"
}

zone intel-rapl:0 package-0 100000000000 262143328850
zone intel-rapl:0:0 dram 5000000000 65532610987
zone intel-rapl:1 package-1 90000000 100000000 # wraps at 100 J
zone intel-rapl:1:0 dram 6000000000 65532610987
zone intel-rapl-mmio:0 package-0 100000000000 262143328850

java "${jvm_flags[@]}" -jar "$jar" --collector rapl --collector.rapl.sysfs="$sys" --collector.rapl.interval=100ms \
  --web.listen-address="127.0.0.1:$port" --web.admin-address=off --log.level=warn 2>"$work/powermon.log" &
pids+=($!)
pm_pid=$!
"$node_exporter" --collector.disable-defaults --collector.rapl --path.sysfs="$sys" \
  --web.listen-address="127.0.0.1:$ne_port" 2>"$work/node_exporter.log" &
pids+=($!)
ne_pid=$!
for url in "http://127.0.0.1:$port/metrics" "http://127.0.0.1:$ne_port/metrics"; do
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null --max-time 2 "$url" && break
    sleep 0.2
  done
  curl -fs -o /dev/null --max-time 5 "$url" || { echo "no answer on $url"; cat "$work"/*.log; exit 1; }
done

# powermon's joules for a label selector fragment, node_exporter's for a zone id (awk reads to the
# end: exiting early would break curl's pipe and fail the script under pipefail).
pm() { curl -fs --max-time 5 "http://127.0.0.1:$port/metrics" | awk -v sel="$1" \
  '!found && index($0, "powermon_energy_joules_total{") == 1 && index($0, sel) { print $NF; found = 1 }'; }
ne() { curl -fs --max-time 5 "http://127.0.0.1:$ne_port/metrics" | awk -v z="/$1\"" \
  '!found && /^node_rapl_.*_joules_total/ && index($0, z) { print $NF; found = 1 }'; }
# Gives powermon's background sampler (every 100 ms) time to read the new values.
settle() { sleep 0.5; }

declare -A selector=(
  [intel-rapl:0]='domain="package",socket="0"' [intel-rapl:0:0]='domain="dram",socket="0"'
  [intel-rapl:1]='domain="package",socket="1"' [intel-rapl:1:0]='domain="dram",socket="1"')
declare -A pm_before ne_before
for id in "${!selector[@]}"; do pm_before[$id]=$(pm "${selector[$id]}"); ne_before[$id]=$(ne "$id"); done
energy intel-rapl:0 100123456789
energy intel-rapl-mmio:0 100123456789
energy intel-rapl:0:0 5010000000
energy intel-rapl:1 95000000
energy intel-rapl:1:0 6020000000
settle
status=0
echo "joules added per zone (node_exporter delta vs powermon delta):"
for id in intel-rapl:0 intel-rapl:0:0 intel-rapl:1 intel-rapl:1:0; do
  n=$(awk -v a="$(ne "$id")" -v b="${ne_before[$id]}" 'BEGIN { printf "%.6f", a - b }')
  p=$(awk -v a="$(pm "${selector[$id]}")" -v b="${pm_before[$id]}" 'BEGIN { printf "%.6f", a - b }')
  verdict=same; [ "$n" = "$p" ] || { verdict=DIFFERENT; status=1; }
  printf '  %-16s node_exporter %12s J  powermon %12s J  %s\n' "$id" "$n" "$p" "$verdict"
done
echo "  node_exporter also serves intel-rapl-mmio:0 (package-0 again): $(ne intel-rapl-mmio:0) J; powermon lists it as"
echo "    $(curl -fs "http://127.0.0.1:$port/metrics" | grep -o 'rapl_zone="intel-rapl-mmio:0",socket="0",state="[a-z]*"')"

ne_wrap_before=$(ne intel-rapl:1)
pm_wrap_before=$(pm "${selector[intel-rapl:1]}")
energy intel-rapl:1 3000000 # 95 J -> wraps at 100 J -> 3 J: +8 J
settle
printf 'across a wrap of intel-rapl:1 (+8 J): node_exporter %s -> %s J, powermon %s -> %s J\n' \
  "$ne_wrap_before" "$(ne intel-rapl:1)" "$pm_wrap_before" "$(pm "${selector[intel-rapl:1]}")"

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# latency NAME URL PID: sequential scrapes, p50/p99, and the CPU the process spent serving them.
latency() {
  local name=$1 url=$2 pid=$3 before after count
  curl -fs -o /dev/null "$url" # warm-up
  before=$(cpu "$pid")
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 10 "$url"
  done | sort -n >"$work/lat.$name"
  after=$(cpu "$pid")
  count=$(wc -l <"$work/lat.$name")
  awk -v n="$name" -v c="$count" -v a="$(sed -n "$(( (count * 50 + 99) / 100 ))p" "$work/lat.$name")" \
    -v b="$(sed -n "$(( (count * 99 + 99) / 100 ))p" "$work/lat.$name")" -v t="$(( after - before ))" -v hz="$ticks" \
    'BEGIN { printf "%-14s %d scrapes: p50 %.2f ms, p99 %.2f ms, CPU %.1f ms per scrape\n", n, c, a * 1000, b * 1000, t / hz / c * 1000 }'
  echo "$name $(sed -n "$(( (count * 50 + 99) / 100 ))p" "$work/lat.$name") $(( after - before ))" >>"$work/summary"
}
latency node_exporter "http://127.0.0.1:$ne_port/metrics" "$ne_pid"
latency powermon "http://127.0.0.1:$port/metrics" "$pm_pid"
awk '{ p50[$1] = $2; cpu[$1] = $3 } END {
  printf "ratio powermon/node_exporter: p50 latency %.2f, CPU while scraping %s\n", p50["powermon"] / p50["node_exporter"],
    (cpu["node_exporter"] > 0) ? sprintf("%.2f", cpu["powermon"] / cpu["node_exporter"]) : "n/a" }' "$work/summary"

pm_idle=$(cpu "$pm_pid"); ne_idle=$(cpu "$ne_pid")
sleep "$idle_seconds"
awk -v p="$(( $(cpu "$pm_pid") - pm_idle ))" -v n="$(( $(cpu "$ne_pid") - ne_idle ))" -v hz="$ticks" -v s="$idle_seconds" \
  'BEGIN { printf "idle CPU over %d s (powermon samples every 100 ms, node_exporter only on scrape): powermon %.2f %%, node_exporter %.2f %% of one core\n", s, 100 * p / hz / s, 100 * n / hz / s }'
rss() { awk '/^VmRSS/ {printf "%.1f MiB", $2 / 1024}' "/proc/$1/status"; }
echo "RSS: powermon $(rss "$pm_pid"), node_exporter $(rss "$ne_pid")"
exit "$status"
