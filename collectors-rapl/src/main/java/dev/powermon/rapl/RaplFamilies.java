package dev.powermon.rapl;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.ArrayList;
import java.util.List;

/** Every family the collector emits besides the two shared power families. */
final class RaplFamilies {
  static final MetricSpec ZONE_INFO =
      MetricSpec.info("powermon_rapl_zone_info")
          .help(
              "Every RAPL zone found, value 1; state is kept, or why it was left out (duplicate,"
                  + " lockstep) with kept_zone naming the zone counted instead.")
          .labelNames(
              "rapl_zone", "path", "control_type", "domain", "socket", "die", "state", "kept_zone")
          .build();
  static final MetricSpec ZONE_SUCCESS =
      MetricSpec.gauge("powermon_rapl_zone_success")
          .help(
              "Whether the last background read of this kept RAPL zone succeeded (1) or failed"
                  + " (0).")
          .labelNames("rapl_zone")
          .build();
  static final MetricSpec MAX_RANGE =
      MetricSpec.gauge("powermon_rapl_max_energy_range_joules")
          .help(
              "Where the zone's hardware counter wraps, in joules (max_energy_range_uj or the"
                  + " vendor constant).")
          .labelNames("rapl_zone")
          .build();
  static final MetricSpec POWER_LIMIT =
      MetricSpec.gauge("powermon_rapl_power_limit_watts")
          .help(
              "The zone's power limits from constraint_N_power_limit_uw, in watts, by constraint"
                  + " name.")
          .labelNames("rapl_zone", "constraint")
          .build();
  static final MetricSpec WRAPS =
      MetricSpec.counter("powermon_rapl_wraps_total")
          .help("Times the zone's hardware counter wrapped and was carried over.")
          .labelNames("rapl_zone")
          .build();
  static final MetricSpec DROPPED =
      MetricSpec.counter("powermon_rapl_dropped_samples_total")
          .help(
              "Readings not added to the energy counter: reset (backwards by more than one wrap"
                  + " could carry at 2 kW: suspend, driver reload), unknown_range (backwards with"
                  + " an unreadable max range), out_of_range (above the max range), range_changed"
                  + " (max_energy_range_uj changed).")
          .labelNames("rapl_zone", "reason")
          .build();
  static final MetricSpec READ_ERRORS =
      MetricSpec.counter("powermon_rapl_read_errors_total")
          .help(
              "Failed reads of the counters by reason: eacces, enoent, einval, eio, stuck (no"
                  + " answer within 250 ms), parse; rapl_zone is empty for the powercap directory"
                  + " itself.")
          .labelNames("rapl_zone", "reason")
          .build();
  static final MetricSpec SHORTEST_WRAP =
      MetricSpec.gauge("powermon_rapl_shortest_wrap_seconds")
          .help(
              "How long the fastest-wrapping zone takes to wrap at its current power; the sampler"
                  + " goes faster when this is within 4 sampling intervals.")
          .build();
  static final MetricSpec SAMPLING_INTERVAL =
      MetricSpec.gauge("powermon_rapl_sampling_interval_seconds")
          .help(
              "The sampling interval in use: the configured one, or shorter (down to 10 ms) while"
                  + " a counter would wrap within 4 intervals at the current power.")
          .build();
  static final MetricSpec ATTRIBUTE_PROBLEMS =
      MetricSpec.counter("powermon_rapl_attribute_problems_total")
          .help(
              "Zone files that could not be used, by file (name, max_energy_range_uj, energy_uj)"
                  + " and reason (empty, negative, not_a_number, too_large, oversized, bad_name, or"
                  + " why the read failed). A bad name leaves that zone out, a bad range falls back"
                  + " to the vendor constant, a bad counter skips that zone's sample.")
          .labelNames("rapl_zone", "file", "reason")
          .build();

  /** All families, shared ones first, for {@code CollectorProvider.metrics()}. */
  static List<MetricSpec> all() {
    List<MetricSpec> all = new ArrayList<>(PowerFamilies.SPECS);
    all.addAll(
        List.of(
            ZONE_INFO,
            ZONE_SUCCESS,
            MAX_RANGE,
            POWER_LIMIT,
            WRAPS,
            DROPPED,
            READ_ERRORS,
            ATTRIBUTE_PROBLEMS,
            SHORTEST_WRAP,
            SAMPLING_INTERVAL));
    return List.copyOf(all);
  }

  private RaplFamilies() {}
}
