package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.Settings;
import dev.powermon.exporter.window.PowerWindows;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads collectors run on and the contexts they get; shared by {@code serve} and {@code
 * probe}.
 */
public final class CollectorPool implements AutoCloseable {
  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(2, daemon("powermon-sampler"));
  private final ExecutorService executor =
      Executors.newCachedThreadPool(daemon("powermon-collect"));
  private final String hostname = lookUpHostname();
  private final PowerWindows windows = new PowerWindows();
  private final CollectorHealth health = new CollectorHealth();

  /** The executor collections and {@code /probe} calls run on. */
  public ExecutorService executor() {
    return executor;
  }

  /** This machine's host name, as collectors see it. */
  public String hostname() {
    return hostname;
  }

  /** The windows the samplers of started collectors feed. */
  public PowerWindows windows() {
    return windows;
  }

  /** Parse problems and last readings of the started collectors. */
  public CollectorHealth health() {
    return health;
  }

  /** A context to run a provider's probe in; its readings feed no window. */
  public CollectorContext probeContext(String collector, Settings settings) {
    return context(collector, settings, false, null, List.of());
  }

  /**
   * A started runner for {@code plan}, one of {@code all} (which tells whether host power is
   * measured).
   */
  public CollectorRunner start(CollectorPlan plan, List<CollectorPlan> all) {
    boolean measuredElsewhere =
        all.stream().anyMatch(p -> p != plan && p.provider().measuresHostPower());
    CollectorContext context =
        context(
            plan.name(),
            plan.settings(),
            measuredElsewhere,
            windows,
            PowerFamilies.declaredExtras(plan.provider().metrics()));
    CollectorRunner runner =
        new CollectorRunner(plan, context, executor, windows::lastReadingMillis, Clock.systemUTC());
    runner.start();
    return runner;
  }

  private CollectorContext context(
      String collector,
      Settings settings,
      boolean hostPowerMeasured,
      PowerWindows sink,
      List<String> powerExtras) {
    Logger log = LoggerFactory.getLogger("dev.powermon.collector." + collector);
    return new CoreContext(
        collector,
        settings,
        scheduler,
        hostname,
        hostPowerMeasured,
        log,
        sink,
        powerExtras,
        health.problems(collector, log));
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    executor.shutdownNow();
  }

  /** This machine's host name, or "localhost" when it has none. */
  public static String lookUpHostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** Daemon threads, so a stuck device read never keeps the JVM from exiting. */
  public static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
