package dev.powermon.exporter.push;

import dev.powermon.api.ExposedNames;
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

/**
 * Turns what a scrape would serve into samples to push, stamped with one time and labelled with the
 * {@code instance} and {@code job} a scraping Prometheus would have added. Gauges, counters and unknowns
 * keep their value, info metrics are 1; other types (powermon emits none) are left out.
 */
public final class SnapshotSamples {
  private final Labels target;

  /** @param target the labels every pushed series gets: {@code instance} and {@code job} */
  public SnapshotSamples(Labels target) {
    this.target = target;
  }

  public List<Sample> of(MetricSnapshots snapshots, long timestampMillis) {
    List<Sample> out = new ArrayList<>();
    for (MetricSnapshot family : snapshots) {
      String name = ExposedNames.of(family);
      for (DataPointSnapshot point : family.getDataPoints()) {
        Double value = valueOf(point);
        if (value != null) {
          out.add(new Sample(new Series(name, withTarget(point.getLabels())), timestampMillis, value));
        }
      }
    }
    return out;
  }

  /**
   * The series' labels plus the target's; a series that already has {@code instance} or {@code job}
   * keeps its value as {@code exported_instance} / {@code exported_job}, as Prometheus does when it scrapes.
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
