#!/bin/sh
# Kasa collector benchmark: 256 simulated devices on 127.0.0.1, 10 % dead (accept, never answer).
# Reports poll-cycle time and collect() latency with and without the dead devices; the devices run
# in a process of their own, and the CPU of each side and the first cycle's HTTP exchanges per KLAP
# device are reported too.
# Usage: bench/kasa/run.sh [devices] [dead-percent] [cycles] [klap-percent] [poll-threads] [collect-ms]
#   (MAVEN_FLAGS=-o to stay offline; poll-threads defaults to the setting's default, 64; collect-ms,
#   the pause between two collect() calls, to 5)
# klap-percent: that share of the devices speaks KLAP v2 (legacy and SMART profiles); e.g. 256 10 3 50
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086 # MAVEN_FLAGS is a list of flags
mvn -B -q ${MAVEN_FLAGS:-} -pl collectors-kasa -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/kasa-test.classpath -Dmdep.includeScope=test
cp="collectors-kasa/target/test-classes:collectors-kasa/target/classes:$(cat collectors-kasa/target/kasa-test.classpath)"
exec java -Xmx512m -cp "$cp" dev.powermon.kasa.bench.KasaBench "$@"
