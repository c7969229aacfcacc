#!/usr/bin/env bash
# powermon beside Debian's node_exporter, in one run, on one live fake powercap tree (rapl only: both
# with their default collectors disabled), with the shipped launch (bin/powermon, its class cache
# recorded first by bin/powermon-train, as a restart finds it). Prints, for both: CPU per
# scrape (process CPU from /proc/PID/stat over sequential scrapes), p50/p99 at 1 and 20 concurrent
# scrapers (wrk), RSS after the 20-way load, start to first answered scrape, idle CPU (1 s sampling).
#
# Mode "scale": powermon alone with rapl + host + kasa, the Kasa simulator at 16/64/256/1024 devices;
# prints series, CPU per scrape and CPU per scrape per 1,000 series (the background sampling CPU, measured
# just before over the same time, subtracted).
#
# Mode "start": START_RUNS (5) launches, rapl only, of each launch below; prints the median wall and CPU
# time from launch to the first answered scrape, and RSS then: bin/powermon on the newest Java (25: AOT
# cache), bin/powermon on JAVA17 (default: the java on the PATH; AppCDS), and JAVA17 with the same flags
# and no class cache. Each cache is recorded first by bin/powermon-train.
#
# Mode "rss": rapl + host + kasa (RSS_DEVICES simulated plugs, 50) under RSS_CONNECTIONS (200) concurrent
# kept-alive scrapers for RSS_SECONDS (60); RSS sampled every RSS_EVERY seconds (5); prints every sample,
# first/last/max under load and the spread, scrapes, p50/p99/max latency, errors and timeouts.
#
# Loopback only, ephemeral ports, every loop bounded. Durations are settable for quick runs:
#   bench/footprint/bench.sh                     # side by side
#   LOAD_SECONDS=3 IDLE_SECONDS=5 bench/footprint/bench.sh
#   DEVICES="16 64" LOAD_SECONDS=5 bench/footprint/bench.sh scale
#   START_RUNS=3 bench/footprint/bench.sh start
#   RSS_SECONDS=20 bench/footprint/bench.sh rss
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-side}
load_seconds=${LOAD_SECONDS:-10}
idle_seconds=${IDLE_SECONDS:-60}
concurrency=${CONCURRENCY:-20}
devices=${DEVICES:-16 64 256 1024}
start_runs=${START_RUNS:-5}
jar=${POWERMON_JAR:-exporter/target/powermon.jar}
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}
# The README's flags, for a tree that predates bin/powermon.
readme_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }
[ -x "$node_exporter" ] || { echo "$node_exporter missing: apt-get install prometheus-node-exporter"; exit 1; }
[ -f "$jar" ] || mvn -B -q -ntp -pl exporter -am package -DskipTests
work=$(mktemp -d)
pids=()
cleanup() {
  [ "${#pids[@]}" -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
ticks=$(getconf CLK_TCK)

# A port the kernel says is free now (bound and released); ephemeral, loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
now_ns() { date +%s%N; }

powermon() { # powermon PORT ARGS...: starts it in the background, pid in $started
  local port=$1
  shift
  local args=(--web.listen-address="127.0.0.1:$port" --web.admin-address=off --log.level=warn "$@")
  if [ -x bin/powermon ]; then
    # The run's own class cache (recorded by train_cache), so no cache of an earlier build is used.
    POWERMON_JAR="$jar" POWERMON_CACHE="${POWERMON_CACHE:-$work/powermon.cache}" \
      bin/powermon "${args[@]}" 2>>"$work/powermon.log" &
  else
    java "${readme_flags[@]}" -jar "$jar" "${args[@]}" 2>>"$work/powermon.log" &
  fi
  started=$!
  pids+=("$started")
}

# first_scrape URL START_NS: milliseconds from START_NS to the first 200 on URL (polled every 10 ms, 30 s max)
first_scrape() {
  local i
  for i in $(seq 1 3000); do
    if curl -fs -o /dev/null --max-time 1 "$1"; then
      awk -v a="$2" -v b="$(now_ns)" 'BEGIN { printf "%.0f", (b - a) / 1e6 }'
      return 0
    fi
    sleep 0.01
  done
  echo "no answer on $1" >&2
  cat "$work"/*.log >&2
  return 1
}

# load URL CONNECTIONS SECONDS: "requests p50_ms p99_ms errors" from wrk
load() {
  local threads=$(($2 < 2 ? 1 : 2))
  wrk -t"$threads" -c"$2" -d"$3"s --timeout 10s --latency "$1" >"$work/wrk.out" 2>&1 || true
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    /requests in/ { n = $1 }
    /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx/ { err += $NF }
    END { printf "%d %.2f %.2f %d\n", n, p50, p99, err }' "$work/wrk.out"
}

# cpu_per_scrape URL PID SECONDS: "scrapes ms_cpu_per_scrape p50 p99" over sequential scrapes
cpu_per_scrape() {
  local before after result
  curl -fs -o /dev/null "$1" # warm-up
  before=$(cpu_ticks "$2")
  read -ra result < <(load "$1" 1 "$3")
  after=$(cpu_ticks "$2")
  awk -v n="${result[0]}" -v t="$((after - before))" -v hz="$ticks" -v p50="${result[1]}" -v p99="${result[2]}" \
    'BEGIN { printf "%d %.3f %.2f %.2f\n", n, (n > 0 ? t / hz * 1000 / n : 0), p50, p99 }'
}

# idle_cpu PID SECONDS: percent of one core, sampled every second
idle_cpu() {
  local first last i
  first=$(cpu_ticks "$1")
  for i in $(seq 1 "$2"); do sleep 1; last=$(cpu_ticks "$1"); done
  awk -v t="$((last - first))" -v hz="$ticks" -v s="$2" 'BEGIN { printf "%.2f", 100 * t / hz / s }'
}

# A live powercap tree: a 2-socket host with DRAM, counters advanced every 100 ms (bounded to 2 h).
sys="$work/sys"
# shellcheck source=bench/lib/powercap.sh
source "bench/lib/powercap.sh"
zone intel-rapl:0 package-0 100000000000 262143328850
zone intel-rapl:0:0 dram 5000000000 65532610987
zone intel-rapl:1 package-1 90000000000 262143328850
zone intel-rapl:1:0 dram 6000000000 65532610987
(
  for i in $(seq 1 72000); do
    for id in intel-rapl:0 intel-rapl:0:0 intel-rapl:1 intel-rapl:1:0; do
      f="$sys/class/powercap/$id/energy_uj"
      echo $(($(cat "$f") + 1500000 + i % 7)) >"$f.tmp" && mv "$f.tmp" "$f"
    done
    sleep 0.1
  done
) &
pids+=($!)

info() {
  echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1); node_exporter: $("$node_exporter" --version 2>&1 | head -1 | cut -d' ' -f1-3)"
  if [ -x bin/powermon ]; then echo "launch: bin/powermon"; else echo "launch: java ${readme_flags[*]} -jar"; fi
}

# train_cache ARGS...: bin/powermon-train records the class cache the next powermon calls will use.
train_cache() {
  [ -x bin/powermon-train ] || return 0
  POWERMON_JAR="$jar" POWERMON_CACHE="${POWERMON_CACHE:-$work/powermon.cache}" \
    bin/powermon-train "$@" >>"$work/train.log" 2>&1 || { cat "$work/train.log"; exit 1; }
}

rapl_only=(--collector.disable-defaults --collector rapl --collector.rapl.sysfs="$sys")

# start_row LABEL CACHE JAVA: START_RUNS launches of bin/powermon with POWERMON_CACHE=CACHE and
# POWERMON_JAVA=JAVA (empty: the newest); medians of wall and CPU ms to the first answered scrape, and
# RSS then, as one table row.
start_row() {
  local label=$1 cache=$2 java_bin=$3 i port t0 walls=() cpus=() rss=0
  for i in $(seq 1 "$start_runs"); do
    port=$(free_port)
    t0=$(now_ns)
    POWERMON_CACHE=$cache POWERMON_JAVA=$java_bin powermon "$port" "${rapl_only[@]}"
    walls+=("$(first_scrape "http://127.0.0.1:$port/metrics" "$t0")")
    cpus+=("$(awk -v hz="$ticks" '{ printf "%.0f", ($14 + $15) / hz * 1000 }' "/proc/$started/stat")")
    rss=$(rss_mib "$started")
    kill "$started" 2>/dev/null || true
    wait "$started" 2>/dev/null || true
  done
  median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
  printf '| %s | %s | %s | %s |\n' "$label" "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$rss"
}

start_times() {
  local java17=${JAVA17:-$(command -v java)}
  info
  echo "rapl only; median of $start_runs launches; RSS at the last one's first scrape"
  echo
  echo "| launch | start to first scrape, ms | CPU until then, ms | RSS, MiB |"
  echo "|---|---|---|---|"
  POWERMON_CACHE=$work/newest.cache train_cache "${rapl_only[@]}"
  start_row "bin/powermon, newest Java, class cache" "$work/newest.cache" ""
  POWERMON_CACHE=$work/java17.cache POWERMON_JAVA=$java17 train_cache "${rapl_only[@]}"
  start_row "bin/powermon, $("$java17" -version 2>&1 | head -1 | cut -d'"' -f2), AppCDS" "$work/java17.cache" "$java17"
  start_row "same Java and flags, no class cache" off "$java17"
}

side_by_side() {
  local ne_port pm_port ne_pid pm_pid t0 ne_start pm_start
  ne_port=$(free_port)
  t0=$(now_ns)
  "$node_exporter" --collector.disable-defaults --collector.rapl --path.sysfs="$sys" \
    --web.listen-address="127.0.0.1:$ne_port" 2>"$work/node_exporter.log" &
  ne_pid=$!
  pids+=("$ne_pid")
  ne_start=$(first_scrape "http://127.0.0.1:$ne_port/metrics" "$t0")
  train_cache "${rapl_only[@]}"
  pm_port=$(free_port)
  t0=$(now_ns)
  powermon "$pm_port" "${rapl_only[@]}"
  pm_pid=$started
  pm_start=$(first_scrape "http://127.0.0.1:$pm_port/metrics" "$t0")

  local ne_url="http://127.0.0.1:$ne_port/metrics" pm_url="http://127.0.0.1:$pm_port/metrics"
  local ne_seq pm_seq ne_c pm_c ne_rss pm_rss ne_idle pm_idle
  read -ra ne_seq < <(cpu_per_scrape "$ne_url" "$ne_pid" "$load_seconds")
  read -ra pm_seq < <(cpu_per_scrape "$pm_url" "$pm_pid" "$load_seconds")
  read -ra ne_c < <(load "$ne_url" "$concurrency" "$load_seconds")
  read -ra pm_c < <(load "$pm_url" "$concurrency" "$load_seconds")
  ne_rss=$(rss_mib "$ne_pid")
  pm_rss=$(rss_mib "$pm_pid")
  ne_idle=$(idle_cpu "$ne_pid" "$idle_seconds")
  pm_idle=$(idle_cpu "$pm_pid" "$idle_seconds")

  info
  echo "series: node_exporter $(curl -fs "$ne_url" | grep -vc '^#'), powermon $(curl -fs "$pm_url" | grep -vc '^#')"
  echo "sequential: ${load_seconds} s of 1 scraper; concurrent: ${load_seconds} s of $concurrency; idle: ${idle_seconds} s"
  echo
  row() { awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN {
    printf "| %-34s | %13s | %9s | %s |\n", l, a, b, (a + 0 > 0 ? sprintf("%.2fx", b / a) : "n/a") }'; }
  printf '| %-34s | %13s | %9s | %s |\n' "" node_exporter powermon ratio
  echo "|---|---|---|---|"
  row "CPU per scrape, ms (sequential)" "${ne_seq[1]}" "${pm_seq[1]}"
  row "p50 at 1 scraper, ms" "${ne_seq[2]}" "${pm_seq[2]}"
  row "p99 at 1 scraper, ms" "${ne_seq[3]}" "${pm_seq[3]}"
  row "p50 at $concurrency scrapers, ms" "${ne_c[1]}" "${pm_c[1]}"
  row "p99 at $concurrency scrapers, ms" "${ne_c[2]}" "${pm_c[2]}"
  row "RSS after $concurrency-way load, MiB" "$ne_rss" "$pm_rss"
  row "start to first answered scrape, ms" "$ne_start" "$pm_start"
  row "idle CPU, % of one core" "$ne_idle" "$pm_idle"
  echo
  echo "scrapes: sequential node_exporter ${ne_seq[0]}, powermon ${pm_seq[0]}; concurrent node_exporter ${ne_c[0]} (errors ${ne_c[3]}), powermon ${pm_c[0]} (errors ${pm_c[3]})"
}

# start_sim N: the Kasa simulator with N plug-new devices on loopback, running until stop_sim closes
# its standard input; their --collector.kasa.target flags in $targets, its pid in $sim_pid.
start_sim() {
  local n=$1 fifo="$work/sim.$1.in" i
  local cp="collectors-kasa/target/test-classes:$jar"
  [ -d collectors-kasa/target/test-classes/dev/powermon/kasa/sim ] || mvn -B -q -ntp -pl collectors-kasa -am test-compile
  mkfifo "$fifo"
  java -Xmx256m -cp "$cp" dev.powermon.kasa.sim.KasaSimulatorMain --bind 127.0.0.1 --port 0 \
    --profile plug-new --count "$n" <"$fifo" >"$work/sim.$n.out" 2>"$work/sim.$n.log" &
  sim_pid=$!
  pids+=("$sim_pid")
  exec 9>"$fifo" # hold the fifo open from here
  for i in $(seq 1 600); do grep -qx ready "$work/sim.$n.out" && break; sleep 0.1; done
  grep -qx ready "$work/sim.$n.out" || { echo "simulator did not start"; cat "$work/sim.$n.log"; exit 1; }
  mapfile -t targets < <(awk '$1 == "device" { print "--collector.kasa.target=" $3 }' "$work/sim.$n.out")
}

stop_sim() {
  kill "$sim_pid" 2>/dev/null || true
  exec 9>&-
  wait "$sim_pid" 2>/dev/null || true
}

# powermon_kasa PORT: powermon with rapl + host + kasa on the simulator's $targets; pid in $started
powermon_kasa() {
  powermon "$1" --collector rapl --collector.rapl.sysfs="$sys" --collector host --collector kasa \
    --collector.kasa.poll-interval=10s "${targets[@]}"
}

scale() {
  local n
  info
  echo "rapl + host + kasa (plug-new devices on loopback); ${load_seconds} s of 1 scraper per size"
  echo
  echo "| devices | series | CPU per scrape, ms | per 1,000 series, ms | background CPU, % | RSS, MiB | start to first scrape, ms |"
  echo "|---|---|---|---|---|---|---|"
  for n in $devices; do
    local port pm_pid url t0 start
    start_sim "$n"
    port=$(free_port)
    t0=$(now_ns)
    powermon_kasa "$port"
    pm_pid=$started
    url="http://127.0.0.1:$port/metrics"
    start=$(first_scrape "$url" "$t0")
    sleep 2
    local series bg_first bg_last seq
    series=$(curl -fs "$url" | grep -vc '^#')
    bg_first=$(cpu_ticks "$pm_pid")
    sleep "$load_seconds"
    bg_last=$(cpu_ticks "$pm_pid")
    read -ra seq < <(cpu_per_scrape "$url" "$pm_pid" "$load_seconds")
    awk -v n="$n" -v s="$series" -v c="${seq[1]}" -v sc="${seq[0]}" -v bg="$((bg_last - bg_first))" \
      -v hz="$ticks" -v d="$load_seconds" -v rss="$(rss_mib "$pm_pid")" -v st="$start" 'BEGIN {
        net = c - (bg / hz * 1000) / sc
        printf "| %d | %d | %.3f (raw %.3f) | %.3f | %.2f | %s | %s |\n", n, s, net, c, net / s * 1000, 100 * bg / hz / d, rss, st }'
    kill "$pm_pid" 2>/dev/null || true
    wait "$pm_pid" 2>/dev/null || true
    stop_sim
  done
}

rss_flat() {
  local n=${RSS_DEVICES:-50} seconds=${RSS_SECONDS:-60} every=${RSS_EVERY:-5} conns=${RSS_CONNECTIONS:-200}
  local port pm_pid url idle cpu_before cpu_after wrk_pid samples=() i
  start_sim "$n"
  port=$(free_port)
  powermon_kasa "$port"
  pm_pid=$started
  url="http://127.0.0.1:$port/metrics"
  first_scrape "$url" "$(now_ns)" >/dev/null
  sleep 2
  idle=$(rss_mib "$pm_pid")
  cpu_before=$(cpu_ticks "$pm_pid")
  wrk -t2 -c"$conns" -d"$seconds"s --timeout 10s --latency "$url" >"$work/wrk.rss.out" 2>&1 &
  wrk_pid=$!
  for i in $(seq 1 $((seconds / every))); do
    sleep "$every"
    samples+=("$(rss_mib "$pm_pid")")
  done
  wait "$wrk_pid" || true
  cpu_after=$(cpu_ticks "$pm_pid")
  info
  echo "rapl + host + kasa ($n plug-new devices on loopback); $conns kept-alive scrapers for $seconds s (wrk)"
  echo "RSS, MiB, before load: $idle; every $every s under load: ${samples[*]}"
  printf '%s\n' "${samples[@]}" | awk -v idle="$idle" '
    NR == 1 { first = $1; max = $1; min = $1 } { last = $1; if ($1 > max) max = $1; if ($1 < min) min = $1 }
    END { printf "RSS under load: first %.1f, last %.1f, max %.1f MiB; max/first %.2f, (max - min)/first %.1f %%\n",
      first, last, max, max / first, 100 * (max - min) / first }'
  awk -v t="$((cpu_after - cpu_before))" -v hz="$ticks" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Latency/ && !lat { lmax = ms($4); lat = 1 } / 50%/ { p50 = ms($2) } / 99%/ { p99 = ms($2) }
    /requests in/ { n = $1 }
    /Socket errors/ { gsub(/,/, ""); err += $4 + $6 + $8; to = $10 }
    /Non-2xx/ { non2xx = $NF }
    END { printf "scrapes %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms, socket errors %d, timeouts %d, non-2xx %d, CPU per scrape %.3f ms\n",
      n, p50, p99, lmax, err, to, non2xx, (n > 0 ? t / hz * 1000 / n : 0) }' "$work/wrk.rss.out"
}

case "$mode" in
  side) side_by_side ;;
  scale) scale ;;
  start) start_times ;;
  rss) rss_flat ;;
  *) echo "usage: bench/footprint/bench.sh [side|scale|start|rss]"; exit 2 ;;
esac
