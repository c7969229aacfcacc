package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.Server;
import dev.powermon.exporter.logging.Logging;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code powermon}: serves /metrics until stopped; SIGHUP reloads the config file. */
@Command(
    name = "powermon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Prometheus power exporter: serves /metrics for every power source this machine has.",
    footer = "%nRun 'powermon collectors' to see which collectors can run here.")
final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  private final Map<String, CollectorProvider> providers;
  private final CollectorFlags flags;

  ServeCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    this.providers = providers;
    this.flags = flags;
  }

  CollectorFlags flags() {
    return flags;
  }

  @Override
  public Integer call() throws InterruptedException {
    Setup setup = Setup.load(providers, flags.read(spec.commandLine().getParseResult(), options));
    configureLogging(setup);
    Server server = Server.start(setup);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "powermon-shutdown"));
    Signals.onHangup(server::reload);
    stopped.await();
    return 0;
  }

  static void configureLogging(Setup setup) {
    try {
      Logging.configure(setup.logLevel(), setup.logFormat());
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
  }
}
