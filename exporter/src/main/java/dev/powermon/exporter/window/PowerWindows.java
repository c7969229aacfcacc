package dev.powermon.exporter.window;

import dev.powermon.api.Families;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every power series fed through {@link PowerReadings}: one {@link Window} each, fed by the
 * collectors, read by scrapes and pushes alike (reading never changes a window, so two scrapers see
 * the same values), and passed on reading by reading to whoever listens (the pusher). It builds the
 * unified families ({@code powermon_power_watts}, {@code powermon_energy_joules_total}), the window
 * families and {@code powermon_source_info} per collector, through the checked {@link Families}
 * builder.
 */
public final class PowerWindows {
  private static final Logger LOG = LoggerFactory.getLogger(PowerWindows.class);

  /**
   * More series than any machine has power rails; beyond it a misbehaving collector only costs its
   * own.
   */
  static final int MAX_SERIES = 1024;

  /**
   * Receives every accepted reading: the series, its time, its energy counter and the power at it
   * (NaN if unknown).
   */
  @FunctionalInterface
  public interface Listener {
    void reading(Labels series, long epochMillis, double joules, double watts);
  }

  /** A source: the collector feeding it, its meter class, the extra labels it declared. */
  /**
   * @param specs the core's declarations of the families built from its readings, with its extra
   *     labels: built once here, not at every collection
   */
  private record Source(String collector, MeterClass meterClass, List<MetricSpec> specs) {}

  private final Map<Labels, Window> windows = new ConcurrentHashMap<>();
  private final Map<Labels, String> sourceOf = new ConcurrentHashMap<>();

  /** When the core last received an accepted reading of each series, epoch ms. */
  private final Map<Labels, Long> receivedAt = new ConcurrentHashMap<>();

  private final Map<String, Source> sources = new ConcurrentHashMap<>();
  private final Map<String, Long> lastReading = new ConcurrentHashMap<>();
  private final AtomicBoolean fullLogged = new AtomicBoolean();
  private volatile Listener listener = (series, millis, joules, watts) -> {};

  /**
   * The readings {@code collector} hands in for {@code source}.
   *
   * @param extras the extra label names the collector declared on the power family
   * @param receivedMillis the clock that stamps when the core last got a reading from the collector
   */
  public PowerReadings readings(
      String collector,
      String source,
      MeterClass meterClass,
      List<String> extras,
      java.util.function.LongSupplier receivedMillis) {
    sources.put(source, new Source(collector, meterClass, specs(extras)));
    return new PowerReadings() {
      @Override
      public void reading(
          String device, String domain, Labels extra, long millis, double watts, double joules) {
        PowerFamilies.requireExtras(source, extras, extra);
        record(
            collector,
            PowerFamilies.labels(source, device, domain, extra),
            millis,
            watts,
            joules,
            receivedMillis.getAsLong());
      }

      @Override
      public void forget(String device) {
        windows
            .keySet()
            .removeIf(l -> source.equals(l.get("source")) && device.equals(l.get("device")));
        sourceOf.keySet().retainAll(windows.keySet());
        receivedAt.keySet().retainAll(windows.keySet());
      }
    };
  }

  public void listen(Listener listener) {
    this.listener = listener;
  }

  private void record(
      String collector, Labels series, long millis, double watts, double joules, long received) {
    Window window = windows.get(series);
    if (window == null) {
      if (windows.size() >= MAX_SERIES) {
        if (fullLogged.compareAndSet(false, true)) {
          LOG.warn(
              "more than {} power series; readings of further series are ignored (first: {})",
              MAX_SERIES,
              series);
        }
        return;
      }
      window = windows.computeIfAbsent(series, s -> new Window());
      sourceOf.put(series, series.get("source"));
    }
    Window.Accepted accepted = window.add(millis, watts, joules);
    if (accepted != null) {
      lastReading.merge(collector, received, Math::max);
      receivedAt.put(series, received);
      listener.reading(series, accepted.epochMillis(), accepted.energyJoules(), accepted.watts());
    }
  }

  /**
   * Per series fed through readings (its labels), the power of each of its last 60 seconds; see
   * {@link Window#trace}.
   */
  public Map<Labels, double[]> traces() {
    Map<Labels, double[]> out = new java.util.HashMap<>();
    windows.forEach((series, window) -> out.put(series, window.trace()));
    return out;
  }

  /** The meter class of each source that handed in readings, by source name. */
  public Map<String, MeterClass> meterClasses() {
    Map<String, MeterClass> out = new java.util.HashMap<>();
    sources.forEach((name, source) -> out.put(name, source.meterClass()));
    return out;
  }

  /** Whether readings of {@code series} (its own labels) reach push targets one by one. */
  public boolean sampled(Labels series) {
    return windows.containsKey(series);
  }

  /** When the core last received a reading from {@code collector} (epoch ms), or null if never. */
  public Long lastReadingMillis(String collector) {
    return lastReading.get(collector);
  }

  /**
   * The families built from {@code collector}'s readings: power and energy (not for collectors on
   * the old path, which serve their own), window max and min, and the source info.
   */
  public List<MetricSnapshot> families(String collector) {
    return families(collector, Long.MIN_VALUE);
  }

  /**
   * The families of {@code collector}'s series read since {@code sinceMillis} (epoch ms, when the
   * core received them): what a {@code /probe} of one target answers besides the collector's own
   * families.
   */
  public List<MetricSnapshot> familiesReadSince(String collector, long sinceMillis) {
    return families(collector, sinceMillis);
  }

  private List<MetricSnapshot> families(String collector, long sinceMillis) {
    List<MetricSnapshot> out = new ArrayList<>();
    for (Map.Entry<String, Source> e : sources.entrySet()) {
      Source src = e.getValue();
      if (!src.collector().equals(collector)) {
        continue;
      }
      Families power = new Families(src.specs());
      boolean any = false;
      for (Map.Entry<Labels, Window> w : windows.entrySet()) {
        if (!e.getKey().equals(sourceOf.get(w.getKey()))
            || receivedAt.getOrDefault(w.getKey(), Long.MIN_VALUE) < sinceMillis) {
          continue;
        }
        Window.Stats s = w.getValue().stats();
        if (s == null) {
          continue;
        }
        any = true;
        Labels labels = w.getKey();
        if (Double.isFinite(s.meanWatts())) {
          power.gauge(PowerFamilies.POWER_SPEC, labels, s.meanWatts());
        }
        power.counter(PowerFamilies.ENERGY_SPEC, labels, s.energyJoules());
        if (Double.isFinite(s.maxWatts())) {
          power.gauge(WindowFamilies.MAX, labels, s.maxWatts());
          power.gauge(WindowFamilies.MIN, labels, s.minWatts());
        }
      }
      if (any) {
        power.info(
            PowerFamilies.SOURCE_INFO_SPEC,
            Labels.of("source", e.getKey(), "class", src.meterClass().label()));
      }
      out.addAll(power.list());
    }
    return out;
  }

  /**
   * The core's declarations of the families it builds from readings, with a source's extra labels.
   */
  private static List<MetricSpec> specs(List<String> extras) {
    String[] extra = extras.toArray(String[]::new);
    return List.of(
        PowerFamilies.POWER_SPEC.withExtraLabels(extra),
        PowerFamilies.ENERGY_SPEC.withExtraLabels(extra),
        WindowFamilies.MAX.withExtraLabels(extra),
        WindowFamilies.MIN.withExtraLabels(extra),
        PowerFamilies.SOURCE_INFO_SPEC);
  }
}
