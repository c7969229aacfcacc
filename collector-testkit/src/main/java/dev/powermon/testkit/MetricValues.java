package dev.powermon.testkit;

import dev.powermon.api.ExposedNames;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Look-ups into a collector's snapshots by the names a user sees in {@code /metrics} ({@code
 * powermon_energy_joules_total}, {@code kasa_device_info}), for assertions.
 */
public final class MetricValues {
  private final MetricSnapshots snapshots;

  private MetricValues(MetricSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  public static MetricValues of(MetricSnapshots snapshots) {
    return new MetricValues(snapshots);
  }

  /** Whether the family is present with at least one series. */
  public boolean has(String exposedName) {
    return family(exposedName).map(f -> !f.getDataPoints().isEmpty()).orElse(false);
  }

  /** Names of every family present, as exposed. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    snapshots.forEach(s -> names.add(ExposedNames.of(s)));
    return names;
  }

  /**
   * The value of the one series of {@code exposedName} whose labels include {@code labelPairs}
   * (name, value, name, value…). Info series have value 1.
   *
   * @throws AssertionError when no series or more than one matches
   */
  public double value(String exposedName, String... labelPairs) {
    List<DataPointSnapshot> matches = series(exposedName, labelPairs);
    if (matches.size() != 1) {
      throw new AssertionError(
          matches.size()
              + " series of "
              + exposedName
              + " match "
              + List.of(labelPairs)
              + "; present:\n"
              + text());
    }
    return valueOf(matches.get(0));
  }

  /** Every series of {@code exposedName} whose labels include {@code labelPairs}. */
  public List<DataPointSnapshot> series(String exposedName, String... labelPairs) {
    Labels wanted = Labels.of(labelPairs);
    List<DataPointSnapshot> out = new ArrayList<>();
    family(exposedName)
        .ifPresent(
            f -> {
              for (DataPointSnapshot p : f.getDataPoints()) {
                if (containsAll(p.getLabels(), wanted)) {
                  out.add(p);
                }
              }
            });
    return out;
  }

  /** The label sets of every series of the family, for "which outlets were reported" assertions. */
  public List<Labels> labelSets(String exposedName) {
    List<Labels> out = new ArrayList<>();
    series(exposedName).forEach(p -> out.add(p.getLabels()));
    return out;
  }

  /**
   * The Prometheus text exposition of the snapshots, for golden files and readable failure
   * messages.
   */
  public String text() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private Optional<MetricSnapshot> family(String exposedName) {
    for (MetricSnapshot s : snapshots) {
      if (ExposedNames.of(s).equals(exposedName)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private static boolean containsAll(Labels labels, Labels wanted) {
    for (int i = 0; i < wanted.size(); i++) {
      if (!wanted.getValue(i).equals(labels.get(wanted.getName(i)))) {
        return false;
      }
    }
    return true;
  }

  private static double valueOf(DataPointSnapshot p) {
    if (p instanceof GaugeSnapshot.GaugeDataPointSnapshot) {
      return ((GaugeSnapshot.GaugeDataPointSnapshot) p).getValue();
    }
    if (p instanceof CounterSnapshot.CounterDataPointSnapshot) {
      return ((CounterSnapshot.CounterDataPointSnapshot) p).getValue();
    }
    if (p instanceof InfoSnapshot.InfoDataPointSnapshot) {
      return 1;
    }
    throw new NoSuchElementException("unsupported data point type " + p.getClass().getSimpleName());
  }
}
