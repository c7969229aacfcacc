package dev.powermon.exporter.web;

import dev.powermon.api.MetricSpec;
import java.util.List;

/**
 * The families {@code /probe} adds to the target's own, declared so the metric reference lists
 * them.
 */
public final class ProbeFamilies {
  public static final MetricSpec SUCCESS =
      MetricSpec.gauge("powermon_probe_success")
          .help("Whether the /probe poll of the target succeeded (1) or failed or timed out (0).")
          .build();
  public static final MetricSpec DURATION =
      MetricSpec.gauge("powermon_probe_duration_seconds")
          .help("How long the /probe poll of the target took, in seconds.")
          .build();

  public static final List<MetricSpec> SPECS = List.of(SUCCESS, DURATION);

  private ProbeFamilies() {}
}
