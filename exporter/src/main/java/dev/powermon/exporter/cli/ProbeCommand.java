package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ExposedNames;
import dev.powermon.exporter.runtime.CollectionResult;
import dev.powermon.exporter.runtime.CollectorPlan;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
import dev.powermon.exporter.setup.Selection;
import dev.powermon.exporter.setup.Setup;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code powermon probe}: opens the selected collectors, collects once, prints every series as an
 * aligned table and exits 0 when every collector succeeded, 1 otherwise. The "run it standalone"
 * check.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Collect once and print the readings as a table; exit 0 when every selected collector succeeded.")
final class ProbeCommand extends ProviderCommand implements Callable<Integer> {

  ProbeCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    super(providers, flags);
  }

  @Override
  public Integer call() {
    Setup setup = setup();
    PrintWriter out = spec.commandLine().getOut();
    try (CollectorPool pool = new CollectorPool()) {
      List<CollectorPlan> plans =
          Selection.plans(providers, setup.file(), setup.invocation(), pool::probeContext);
      if (plans.isEmpty()) {
        out.println(
            "No collector can run here. Run 'powermon collectors' to see why, or name one with --collector.");
        out.flush();
        return 1;
      }
      List<CollectorRunner> runners = new ArrayList<>();
      for (CollectorPlan plan : plans) {
        runners.add(
            pool.start(plan, plans)); // a named one that cannot run fails with its probe's hint
      }
      runners.forEach(r -> r.awaitOpen(r.plan().deadline()));
      try {
        return print(out, Orchestrator.runAll(runners), runners, pool.windows());
      } finally {
        runners.forEach(CollectorRunner::close);
      }
    }
  }

  /** The collectors' own series, then the power and energy the core built from their readings. */
  private static int print(
      PrintWriter out,
      List<CollectionResult> results,
      List<CollectorRunner> runners,
      PowerWindows windows) {
    boolean allSucceeded = true;
    TextTable table = new TextTable("FAMILY", "LABELS", "VALUE");
    for (int i = 0; i < results.size(); i++) {
      CollectionResult r = results.get(i);
      if (!r.success()) {
        allSucceeded = false;
        out.println(r.collector() + ": FAILED: " + r.error());
        continue;
      }
      runners.get(i).summary().forEach(line -> out.println(r.collector() + ": " + line));
      List<MetricSnapshot> families = new ArrayList<>();
      r.snapshots().forEach(families::add);
      families.addAll(windows.families(r.collector()));
      for (MetricSnapshot family : families) {
        for (DataPointSnapshot p : family.getDataPoints()) {
          table.row(ExposedNames.of(family), labels(p), value(p));
        }
      }
    }
    out.println();
    table.print(out);
    return allSucceeded ? 0 : 1;
  }

  private static String labels(DataPointSnapshot p) {
    StringJoiner joined = new StringJoiner(",", "{", "}");
    for (Label l : p.getLabels()) {
      joined.add(l.getName() + "=\"" + l.getValue() + "\"");
    }
    return joined.toString();
  }

  private static String value(DataPointSnapshot p) {
    if (p instanceof GaugeDataPointSnapshot g) {
      return format(g.getValue());
    }
    if (p instanceof CounterDataPointSnapshot c) {
      return format(c.getValue());
    }
    return "1";
  }

  private static String format(double v) {
    return Double.isFinite(v)
        ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
        : String.valueOf(v);
  }
}
