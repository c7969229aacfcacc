package dev.powermon.process;

import dev.powermon.api.MetricSpec;
import java.util.List;

/**
 * Every family the collector declares. None is {@code powermon_power_watts}: the host's energy that
 * is shared out is already served by the collector that measures it (rapl), and serving it again
 * would count it twice in fleet sums.
 */
final class ProcessFamilies {
  /**
   * Labels of the per-group families; the container ones are "" unless {@code
   * group_by="container"}.
   */
  private static final String[] GROUP_LABELS = {
    "group_by", "group", "container_id", "container_runtime", "pod_uid"
  };

  static final MetricSpec POWER =
      MetricSpec.gauge("powermon_process_power_watts")
          .unit("watts")
          .help(
              "The group's share of the host's power over the last interval (its active energy by"
                  + " CPU time); groups outside the top are summed in group=\"other\".")
          .labelNames(GROUP_LABELS)
          .build();
  static final MetricSpec ENERGY =
      MetricSpec.counter("powermon_process_energy_joules_total")
          .unit("joules")
          .help(
              "The group's share of the host's energy since the collector started, in joules;"
                  + " energy of exited processes stays in their group.")
          .labelNames(GROUP_LABELS)
          .build();
  static final MetricSpec CPU =
      MetricSpec.counter("powermon_process_cpu_seconds_total")
          .unit("seconds")
          .help(
              "CPU time (user + system, every thread) of the group's processes while the collector"
                  + " ran, in seconds; booked with the energy, to the same series.")
          .labelNames(GROUP_LABELS)
          .build();
  static final MetricSpec IDLE_POWER =
      MetricSpec.gauge("powermon_host_idle_power_watts")
          .unit("watts")
          .help(
              "The host's power not attributed to CPU activity: host power × idle CPU share, over"
                  + " the last interval.")
          .labelNames("source")
          .build();
  static final MetricSpec IDLE_ENERGY =
      MetricSpec.counter("powermon_host_idle_energy_joules_total")
          .unit("joules")
          .help("The host's idle energy since the collector started, in joules.")
          .labelNames("source")
          .build();
  static final MetricSpec UNATTRIBUTED_POWER =
      MetricSpec.gauge("powermon_process_unattributed_power_watts")
          .unit("watts")
          .help(
              "Active power no process accounts for (interrupts, processes that started and exited"
                  + " within the interval), over the last interval.")
          .labelNames("source")
          .build();
  static final MetricSpec UNATTRIBUTED_ENERGY =
      MetricSpec.counter("powermon_process_unattributed_energy_joules_total")
          .unit("joules")
          .help("Active energy no process accounts for, since the collector started, in joules.")
          .labelNames("source")
          .build();
  static final MetricSpec HOST_POWER =
      MetricSpec.gauge("powermon_process_host_power_watts")
          .unit("watts")
          .help(
              "The host power that was shared out over the last interval: idle + unattributed +"
                  + " every group of one group_by.")
          .labelNames("source")
          .build();
  static final MetricSpec HOST_ENERGY =
      MetricSpec.counter("powermon_process_host_energy_joules_total")
          .unit("joules")
          .help("The host energy shared out since the collector started, in joules.")
          .labelNames("source")
          .build();
  static final MetricSpec SOURCE_INFO =
      MetricSpec.info("powermon_process_host_energy_source_info")
          .help(
              "Where the host's energy comes from: rapl (package + dram counters), macos or windows"
                  + " (that collector's total) or estimate (from the CPU load and the estimate-*"
                  + " settings).")
          .labelNames("source")
          .build();
  static final MetricSpec PROCESSES =
      MetricSpec.gauge("powermon_process_tracked")
          .help("Processes seen at the last walk of /proc.")
          .build();
  static final MetricSpec VANISHED =
      MetricSpec.counter("powermon_process_vanished_total")
          .help("Pids that exited between the listing of /proc and the read of their stat.")
          .build();
  static final MetricSpec SAMPLE_DURATION =
      MetricSpec.gauge("powermon_process_sample_duration_seconds")
          .unit("seconds")
          .help(
              "How long the last interval's work took (reading energy, walking /proc, sharing out):"
                  + " the collector's cost, which grows with the process count.")
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          POWER,
          ENERGY,
          CPU,
          IDLE_POWER,
          IDLE_ENERGY,
          UNATTRIBUTED_POWER,
          UNATTRIBUTED_ENERGY,
          HOST_POWER,
          HOST_ENERGY,
          SOURCE_INFO,
          PROCESSES,
          VANISHED,
          SAMPLE_DURATION);

  private ProcessFamilies() {}
}
