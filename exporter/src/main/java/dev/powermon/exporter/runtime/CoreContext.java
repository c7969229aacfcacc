package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.PowerSampleSink;
import dev.powermon.api.Settings;
import dev.powermon.exporter.window.PowerWindows;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/**
 * The context the core hands each collector: its settings, the shared scheduler, its own logger, and the
 * power windows its sampler feeds (null for a probe, whose readings are thrown away).
 */
record CoreContext(
    Settings settings,
    ScheduledExecutorService scheduler,
    String hostname,
    boolean hostPowerMeasured,
    Logger logger,
    PowerWindows windows)
    implements CollectorContext {

  @Override
  public PowerSampleSink powerSamples(String source) {
    return windows == null ? PowerSampleSink.DISCARD : windows.sink(source);
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
