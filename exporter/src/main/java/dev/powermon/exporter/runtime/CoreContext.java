package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Settings;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context the core hands each collector. */
public final class CoreContext implements CollectorContext {
  private final Settings settings;
  private final ScheduledExecutorService scheduler;
  private final String hostname;
  private final boolean hostPowerMeasured;
  private final Logger logger;

  public CoreContext(
      String collector, Settings settings, ScheduledExecutorService scheduler, String hostname, boolean hostPowerMeasured) {
    this.settings = settings;
    this.scheduler = scheduler;
    this.hostname = hostname;
    this.hostPowerMeasured = hostPowerMeasured;
    this.logger = LoggerFactory.getLogger("dev.powermon.collector." + collector);
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public boolean hostPowerMeasured() {
    return hostPowerMeasured;
  }
}
