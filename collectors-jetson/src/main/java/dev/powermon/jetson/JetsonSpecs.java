package dev.powermon.jetson;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.ArrayList;
import java.util.List;

/**
 * The families every Jetson has, declared for the metric table and the README. Rails, sensors, CPU
 * cores and engines differ per board and are discovered at run time ({@link JetsonMetrics}).
 */
final class JetsonSpecs {
  static final String DEVICE_TYPE = "device_type";
  static final String HOSTNAME = "hostname";

  static final MetricSpec CPU_AVG = gauge("jetson_cpu_avg_usage_percent", "Mean usage of the online CPU cores, in percent.");
  static final MetricSpec CPU_ONLINE = gauge("jetson_cpu_online_cores", "CPU cores online (not printed as off).");
  static final MetricSpec GPU_USAGE = gauge("jetson_gpu_usage_percent", "GPU (GR3D) usage, in percent.");
  static final MetricSpec GPU_FREQ = gauge("jetson_gpu_freq_hertz", "GPU (GR3D) clock, the highest GPC's, in hertz.");
  static final MetricSpec EMC_USAGE = gauge("jetson_emc_usage_percent", "Memory controller (EMC) usage, in percent.");
  static final MetricSpec EMC_FREQ = gauge("jetson_emc_freq_hertz", "Memory controller (EMC) clock, in hertz.");
  static final MetricSpec RAM_USED = gauge("jetson_ram_used_bytes", "RAM in use, in bytes.");
  static final MetricSpec RAM_TOTAL = gauge("jetson_ram_total_bytes", "RAM installed, in bytes.");
  static final MetricSpec SWAP_USED = gauge("jetson_swap_used_bytes", "Swap in use, in bytes.");
  static final MetricSpec SWAP_TOTAL = gauge("jetson_swap_total_bytes", "Swap configured, in bytes.");
  static final MetricSpec SWAP_CACHED = gauge("jetson_swap_cached_bytes", "Swap cached in RAM, in bytes.");
  static final MetricSpec TEGRASTATS_UP = gauge("jetson_tegrastats_up", "Whether a tegrastats process is running.");
  static final MetricSpec TEGRASTATS_LINES =
      counter("jetson_tegrastats_lines_total", "Lines tegrastats printed, bad ones included.");
  static final MetricSpec TEGRASTATS_BAD_LINES =
      counter("jetson_tegrastats_bad_lines_total", "Lines that were cut short, too long, or had neither RAM nor CPU.");
  static final MetricSpec TEGRASTATS_UNKNOWN_TOKENS =
      counter("jetson_tegrastats_unknown_tokens_total", "Tokens of tegrastats lines that matched no known form.");
  static final MetricSpec TEGRASTATS_RESTARTS =
      counter("jetson_tegrastats_restarts_total", "Times tegrastats was started again after it exited.");
  static final MetricSpec SYSFS_UP =
      gauge("jetson_sysfs_up", "Whether the INA power monitors in sysfs were read on the last sample.");

  private JetsonSpecs() {}

  /** Every declared family: the unified power families, the input rails, and the fixed jetson_* ones. */
  static List<MetricSpec> all() {
    List<MetricSpec> out = new ArrayList<>(PowerFamilies.SPECS);
    for (String rail : MetricNames.INPUT_RAILS) {
      out.add(gauge(MetricNames.railFamily(rail).orElseThrow(), railHelp(MetricNames.component(rail).orElseThrow())));
    }
    out.addAll(List.of(CPU_AVG, CPU_ONLINE, GPU_USAGE, GPU_FREQ, EMC_USAGE, EMC_FREQ, RAM_USED, RAM_TOTAL, SWAP_USED,
        SWAP_TOTAL, SWAP_CACHED, TEGRASTATS_UP, TEGRASTATS_LINES, TEGRASTATS_BAD_LINES, TEGRASTATS_UNKNOWN_TOKENS,
        TEGRASTATS_RESTARTS, SYSFS_UP));
    return out;
  }

  /** One HELP text per rail family, the same whether declared or discovered; {@code component} is already safe. */
  static String railHelp(String component) {
    return "Power of the " + component.toUpperCase(java.util.Locale.ROOT) + " rail, in watts.";
  }

  private static MetricSpec gauge(String name, String help) {
    return MetricSpec.gauge(name).help(help).labelNames(DEVICE_TYPE, HOSTNAME).build();
  }

  private static MetricSpec counter(String name, String help) {
    return MetricSpec.counter(name).help(help).labelNames(DEVICE_TYPE, HOSTNAME).build();
  }
}
