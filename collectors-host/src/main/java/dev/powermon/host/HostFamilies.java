package dev.powermon.host;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.List;

/** The host collector's declarations; {@link HostCollector} emits them through {@code Families}. */
final class HostFamilies {
  static final MetricSpec CPU_UTILIZATION =
      MetricSpec.gauge("powermon_host_cpu_utilization_ratio")
          .help(
              "Share of the host's CPU time spent busy (not idle, not waiting for I/O) over the last sampling "
                  + "interval, 0 to 1.")
          .build();
  static final MetricSpec CORE_UTILIZATION =
      MetricSpec.gauge("powermon_host_cpu_core_utilization_ratio")
          .help(
              "Share of one logical CPU's time spent busy over the last sampling interval, 0 to 1 "
                  + "(only with per-core=true).")
          .labelNames("cpu")
          .build();
  static final MetricSpec MEMORY_USED =
      MetricSpec.gauge("powermon_host_memory_used_bytes")
          .help(
              "Physical memory in use, in bytes: total minus what the OS reports available "
                  + "(free plus reclaimable caches).")
          .build();
  static final MetricSpec MEMORY_TOTAL =
      MetricSpec.gauge("powermon_host_memory_total_bytes")
          .help("Physical memory installed and usable by the OS, in bytes.")
          .build();
  static final MetricSpec NETWORK_RECEIVE =
      MetricSpec.counter("powermon_host_network_receive_bytes_total")
          .help("Bytes received by the network interface since it came up.")
          .labelNames("interface")
          .build();
  static final MetricSpec NETWORK_TRANSMIT =
      MetricSpec.counter("powermon_host_network_transmit_bytes_total")
          .help("Bytes sent by the network interface since it came up.")
          .labelNames("interface")
          .build();
  static final MetricSpec BATTERY_POWER =
      MetricSpec.gauge("powermon_host_battery_power_watts")
          .help(
              "Power flowing out of the battery, in watts: positive while discharging (the battery runs the "
                  + "host), negative while charging. Absent when the platform does not know the rate.")
          .labelNames("battery")
          .build();
  static final MetricSpec UPTIME =
      MetricSpec.gauge("powermon_host_uptime_seconds")
          .help("Time since the host booted, in seconds.")
          .build();
  static final MetricSpec CPU_INFO =
      MetricSpec.info("powermon_host_cpu_info")
          .help(
              "The host's CPU: model and vendor as the OS reports them, sockets, physical and logical cores.")
          .labelNames("model", "vendor", "packages", "physical_cores", "logical_cores")
          .build();

  /**
   * Every family the collector may emit; the estimate's unified families are built by the core from
   * readings.
   */
  static final List<MetricSpec> ALL =
      List.of(
          CPU_UTILIZATION,
          CORE_UTILIZATION,
          MEMORY_USED,
          MEMORY_TOTAL,
          NETWORK_RECEIVE,
          NETWORK_TRANSMIT,
          BATTERY_POWER,
          UPTIME,
          CPU_INFO,
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC);

  /** The estimate's {@code source} label: never a collector that measures. */
  static final String ESTIMATE_SOURCE = "estimate";

  private HostFamilies() {}
}
