package dev.powermon.exporter.runtime;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Merges families that several collectors emit (the unified {@code powermon_power_watts} above all)
 * into one family, as the exposition requires. A series two collectors both emit with identical
 * labels is kept once; a name emitted with two different types keeps the first type. Both are
 * reported, never thrown.
 */
final class FamilyMerger {

  /** A family and the collectors that emitted it. */
  record Family(MetricSnapshot snapshot, List<String> collectors) {}

  private final Consumer<String> problems;

  /**
   * @param problems receives one sentence per conflict, for the log
   */
  FamilyMerger(Consumer<String> problems) {
    this.problems = problems;
  }

  List<Family> merge(List<CollectionResult> results) {
    Map<String, List<MetricSnapshot>> byName = new LinkedHashMap<>();
    Map<String, List<String>> sources = new LinkedHashMap<>();
    for (CollectionResult r : results) {
      if (r.snapshots() == null) {
        continue;
      }
      for (MetricSnapshot s : r.snapshots()) {
        String name = s.getMetadata().getPrometheusName();
        byName.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
        sources.computeIfAbsent(name, n -> new ArrayList<>()).add(r.collector());
      }
    }
    List<Family> out = new ArrayList<>(byName.size());
    byName.forEach(
        (name, parts) ->
            out.add(new Family(combine(name, parts, sources.get(name)), sources.get(name))));
    return out;
  }

  private MetricSnapshot combine(String name, List<MetricSnapshot> parts, List<String> collectors) {
    MetricSnapshot first = parts.get(0);
    if (parts.size() == 1) {
      return first;
    }
    List<DataPointSnapshot> points = new ArrayList<>();
    Set<Labels> seen = new HashSet<>();
    for (int i = 0; i < parts.size(); i++) {
      MetricSnapshot part = parts.get(i);
      if (part.getClass() != first.getClass()) {
        problems.accept(
            collectors.get(i)
                + " emits "
                + name
                + " as another type than "
                + collectors.get(0)
                + " does; its series are dropped");
        continue;
      }
      for (DataPointSnapshot p : part.getDataPoints()) {
        if (seen.add(p.getLabels())) {
          points.add(p);
        } else {
          problems.accept(
              collectors.get(i)
                  + " emits a "
                  + name
                  + " series that another collector emits too ("
                  + p.getLabels()
                  + "); it is served once");
        }
      }
    }
    return rebuild(first, points);
  }

  private MetricSnapshot rebuild(MetricSnapshot first, List<DataPointSnapshot> points) {
    String name = first.getMetadata().getName();
    String help = first.getMetadata().getHelp();
    if (first instanceof GaugeSnapshot) {
      GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
      points.forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
      return b.build();
    }
    if (first instanceof CounterSnapshot) {
      CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
      points.forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
      return b.build();
    }
    if (first instanceof InfoSnapshot) {
      InfoSnapshot.Builder b = InfoSnapshot.builder().name(name).help(help);
      points.forEach(p -> b.dataPoint((InfoDataPointSnapshot) p));
      return b.build();
    }
    problems.accept(
        first.getMetadata().getPrometheusName()
            + " comes from several collectors but its type cannot be merged; the first collector's series are served");
    return first;
  }
}
