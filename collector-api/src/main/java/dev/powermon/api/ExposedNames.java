package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * The name a family has in {@code /metrics}: client_java keeps counters and info metrics without
 * their {@code _total} / {@code _info} suffix internally, while the metric table, {@link
 * MetricSpec} and every user use the exposed name.
 */
public final class ExposedNames {
  private ExposedNames() {}

  public static String of(MetricSnapshot snapshot) {
    String name = snapshot.getMetadata().getPrometheusName();
    if (snapshot instanceof CounterSnapshot) {
      return name + "_total";
    }
    if (snapshot instanceof InfoSnapshot) {
      return name + "_info";
    }
    return name;
  }
}
