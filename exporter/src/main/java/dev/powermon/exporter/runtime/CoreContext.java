package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.MeterClass;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.Settings;
import dev.powermon.exporter.window.PowerWindows;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;

/**
 * The context the core hands each collector: its settings, the shared scheduler, its own logger,
 * its parse-problem counter, and the power windows its readings feed (null for a probe, whose
 * readings are thrown away).
 *
 * @param powerExtras the extra labels the collector declared on {@code powermon_power_watts}
 */
record CoreContext(
    String collector,
    Settings settings,
    ScheduledExecutorService scheduler,
    String hostname,
    boolean hostPowerMeasured,
    Logger logger,
    PowerWindows windows,
    List<String> powerExtras,
    ParseProblems problems)
    implements CollectorContext {

  @Override
  public PowerReadings powerReadings(String source, MeterClass meterClass) {
    return windows == null
        ? PowerReadings.DISCARD
        : windows.readings(collector, source, meterClass, powerExtras, clock()::millis);
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
