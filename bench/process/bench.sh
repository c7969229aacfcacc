#!/usr/bin/env bash
# The process collector's CPU per interval at 100, 1,000 and 5,000 processes on generated /proc trees,
# and on this machine's /proc. Grouping by container with a match rule (the costliest settings), 1 % of
# the processes replaced every interval; the sampling thread's CPU time only, with the shipped JIT flags.
# Every loop is bounded (SAMPLES intervals per case, at most 1000).
#
#   bench/process/bench.sh
#   SAMPLES=50 bench/process/bench.sh
#   SLEEPERS=900 bench/process/bench.sh    the real /proc with 900 more (idle, bounded) processes
set -euo pipefail
cd "$(dirname "$0")/../.."

samples=${SAMPLES:-30}
# The small-footprint flags every shipped launch uses (README, Dockerfile, service units).
jvm_flags=(-XX:+UseSerialGC -Xms8m -Xmx64m -XX:TieredStopAtLevel=1 -Xss256k -XX:ReservedCodeCacheSize=16m
  -XX:MaxMetaspaceSize=64m -XX:-UsePerfData)

mvn -B -q -ntp -pl collectors-process -am test-compile
cp="collectors-process/target/classes:collectors-process/target/test-classes:collector-api/target/classes"
work=$(mktemp -d)
sleepers=()
cleanup() {
  rm -rf "$work"
  if ((${#sleepers[@]})); then kill "${sleepers[@]}" 2>/dev/null || true; fi
}
trap cleanup EXIT

echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in 100 1000 5000; do
  timeout 600 java "${jvm_flags[@]}" -cp "$cp" dev.powermon.process.ProcessBench generate "$work/proc-$n" "$n" "$samples"
  rm -rf "$work/proc-$n"
done
for ((i = 0; i < ${SLEEPERS:-0} && i < 10000; i++)); do
  sleep 600 &
  sleepers+=($!)
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 600 java "${jvm_flags[@]}" -cp "$cp" dev.powermon.process.ProcessBench real /proc "$samples"
