package dev.powermon.exporter.window;

import dev.powermon.api.MetricSpec;
import java.util.List;

/** The window families: highest and lowest power of each series over its last 60 seconds. */
public final class WindowFamilies {
  public static final MetricSpec MAX =
      MetricSpec.gauge("powermon_power_window_max_watts")
          .help(
              "Highest power between two consecutive readings of the series in the last 60 seconds (for"
                  + " watt readings: the highest reading), in watts.")
          .unit("watts")
          .labelNames("source", "device", "domain")
          .build();
  public static final MetricSpec MIN =
      MetricSpec.gauge("powermon_power_window_min_watts")
          .help(
              "Lowest power between two consecutive readings of the series in the last 60 seconds (for"
                  + " watt readings: the lowest reading), in watts.")
          .unit("watts")
          .labelNames("source", "device", "domain")
          .build();

  /** Both window families, for the README's reference. */
  public static final List<MetricSpec> SPECS = List.of(MAX, MIN);

  private WindowFamilies() {}
}
