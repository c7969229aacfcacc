package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.Server;
import dev.powermon.exporter.fleet.sync.ConfigSync;
import dev.powermon.exporter.fleet.sync.FleetOptions;
import dev.powermon.exporter.runtime.CollectorPool;
import dev.powermon.exporter.setup.PushOptions;
import dev.powermon.exporter.setup.Setup;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code powermon}: serves /metrics until stopped; SIGHUP reloads the config file. */
@Command(
    name = "powermon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Prometheus power exporter: serves /metrics for every power source this machine has.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped in order (SIGTERM, Ctrl-C), or a command succeeded",
      "1:a failure at run time: a taken port, a collector that failed in probe",
      "2:a usage or config error: an unknown flag, a bad value, a broken config file"
    },
    footer = "%nRun 'powermon collectors' to see which collectors would run here, and why.")
final class ServeCommand extends ProviderCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin PushOptions push;
  @Mixin FleetOptions fleet;

  ServeCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    super(providers, flags);
  }

  @Override
  public Integer call() throws InterruptedException {
    ConfigSync central =
        fleet.enabled()
            ? ConfigSync.of(fleet, options.configFile(), providers, CollectorPool.lookUpHostname())
            : null;
    if (central != null) {
      central.fetchAtStart(); // before the file is read: a good central config replaces it
    }
    Setup setup = setup().withPush(push);
    Server server = Server.start(setup, central);
    if (central != null) {
      central.startPolling(server::reloadFile, server::configRefused);
    }
    CountDownLatch running = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "powermon-shutdown"));
    Signals.onHangup(server::reload);
    running.await(); // until SIGTERM or SIGINT runs the hook
    return 0;
  }

  /**
   * On SIGTERM or SIGINT: closes collectors (and their child processes), listeners and pushes
   * (flushed within their bound), then exits 0: a stop the operator asked for is no failure,
   * whereas the JVM would report the signal (143).
   */
  private static void stop(Server server) {
    LOG.info("stopping: collectors and their child processes, then pending pushes (up to 5 s)");
    server.close();
    LOG.info("stopped");
    Runtime.getRuntime().halt(0);
  }
}
