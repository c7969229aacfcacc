package dev.powermon.kasa;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects data points per declared family and builds the snapshots, in declaration order, leaving
 * out families without points. A null value means "not reported" and adds nothing.
 */
final class FamilyBuffer {
  private final Map<MetricSpec, List<DataPointSnapshot>> points = new LinkedHashMap<>();

  FamilyBuffer() {
    KasaFamilies.ALL.forEach(spec -> points.put(spec, new ArrayList<>()));
  }

  void gauge(MetricSpec spec, Labels labels, Double value) {
    if (value != null) {
      points.get(spec).add(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  void counter(MetricSpec spec, Labels labels, Double value) {
    if (value != null) {
      points.get(spec).add(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    }
  }

  void info(MetricSpec spec, Labels labels) {
    points.get(spec).add(InfoSnapshot.InfoDataPointSnapshot.builder().labels(labels).build());
  }

  List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>();
    points.forEach((spec, list) -> {
      if (!list.isEmpty()) {
        out.add(build(spec, list));
      }
    });
    return out;
  }

  private static MetricSnapshot build(MetricSpec spec, List<DataPointSnapshot> list) {
    switch (spec.type()) {
      case COUNTER: {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(spec.name()).help(spec.help());
        list.forEach(p -> b.dataPoint((CounterSnapshot.CounterDataPointSnapshot) p));
        return b.build();
      }
      case INFO: {
        InfoSnapshot.Builder b = InfoSnapshot.builder().name(spec.name()).help(spec.help());
        list.forEach(p -> b.dataPoint((InfoSnapshot.InfoDataPointSnapshot) p));
        return b.build();
      }
      default: {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(spec.name()).help(spec.help());
        list.forEach(p -> b.dataPoint((GaugeSnapshot.GaugeDataPointSnapshot) p));
        return b.build();
      }
    }
  }
}
