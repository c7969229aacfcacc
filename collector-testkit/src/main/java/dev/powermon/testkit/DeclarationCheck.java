package dev.powermon.testkit;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;

/**
 * The check every collector module's test runs on what its collector emitted: each family is
 * declared in the provider's {@code metrics()} with the same type, and each series carries exactly
 * the declared labels plus extra labels ({@link Families#problems}). Families built with {@code
 * Families} pass by construction; this catches a collector that builds snapshots another way.
 */
public final class DeclarationCheck {
  private DeclarationCheck() {}

  /** Throws AssertionError listing every family or series that differs from the declaration. */
  public static void assertEmitsOnlyDeclared(
      CollectorProvider provider, MetricSnapshots snapshots) {
    assertEmitsOnlyDeclared(provider.metrics(), snapshots);
  }

  /**
   * As {@link #assertEmitsOnlyDeclared(CollectorProvider, MetricSnapshots)} against {@code
   * declared}: the provider's metrics plus the specs it builds for families discovered at run time.
   */
  public static void assertEmitsOnlyDeclared(List<MetricSpec> declared, MetricSnapshots snapshots) {
    List<String> problems = new ArrayList<>();
    for (MetricSnapshot family : snapshots) {
      problems.addAll(Families.problems(declared, family));
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "emitted what the provider does not declare:\n  " + String.join("\n  ", problems));
    }
  }
}
