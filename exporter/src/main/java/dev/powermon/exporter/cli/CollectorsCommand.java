package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.Settings;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.setup.Selection;
import dev.powermon.exporter.setup.Setup;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code powermon collectors}: every collector in this build, whether it can run here, and why not. */
@Command(
    name = "collectors",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "List every collector in this build, whether it can run here, and the reason when not.")
final class CollectorsCommand extends ProviderCommand implements Callable<Integer> {

  CollectorsCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    super(providers, flags);
  }

  @Override
  public Integer call() {
    Setup setup = setup();
    PrintWriter out = spec.commandLine().getOut();
    TextTable table = new TextTable("COLLECTOR", "CAN RUN", "ENABLED", "DETAIL");
    try (CollectorPool pool = new CollectorPool()) {
      for (CollectorProvider p : providers.values()) {
        ProbeResult probe;
        try {
          Settings settings = Selection.settings(p, setup.file(), setup.invocation());
          probe = p.probe(pool.probeContext(p.name(), settings));
        } catch (IllegalArgumentException e) {
          probe = ProbeResult.unavailable(e.getMessage());
        }
        table.row(p.name(), probe.isAvailable() ? "yes" : "no",
            p.networked() ? "when named" : "by default if it can run", probe.detail());
      }
    }
    table.print(out);
    return 0;
  }
}
