package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ExposedNames;
import dev.powermon.api.ProbeResult;
import dev.powermon.exporter.runtime.CollectionResult;
import dev.powermon.exporter.runtime.CollectorPlan;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.runtime.CollectorRunner;
import dev.powermon.exporter.runtime.Orchestrator;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code powermon probe}: opens the selected collectors, collects once, prints every series as an aligned
 * table and exits 0 when every collector succeeded, 1 otherwise. The "run it standalone" check.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Collect once and print the readings as a table; exit 0 when every selected collector succeeded.")
final class ProbeCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  private final Map<String, CollectorProvider> providers;
  private final CollectorFlags flags;

  ProbeCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    this.providers = providers;
    this.flags = flags;
  }

  @Override
  public Integer call() {
    Setup setup = Setup.load(providers, flags.read(spec.commandLine().getParseResult(), options));
    ServeCommand.configureLogging(setup);
    PrintWriter out = spec.commandLine().getOut();
    try (CollectorPool pool = new CollectorPool()) {
      List<CollectorPlan> plans = Selection.plans(providers, setup.file(), setup.invocation(), pool::probeContext);
      if (plans.isEmpty()) {
        out.println("No collector can run here. Run 'powermon collectors' to see why, or name one with --collector.");
        out.flush();
        return 1;
      }
      List<CollectorRunner> runners = new ArrayList<>();
      for (CollectorPlan plan : plans) {
        if (plan.named()) {
          ProbeResult probe = plan.provider().probe(pool.probeContext(plan.name(), plan.settings()));
          if (!probe.isAvailable()) {
            out.println(plan.name() + ": cannot run here: " + probe.detail());
          }
        }
        runners.add(pool.start(plan, plans));
      }
      runners.forEach(r -> r.awaitOpen(r.plan().deadline()));
      try {
        return print(out, Orchestrator.runAll(runners), runners);
      } finally {
        runners.forEach(CollectorRunner::close);
      }
    }
  }

  private static int print(PrintWriter out, List<CollectionResult> results, List<CollectorRunner> runners) {
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
      for (MetricSnapshot family : r.snapshots()) {
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
    return Double.isFinite(v) ? BigDecimal.valueOf(v).stripTrailingZeros().toPlainString() : String.valueOf(v);
  }
}
