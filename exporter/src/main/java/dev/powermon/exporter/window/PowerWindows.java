package dev.powermon.exporter.window;

import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerSampleSink;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every sampled power series' {@link Window}, fed by the collectors' samplers through {@link #sink}, read
 * by scrapes, and passed on reading by reading to whoever listens (the pusher).
 */
public final class PowerWindows {
  private static final Logger LOG = LoggerFactory.getLogger(PowerWindows.class);
  /** More series than any machine has power rails; beyond it a misbehaving collector only costs its own. */
  static final int MAX_SERIES = 1024;

  /** Receives every accepted reading: the series, its time, its energy and the power since the last one (NaN if none). */
  @FunctionalInterface
  public interface Listener {
    void reading(Labels series, long epochMillis, double joules, double watts);
  }

  private final Map<Labels, Window> windows = new ConcurrentHashMap<>();
  private final AtomicBoolean fullLogged = new AtomicBoolean();
  private volatile Listener listener = (series, millis, joules, watts) -> {};

  /** The sink a collector's context hands out for {@code source}. */
  public PowerSampleSink sink(String source) {
    return (device, domain, extra, millis, joules) ->
        record(PowerFamilies.labels(source, device, domain, extra), millis, joules);
  }

  public void listen(Listener listener) {
    this.listener = listener;
  }

  void record(Labels series, long millis, double joules) {
    Window window = windows.get(series);
    if (window == null) {
      if (windows.size() >= MAX_SERIES) {
        if (fullLogged.compareAndSet(false, true)) {
          LOG.warn("more than {} sampled power series; readings of further series are ignored (first: {})",
              MAX_SERIES, series);
        }
        return;
      }
      window = windows.computeIfAbsent(series, s -> new Window());
    }
    Double watts = window.add(millis, joules);
    if (watts != null) {
      listener.reading(series, millis, joules, watts);
    }
  }

  /** Whether readings of {@code series} (labels as the collector exports them) come in at sampling rate. */
  public boolean sampled(Labels series) {
    return windows.containsKey(series);
  }

  /**
   * A scrape's view of the windows: in {@code power}, each sampled series' value becomes the mean over its
   * window; the max and min families are added for every window that spans two readings.
   *
   * @param power the merged power family, or null when no collector emitted one
   * @param restart true for a scrape, which starts the next windows; false for a push, which only looks
   */
  public Applied apply(GaugeSnapshot power, boolean restart) {
    Map<Labels, Window.Stats> stats = new LinkedHashMap<>();
    windows.forEach((series, window) -> {
      Window.Stats s = window.stats(restart);
      if (s != null) {
        stats.put(series, s);
      }
    });
    if (stats.isEmpty()) {
      return new Applied(power, List.of());
    }
    return new Applied(power == null ? null : WindowFamilies.withMeans(power, stats), WindowFamilies.extremes(stats));
  }

  /** The power family with window means, and the window families to serve beside it. */
  public record Applied(GaugeSnapshot power, List<MetricSnapshot> windowFamilies) {}
}
