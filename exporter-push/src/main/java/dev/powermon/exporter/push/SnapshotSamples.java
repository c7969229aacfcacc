package dev.powermon.exporter.push;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns what a scrape would serve into samples to push, stamped with one time and labelled with the
 * {@code instance} and {@code job} a scraping Prometheus would have added. Gauges, counters and
 * unknowns keep their value, info metrics are 1; other types (powermon emits none) are left out.
 * Power series whose sampler hands over every reading are pushed reading by reading instead, each
 * with its own time.
 */
public final class SnapshotSamples {
  private final Labels target;
  private final Predicate<Labels> sampled;

  /**
   * @param target the labels every pushed series gets: {@code instance} and {@code job}
   * @param sampled whether a power series (by its own labels) is pushed through {@link #reading}
   */
  public SnapshotSamples(Labels target, Predicate<Labels> sampled) {
    this.target = target;
    this.sampled = sampled;
  }

  public List<Sample> of(MetricSnapshots snapshots, long timestampMillis) {
    List<Sample> out = new ArrayList<>();
    for (MetricSnapshot family : snapshots) {
      String name = ExposedNames.of(family);
      boolean powerFamily = name.equals(PowerFamilies.POWER) || name.equals(PowerFamilies.ENERGY);
      for (DataPointSnapshot point : family.getDataPoints()) {
        Double value = valueOf(point);
        if (value != null && !(powerFamily && sampled.test(point.getLabels()))) {
          out.add(
              new Sample(new Series(name, withTarget(point.getLabels())), timestampMillis, value));
        }
      }
    }
    return out;
  }

  /**
   * One sampler reading of {@code series}: its energy counter, and its power since the last reading
   * when known.
   */
  public List<Sample> reading(Labels series, long millis, double joules, double watts) {
    Labels labels = withTarget(series);
    Sample energy = new Sample(new Series(PowerFamilies.ENERGY, labels), millis, joules);
    return Double.isFinite(watts)
        ? List.of(energy, new Sample(new Series(PowerFamilies.POWER, labels), millis, watts))
        : List.of(energy);
  }

  /**
   * The series' labels plus the target's; a series that already has {@code instance} or {@code job}
   * keeps its value as {@code exported_instance} / {@code exported_job}, as Prometheus does when it
   * scrapes.
   */
  public Labels withTarget(Labels own) {
    Labels kept = own;
    for (int i = 0; i < target.size(); i++) {
      String name = target.getName(i);
      if (kept.contains(name)) {
        kept = rename(kept, name, "exported_" + name);
      }
    }
    return kept.merge(target);
  }

  private static Labels rename(Labels labels, String from, String to) {
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < labels.size(); i++) {
      b.label(labels.getName(i).equals(from) ? to : labels.getName(i), labels.getValue(i));
    }
    return b.build();
  }

  private static Double valueOf(DataPointSnapshot point) {
    if (point instanceof GaugeDataPointSnapshot g) {
      return g.getValue();
    }
    if (point instanceof CounterDataPointSnapshot c) {
      return c.getValue();
    }
    if (point instanceof UnknownDataPointSnapshot u) {
      return u.getValue();
    }
    if (point instanceof InfoDataPointSnapshot) {
      return 1.0;
    }
    return null;
  }
}
