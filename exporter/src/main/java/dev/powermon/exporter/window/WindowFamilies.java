package dev.powermon.exporter.window;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The per-window families and the power gauge's window means. */
public final class WindowFamilies {
  public static final MetricSpec MAX =
      MetricSpec.gauge("powermon_power_window_max_watts")
          .help("Highest power between two consecutive samples of the background sampler since the last scrape,"
              + " in watts.")
          .labelNames("source", "device", "domain")
          .build();
  public static final MetricSpec MIN =
      MetricSpec.gauge("powermon_power_window_min_watts")
          .help("Lowest power between two consecutive samples of the background sampler since the last scrape,"
              + " in watts.")
          .labelNames("source", "device", "domain")
          .build();

  /** Both window families, for the README's reference. */
  public static final List<MetricSpec> SPECS = List.of(MAX, MIN);

  private WindowFamilies() {}

  /** {@code power} with each sampled series' value replaced by its window's energy-weighted mean. */
  static GaugeSnapshot withMeans(GaugeSnapshot power, Map<Labels, Window.Stats> stats) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder()
        .name(power.getMetadata().getName()).help(power.getMetadata().getHelp());
    for (GaugeDataPointSnapshot p : power.getDataPoints()) {
      Window.Stats s = stats.get(p.getLabels());
      b.dataPoint(s == null ? p : point(p.getLabels(), s.meanWatts()));
    }
    return b.build();
  }

  static List<MetricSnapshot> extremes(Map<Labels, Window.Stats> stats) {
    return List.of(family(MAX, stats, Window.Stats::maxWatts), family(MIN, stats, Window.Stats::minWatts));
  }

  private static GaugeSnapshot family(MetricSpec spec, Map<Labels, Window.Stats> stats, ToDoubleFunction<Window.Stats> value) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(spec.name()).help(spec.help());
    stats.forEach((series, s) -> b.dataPoint(point(series, value.applyAsDouble(s))));
    return b.build();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }
}
