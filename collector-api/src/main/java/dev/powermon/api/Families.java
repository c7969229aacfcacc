package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one way a collector emits samples: every point is checked against the family's declaration,
 * so a collector cannot serve what its {@link CollectorProvider#metrics()} does not list. Name,
 * type and label names (declared labels plus declared extra labels, all present) must match;
 * anything else throws {@link IllegalArgumentException} naming the family and the rule, which a
 * collector's own tests catch.
 *
 * <p>One builder per collection: add points, then take {@link #snapshots()}. Not thread-safe.
 */
public final class Families {
  private final Map<String, MetricSpec> declared = new LinkedHashMap<>();
  private final Map<String, List<Object>> points = new LinkedHashMap<>();

  /**
   * A builder that accepts the families in {@code declared}, typically the provider's {@code
   * metrics()}.
   */
  public Families(Collection<MetricSpec> declared) {
    for (MetricSpec spec : declared) {
      this.declared.put(spec.name(), spec);
    }
  }

  /**
   * Adds a gauge point; {@code labels} carries every declared label, {@link Labels#EMPTY} when
   * none.
   */
  public Families gauge(MetricSpec spec, Labels labels, double value) {
    add(
        spec,
        MetricSpec.Type.GAUGE,
        labels,
        GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
    return this;
  }

  /** Adds a counter point; the value must never decrease between collections. */
  public Families counter(MetricSpec spec, Labels labels, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(
          spec.name() + ": a counter is never negative or NaN, got " + value + " for " + labels);
    }
    add(
        spec,
        MetricSpec.Type.COUNTER,
        labels,
        CounterDataPointSnapshot.builder().labels(labels).value(value).build());
    return this;
  }

  /** Adds an info point (value 1). */
  public Families info(MetricSpec spec, Labels labels) {
    add(spec, MetricSpec.Type.INFO, labels, InfoDataPointSnapshot.builder().labels(labels).build());
    return this;
  }

  /** Whether no point was added. */
  public boolean isEmpty() {
    return points.isEmpty();
  }

  /** The families with at least one point, in the order their first point was added. */
  public List<MetricSnapshot> list() {
    List<MetricSnapshot> out = new ArrayList<>(points.size());
    points.forEach((name, list) -> out.add(build(declared.get(name), list)));
    return out;
  }

  /** {@link #list()} as client_java snapshots. */
  public MetricSnapshots snapshots() {
    return new MetricSnapshots(list());
  }

  /**
   * What is wrong with a family built some other way, against {@code declared}: one sentence per
   * rule broken (undeclared, other type, a series with other labels), empty when it matches. For
   * families the core cannot build here (client_java's own) and for {@code DeclarationCheck}.
   */
  public static List<String> problems(Collection<MetricSpec> declared, MetricSnapshot family) {
    String name = ExposedNames.of(family);
    MetricSpec declaration = null;
    for (MetricSpec spec : declared) {
      if (spec.name().equals(name)) {
        declaration = spec;
      }
    }
    List<String> out = new ArrayList<>();
    if (declaration == null) {
      out.add(undeclared(name));
      return out;
    }
    MetricSpec.Type type = typeOf(family);
    if (declaration.type() != type) {
      out.add(wrongType(declaration, type));
    }
    for (DataPointSnapshot p : family.getDataPoints()) {
      String wrong = wrongLabels(declaration, p.getLabels());
      if (wrong != null) {
        out.add(wrong);
      }
    }
    return out;
  }

  private void add(MetricSpec spec, MetricSpec.Type type, Labels labels, Object point) {
    MetricSpec declaration = declared.get(spec.name());
    if (declaration == null) {
      throw new IllegalArgumentException(undeclared(spec.name()));
    }
    if (declaration.type() != type) {
      throw new IllegalArgumentException(wrongType(declaration, type));
    }
    String wrong = wrongLabels(declaration, labels);
    if (wrong != null) {
      throw new IllegalArgumentException(wrong);
    }
    points.computeIfAbsent(spec.name(), n -> new ArrayList<>()).add(point);
  }

  private static String undeclared(String name) {
    return name + ": not declared; only families in the provider's metrics() may be emitted";
  }

  private static String wrongType(MetricSpec declaration, MetricSpec.Type type) {
    return declaration.name()
        + ": declared as a "
        + declaration.type()
        + ", emitted as a "
        + type
        + "; a family keeps its declared type";
  }

  private static String wrongLabels(MetricSpec declaration, Labels labels) {
    if (declaration.carriesExactly(labels)) {
      return null;
    }
    Set<String> given = new HashSet<>();
    labels.forEach(l -> given.add(l.getName()));
    if (given.equals(new HashSet<>(declaration.allLabelNames()))) {
      return null;
    }
    return declaration.name()
        + ": labels "
        + new TreeSet<>(given)
        + " differ from the declared "
        + declaration.allLabelNames()
        + "; every series carries exactly the declared labels and extra labels";
  }

  private static Unit unit(MetricSpec spec) {
    return spec.unit() == null ? null : new Unit(spec.unit());
  }

  private static MetricSpec.Type typeOf(MetricSnapshot family) {
    if (family instanceof GaugeSnapshot) {
      return MetricSpec.Type.GAUGE;
    }
    if (family instanceof CounterSnapshot) {
      return MetricSpec.Type.COUNTER;
    }
    if (family instanceof InfoSnapshot) {
      return MetricSpec.Type.INFO;
    }
    if (family instanceof SummarySnapshot) {
      return MetricSpec.Type.SUMMARY;
    }
    return null;
  }

  private static MetricSnapshot build(MetricSpec spec, List<Object> list) {
    switch (spec.type()) {
      case GAUGE:
        {
          GaugeSnapshot.Builder b =
              GaugeSnapshot.builder().name(spec.name()).help(spec.help()).unit(unit(spec));
          list.forEach(p -> b.dataPoint((GaugeDataPointSnapshot) p));
          return b.build();
        }
      case COUNTER:
        {
          CounterSnapshot.Builder b =
              CounterSnapshot.builder().name(spec.name()).help(spec.help()).unit(unit(spec));
          list.forEach(p -> b.dataPoint((CounterDataPointSnapshot) p));
          return b.build();
        }
      case INFO:
        {
          InfoSnapshot.Builder b = InfoSnapshot.builder().name(spec.name()).help(spec.help());
          list.forEach(p -> b.dataPoint((InfoDataPointSnapshot) p));
          return b.build();
        }
      default: // no method adds a summary's points
        throw new IllegalStateException(spec.name() + ": Families builds no " + spec.type());
    }
  }
}
