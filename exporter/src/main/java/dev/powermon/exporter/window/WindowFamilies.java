package dev.powermon.exporter.window;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.List;

/** The window families: highest and lowest power of each series over its last 60 seconds. */
public final class WindowFamilies {
  public static final MetricSpec MAX =
      MetricSpec.gauge("powermon_power_window_max_watts")
          .help("Highest power between two consecutive readings of the series in the last 60 seconds (for"
              + " watt readings: the highest reading), in watts.")
          .unit("watts")
          .labelNames("source", "device", "domain")
          .build();
  public static final MetricSpec MIN =
      MetricSpec.gauge("powermon_power_window_min_watts")
          .help("Lowest power between two consecutive readings of the series in the last 60 seconds (for"
              + " watt readings: the lowest reading), in watts.")
          .unit("watts")
          .labelNames("source", "device", "domain")
          .build();

  /** Both window families, for the README's reference. */
  public static final List<MetricSpec> SPECS = List.of(MAX, MIN);

  private WindowFamilies() {}

  /**
   * The window families of one series of a collector on the old path, whose extra labels are not
   * declared, so the checked builder cannot take them.
   *
   * @deprecated goes with {@link dev.powermon.api.PowerSampleSink} once the last collector has migrated
   */
  @Deprecated(forRemoval = true)
  static List<MetricSnapshot> legacy(Labels series, Window.Stats s) {
    if (!Double.isFinite(s.maxWatts())) {
      return List.of();
    }
    return List.of(single(MAX, series, s.maxWatts()), single(MIN, series, s.minWatts()));
  }

  private static GaugeSnapshot single(MetricSpec spec, Labels labels, double value) {
    return GaugeSnapshot.builder().name(spec.name()).help(spec.help())
        .dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value).build()).build();
  }
}
