package dev.powermon.macos;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.List;

/** The macos collector's declarations: the unified power families it feeds, and its own. */
final class MacosFamilies {
  static final MetricSpec SAMPLE_ERRORS =
      MetricSpec.counter("macos_sample_errors_total")
          .help(
              "Samples or values the macOS source delivered that could not be used, by reason "
                  + "(truncated, malformed, oversized, missing_key, invalid_value).")
          .labelNames("reason")
          .build();
  static final MetricSpec RESTARTS =
      MetricSpec.counter("macos_powermetrics_restarts_total")
          .help("Times the powermetrics process ended and was started again.")
          .build();
  static final MetricSpec SOURCE =
      MetricSpec.info("macos_source_info")
          .help(
              "Which source the macos collector reads: ioreport (no root) or powermetrics (root).")
          .labelNames("source")
          .build();

  /**
   * Every family the collector may emit; the unified ones are built by the core from its readings.
   */
  static final List<MetricSpec> ALL =
      List.of(PowerFamilies.POWER_SPEC, PowerFamilies.ENERGY_SPEC, SAMPLE_ERRORS, RESTARTS, SOURCE);

  private MacosFamilies() {}
}
