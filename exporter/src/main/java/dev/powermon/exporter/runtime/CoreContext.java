package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.Settings;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/** The context the core hands each collector: its settings, the shared scheduler, and its own logger. */
record CoreContext(
    Settings settings, ScheduledExecutorService scheduler, String hostname, boolean hostPowerMeasured, Logger logger)
    implements CollectorContext {

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
