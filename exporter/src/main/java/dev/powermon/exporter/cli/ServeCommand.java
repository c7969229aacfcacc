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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code powermon}: serves /metrics until stopped; SIGHUP reloads the config file. */
@Command(
    name = "powermon",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Prometheus power exporter: serves /metrics for every power source this machine has.",
    footer = "%nRun 'powermon collectors' to see which collectors can run here.")
final class ServeCommand extends ProviderCommand implements Callable<Integer> {
  @Mixin PushOptions push;
  @Mixin FleetOptions fleet;

  ServeCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    super(providers, flags);
  }

  @Override
  public Integer call() throws InterruptedException {
    ConfigSync central = fleet.enabled()
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "powermon-shutdown"));
    Signals.onHangup(server::reload);
    stopped.await();
    return 0;
  }
}
