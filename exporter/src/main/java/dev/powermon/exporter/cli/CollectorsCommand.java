package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ProbeResult;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.setup.Selection;
import dev.powermon.exporter.setup.Selection.Decision;
import dev.powermon.exporter.setup.Setup;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code powermon collectors}: every collector in this build, whether it can run here, and whether
 * {@code powermon} with the same flags and file would run it, and why: the same {@link Selection}
 * decides both.
 */
@Command(
    name = "collectors",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "List every collector in this build, whether it can run here, and whether 'powermon' with the"
            + " same flags would run it, and why.")
final class CollectorsCommand extends ProviderCommand implements Callable<Integer> {

  CollectorsCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    super(providers, flags);
  }

  @Override
  public Integer call() {
    Setup setup = setup();
    PrintWriter out = spec.commandLine().getOut();
    TextTable table = new TextTable("COLLECTOR", "CAN RUN", "ENABLED", "WHY", "DETAIL");
    try (CollectorPool pool = new CollectorPool()) {
      for (Decision d :
          Selection.decide(providers, setup.file(), setup.invocation(), pool::probeContext)) {
        ProbeResult probe = d.probe();
        if (probe == null) {
          try {
            probe =
                d.provider()
                    .probe(
                        pool.probeContext(
                            d.provider().name(),
                            Selection.settings(d.provider(), setup.file(), setup.invocation())));
          } catch (IllegalArgumentException e) {
            probe = ProbeResult.unavailable(e.getMessage());
          }
        }
        table.row(
            d.provider().name(),
            probe.isAvailable() ? "yes" : "no",
            d.runs() ? "yes" : "no",
            d.why(),
            probe.detail());
      }
    }
    table.print(out);
    return 0;
  }
}
