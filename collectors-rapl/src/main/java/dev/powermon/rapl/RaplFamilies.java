package dev.powermon.rapl;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.List;

/**
 * Every family the collector declares: the two shared power families with the labels RAPL adds to
 * them, fed through {@code PowerReadings}, and its own, built with {@code Families}.
 */
final class RaplFamilies {
  /** {@code powermon_power_watts} with RAPL's socket and die. */
  static final MetricSpec POWER =
      PowerFamilies.POWER_SPEC.withExtraLabels(PowerSeries.EXTRA_LABELS);

  /** {@code powermon_energy_joules_total} with RAPL's socket and die. */
  static final MetricSpec ENERGY =
      PowerFamilies.ENERGY_SPEC.withExtraLabels(PowerSeries.EXTRA_LABELS);

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
                  + " answer within 1 s), parse; rapl_zone is empty for the powercap directory"
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

  /** All families, shared ones first, for {@code CollectorProvider.metrics()}. */
  static List<MetricSpec> all() {
    return List.of(
        POWER,
        ENERGY,
        ZONE_INFO,
        ZONE_SUCCESS,
        MAX_RANGE,
        POWER_LIMIT,
        WRAPS,
        DROPPED,
        READ_ERRORS,
        SHORTEST_WRAP,
        SAMPLING_INTERVAL);
  }

  private RaplFamilies() {}
}
