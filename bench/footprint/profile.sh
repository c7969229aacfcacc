#!/usr/bin/env bash
# Profiles a steady scrape loop with JFR: powermon (rapl only, on a fake powercap tree, the shipped
# launch flags plus a flight recording) takes LOAD_SECONDS of one wrk connection's sequential scrapes.
# Prints bytes allocated per scrape (the sum of JFR's allocation-sample weights over the scrape loop,
# divided by the scrapes) and the top frames by CPU samples and by allocated bytes.
# Loopback, an ephemeral port, bounded loops.
#
#   bench/footprint/profile.sh                   # POWERMON_JAR=... profiles another build
#   LOAD_SECONDS=30 TOP=15 bench/footprint/profile.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

load_seconds=${LOAD_SECONDS:-20}
top=${TOP:-12}
jar=${POWERMON_JAR:-exporter/target/powermon.jar}
flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData)

command -v wrk >/dev/null || { echo "wrk missing: apt-get install wrk"; exit 1; }
[ -f "$jar" ] || mvn -B -q -ntp -pl exporter -am package -DskipTests
work=$(mktemp -d)
pid=
trap '[ -z "$pid" ] || kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
sys="$work/sys"
# shellcheck source=bench/lib/powercap.sh
source "bench/lib/powercap.sh"
zone intel-rapl:0 package-0 100000000000 262143328850
zone intel-rapl:0:0 dram 5000000000 65532610987
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/metrics"

java "${flags[@]}" -XX:StartFlightRecording=name=scrape,settings=profile -jar "$jar" --collector rapl \
  --collector.rapl.sysfs="$sys" --web.listen-address="127.0.0.1:$port" --web.admin-address=off \
  --log.level=warn 2>"$work/powermon.log" &
pid=$!
for _ in $(seq 1 300); do curl -fs -o /dev/null --max-time 1 "$url" && break; sleep 0.1; done
curl -fs -o /dev/null "$url" || { echo "no answer on $url"; cat "$work/powermon.log"; exit 1; }
# Warm up, then record only the steady loop.
wrk -t1 -c1 -d3s "$url" >/dev/null
jcmd "$pid" JFR.stop name=scrape >/dev/null
jcmd "$pid" JFR.start name=steady settings=profile >/dev/null
wrk -t1 -c1 -d"$load_seconds"s "$url" >"$work/wrk.out"
jcmd "$pid" JFR.dump name=steady filename="$work/steady.jfr" >/dev/null
scrapes=$(awk '/requests in/ { print $1 }' "$work/wrk.out")

jfr print --json --events jdk.ObjectAllocationSample "$work/steady.jfr" >"$work/alloc.json"
jfr print --json --events jdk.ExecutionSample "$work/steady.jfr" >"$work/cpu.json"
python3 - "$work/alloc.json" "$work/cpu.json" "$scrapes" "$top" <<'EOF'
import collections, json, sys

alloc_file, cpu_file, scrapes, top = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

def events(path):
    return json.load(open(path))["recording"]["events"]

def frame(event, skip=()):
    # The first frame outside the JDK's own allocation plumbing names who allocated or ran.
    for f in (event["values"].get("stackTrace") or {}).get("frames", []):
        m = f["method"]
        name = m["type"]["name"].replace("/", ".") + "." + m["name"]
        if not name.startswith(skip):
            return name
    return "(no stack)"

bytes_by = collections.Counter()
total = 0
for e in events(alloc_file):
    w = e["values"]["weight"]
    total += w
    bytes_by[frame(e, ("java.", "jdk.internal."))] += w
print(f"scrapes: {scrapes}; bytes allocated per scrape: {total / max(scrapes, 1):,.0f}")
print(f"\ntop {top} allocating frames (first frame outside java.*/jdk.internal.*), bytes per scrape:")
for name, w in bytes_by.most_common(top):
    print(f"  {w / max(scrapes, 1):>10,.0f}  {name}")
cpu = collections.Counter(frame(e, ("java.", "jdk.", "sun.")) for e in events(cpu_file))
n = sum(cpu.values())
print(f"\ntop {top} frames by CPU samples (first frame outside java.*/jdk.*/sun.*; {n} samples):")
for name, c in cpu.most_common(top):
    print(f"  {100 * c / max(n, 1):5.1f} %  {name}")
EOF
