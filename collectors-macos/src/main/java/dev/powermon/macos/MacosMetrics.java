package dev.powermon.macos;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The macos collector's own families, beside the unified power families. */
final class MacosMetrics {
  static final MetricSpec SAMPLE_ERRORS =
      MetricSpec.counter("macos_sample_errors_total")
          .help("Samples or values the macOS source delivered that could not be used, by reason "
              + "(truncated, malformed, oversized, missing_key, invalid_value, unknown_unit).")
          .labelNames("reason")
          .build();
  static final MetricSpec RESTARTS =
      MetricSpec.counter("macos_powermetrics_restarts_total")
          .help("Times the powermetrics process ended and was started again.")
          .build();
  static final MetricSpec SOURCE =
      MetricSpec.info("macos_source_info")
          .help("Which source the macos collector reads: ioreport (no root) or powermetrics (root).")
          .labelNames("source")
          .build();

  static final List<MetricSpec> SPECS =
      List.of(PowerFamilies.POWER_SPEC, PowerFamilies.ENERGY_SPEC, SAMPLE_ERRORS, RESTARTS, SOURCE);

  private MacosMetrics() {}

  static List<MetricSnapshot> own(String source, Map<String, Long> errors, long restarts) {
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(InfoSnapshot.builder().name("macos_source").help(SOURCE.help())
        .dataPoint(InfoDataPointSnapshot.builder().labels(Labels.of("source", source)).build()).build());
    CounterSnapshot.Builder errorFamily = CounterSnapshot.builder().name("macos_sample_errors").help(SAMPLE_ERRORS.help());
    errors.forEach((reason, n) ->
        errorFamily.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("reason", reason)).value(n).build()));
    if (!errors.isEmpty()) {
      out.add(errorFamily.build());
    }
    if (source.equals("powermetrics")) {
      out.add(CounterSnapshot.builder().name("macos_powermetrics_restarts").help(RESTARTS.help())
          .dataPoint(CounterDataPointSnapshot.builder().value(restarts).build()).build());
    }
    return out;
  }
}
