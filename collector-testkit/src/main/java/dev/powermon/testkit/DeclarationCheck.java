package dev.powermon.testkit;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ExposedNames;
import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check every collector module's test runs on what its collector emitted: each family is declared in
 * the provider's {@code metrics()} with the same type, and each series carries exactly the declared
 * labels plus extra labels. Families built with {@code Families} pass by construction; this catches a
 * collector that builds snapshots another way.
 */
public final class DeclarationCheck {
  private DeclarationCheck() {}

  /** Throws AssertionError listing every family or series that differs from the declaration. */
  public static void assertEmitsOnlyDeclared(CollectorProvider provider, MetricSnapshots snapshots) {
    assertEmitsOnlyDeclared(provider.metrics(), snapshots);
  }

  /**
   * As {@link #assertEmitsOnlyDeclared(CollectorProvider, MetricSnapshots)} against {@code declared}:
   * the provider's metrics plus the specs it builds for families discovered at run time.
   */
  public static void assertEmitsOnlyDeclared(List<MetricSpec> declared, MetricSnapshots snapshots) {
    Map<String, MetricSpec> byName = new LinkedHashMap<>();
    declared.forEach(m -> byName.put(m.name(), m));
    List<String> problems = new ArrayList<>();
    for (MetricSnapshot family : snapshots) {
      String name = ExposedNames.of(family);
      MetricSpec spec = byName.get(name);
      if (spec == null) {
        problems.add(name + ": not declared");
        continue;
      }
      if (spec.type() != typeOf(family)) {
        problems.add(name + ": declared " + spec.type() + ", emitted " + typeOf(family));
      }
      Set<String> wanted = new HashSet<>(spec.allLabelNames());
      for (DataPointSnapshot p : family.getDataPoints()) {
        Set<String> given = new HashSet<>();
        p.getLabels().forEach(l -> given.add(l.getName()));
        if (!given.equals(wanted)) {
          problems.add(name + ": series " + p.getLabels() + " has labels " + given + ", declared " + wanted);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError("emitted what " + "the provider does not declare:\n  " + String.join("\n  ", problems));
    }
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
    return null;
  }
}
