package dev.powermon.exporter.runtime;

import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.meta.ReloadStatus;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.window.PowerWindows;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** Orchestrators for tests, built as serve builds them. */
public final class Orchestrators {
  private Orchestrators() {}

  /** No collectors yet, an empty metric table without a file, windows of its own. */
  public static Orchestrator bare() {
    return new Orchestrator(
        emptyTable(),
        new MetaMetrics(BuildInfo.load(), new ReloadStatus()),
        new ProcessMetrics(),
        new PowerWindows(),
        new CollectorHealth());
  }

  /** Over {@code pool}'s windows and health, filtered by {@code table}. */
  public static Orchestrator over(CollectorPool pool, MetricTable table) {
    return over(pool, table, System::nanoTime);
  }

  /** As {@link #over(CollectorPool, MetricTable)}, measuring reuse windows by {@code nanoTime}. */
  static Orchestrator over(CollectorPool pool, MetricTable table, LongSupplier nanoTime) {
    return new Orchestrator(
        table,
        new MetaMetrics(BuildInfo.load(), new ReloadStatus()),
        new ProcessMetrics(),
        pool.windows(),
        pool.health(),
        nanoTime);
  }

  /** A metric table without a file, with no operator choices. */
  public static MetricTable emptyTable() {
    return new MetricTable(null, new LinkedHashMap<>(), Map.of(), Runnable::run);
  }
}
