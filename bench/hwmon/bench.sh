#!/usr/bin/env bash
# powermon's hwmon collector beside Debian's node_exporter hwmon collector, on one generated hwmon tree
# (INA260, two identical INA226, amdgpu, an ACPI power meter, a PMBus PSU, coretemp). Compares every
# channel both read (watts, amperes, volts, degrees), changes the readings once and compares again.
# Exit status 1 if any value differs. Loopback only; every loop is bounded.
#
#   bench/hwmon/bench.sh
#   PORT=19300 bench/hwmon/bench.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${PORT:-19300}
ne_port=$((port + 1))
jar=exporter/target/powermon.jar
node_exporter=${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}

[ -x "$node_exporter" ] || { echo "$node_exporter missing: apt-get install prometheus-node-exporter"; exit 1; }
[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
sys="$work/sys"

# chip HWMON DEVICE_PATH FILE=VALUE...: the kernel's layout, the chip under its device with a `device`
# link back up, class/hwmon/HWMON a relative symlink to it. No *_label files, so both exporters name
# every channel power1, curr1... and the comparison needs no label mapping.
chip() {
  local hwmon=$1 device=$2 dir pair
  shift 2
  dir="$sys/$device/hwmon/$hwmon"
  mkdir -p "$dir" "$sys/class/hwmon"
  ln -s ../.. "$dir/device"
  for pair in "$@"; do echo "${pair#*=}" >"$dir/${pair%%=*}"; done
  ln -s "../../$device/hwmon/$hwmon" "$sys/class/hwmon/$hwmon"
}
set_value() { # set_value HWMON FILE VALUE: atomically, as the kernel's value never appears half-written
  local file="$sys/class/hwmon/$1/$2"
  echo "$3" >"$file.tmp" && mv "$file.tmp" "$file"
}

chip hwmon0 devices/platform/coretemp.0 name=coretemp temp1_input=48000 temp2_input=46000
chip hwmon1 devices/pci0000:00/0000:00:01.1/0000:03:00.0 name=amdgpu power1_input=120250000 temp1_input=61000 \
  in0_input=1100
chip hwmon2 devices/platform/soc/fe804000.i2c/i2c-3/3-0044 name=ina226 in0_input=2 in1_input=12000 \
  curr1_input=2500 power1_input=30000000
chip hwmon3 devices/platform/soc/fe804000.i2c/i2c-3/3-0045 name=ina226 in0_input=2 in1_input=12000 \
  curr1_input=500 power1_input=6000000
chip hwmon4 devices/LNXSYSTM:00/LNXSYBUS:00/ACPI000D:00 name=power_meter power1_average=187500000
chip hwmon5 devices/platform/ahb/1e78a000.i2c-bus/i2c-7/7-0058 name=pmbus in1_input=230000 in2_input=12100 \
  curr1_input=1200 curr2_input=20660 power1_input=276000000 power2_input=250000000 temp1_input=38000
chip hwmon6 devices/platform/axi/1f00074000.i2c/i2c-1/1-0040 name=ina260 in1_input=5104 curr1_input=1250 \
  power1_input=6380000

java -jar "$jar" --collector hwmon --collector.hwmon.sysfs="$sys" --collector.hwmon.interval=100ms \
  --web.listen-address="127.0.0.1:$port" --web.admin-address=off --log.level=warn 2>"$work/powermon.log" &
pids+=($!)
"$node_exporter" --collector.disable-defaults --collector.hwmon --path.sysfs="$sys" \
  --web.listen-address="127.0.0.1:$ne_port" 2>"$work/node_exporter.log" &
pids+=($!)
for url in "http://127.0.0.1:$port/metrics" "http://127.0.0.1:$ne_port/metrics"; do
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null --max-time 2 "$url" && break
    sleep 0.2
  done
  curl -fs -o /dev/null --max-time 5 "$url" || { echo "no answer on $url"; cat "$work"/*.log; exit 1; }
done

# Both expositions as "KIND CHIP SENSOR VALUE" lines, powermon's chip translated to node_exporter's
# label (the device's parent and own directory names, lower-cased, other characters as "_").
pm_values() {
  curl -fs --max-time 5 "http://127.0.0.1:$port/metrics" | awk '
    function clean(s) { s = tolower(s); gsub(/[^a-z0-9:_]/, "_", s); gsub(/^_+|_+$/, "", s); return s }
    function label(line, name,   m) { if (match(line, name "=\"[^\"]*\"")) { m = substr(line, RSTART, RLENGTH);
      return substr(m, length(name) + 3, length(m) - length(name) - 3) } return "" }
    /^powermon_hwmon_chip_info\{/ { n = split(label($0, "device"), p, "/"); node[label($0, "chip")] = clean(p[n - 1]) "_" clean(p[n]) }
    /^powermon_hwmon_(power|power_average|current|voltage|temperature)_[a-z]+\{/ {
      kind = $0; sub(/\{.*/, "", kind); sub(/^powermon_hwmon_/, "", kind)
      rows[++r] = kind SUBSEP label($0, "chip") SUBSEP label($0, "sensor") SUBSEP $NF }
    END { for (i = 1; i <= r; i++) { split(rows[i], f, SUBSEP); print f[1], node[f[2]], f[3], f[4] } }' | sort
}
ne_values() {
  curl -fs --max-time 5 "http://127.0.0.1:$ne_port/metrics" | awk '
    BEGIN { k["node_hwmon_power_watt"] = "power_watts"; k["node_hwmon_power_average_watt"] = "power_average_watts";
      k["node_hwmon_curr_amps"] = "current_amperes"; k["node_hwmon_in_volts"] = "voltage_volts";
      k["node_hwmon_temp_celsius"] = "temperature_celsius" }
    /^node_hwmon_[a-z_]+\{chip="[^"]*",sensor="[^"]*"\} / { name = $0; sub(/\{.*/, "", name)
      if (!(name in k)) next
      chip = $0; sub(/^[^"]*"/, "", chip); sensor = chip; sub(/".*/, "", chip)
      sub(/^[^"]*"[^"]*"/, "", sensor); sub(/^"/, "", sensor); sub(/".*/, "", sensor)
      print k[name], chip, sensor, $NF }' | sort
}
compare() {
  pm_values >"$work/pm"
  ne_values >"$work/ne"
  local shared same
  shared=$(join <(awk '{print $1"|"$2"|"$3, $4}' "$work/pm" | sort) <(awk '{print $1"|"$2"|"$3, $4}' "$work/ne" | sort))
  same=$(awk '$2 == $3' <<<"$shared" | wc -l)
  echo "$1: $(wc -l <<<"$shared") channels read by both, $same equal"
  awk '$2 != $3 { print "  DIFFERENT " $1 ": powermon " $2 ", node_exporter " $3 }' <<<"$shared"
  [ "$same" = "$(wc -l <<<"$shared")" ]
}

status=0
compare "first reading" || status=1
set_value hwmon2 power1_input 42500000
set_value hwmon2 curr1_input 3541
set_value hwmon1 power1_input 87125000
set_value hwmon5 power1_input 301000000
set_value hwmon0 temp1_input 71500
sleep 0.5 # powermon's sampler reads every 100 ms
compare "after the readings changed" || status=1
echo "unified power from powermon (node_exporter has no such family):"
curl -fs --max-time 5 "http://127.0.0.1:$port/metrics" | grep '^powermon_power_watts{' | sed 's/^/  /'
exit "$status"
