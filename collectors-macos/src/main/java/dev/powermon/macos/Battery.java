package dev.powermon.macos;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.StateLog;
import dev.powermon.macos.PowerSample.DomainEnergy;
import dev.powermon.oshi.BatterySource;
import dev.powermon.oshi.NativeAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Samples battery discharge into domain {@code battery}: whole-machine power while on battery.
 * Charging is not consumption, so the battery domain has no power series then and its energy
 * counter stands still.
 */
final class Battery implements AutoCloseable {
  static final String DOMAIN = "battery";

  private final BatterySource source;
  private final LongSupplier nanoTime;
  private final SampleLog samples;
  private ScheduledFuture<?> task;
  private long lastNanos = Long.MIN_VALUE;
  private final StateLog states;

  Battery(BatterySource source, SampleLog samples, LongSupplier nanoTime, Logger log) {
    this.samples = samples;
    this.source = source;
    this.nanoTime = nanoTime;
    this.states = new StateLog(log);
  }

  void start(ScheduledExecutorService scheduler, Duration interval) {
    sample();
    task =
        scheduler.scheduleAtFixedRate(
            this::sample, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One reading; the power seen now stands for the window since the previous reading. */
  synchronized void sample() {
    long now = nanoTime.getAsLong();
    double seconds = lastNanos == Long.MIN_VALUE ? 0 : (now - lastNanos) / 1e9;
    lastNanos = now;
    List<BatteryPower.Reading> rates;
    try {
      rates = source.read();
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: JNA cannot load; uncaught, it would end the schedule silently. Unknown is not
      // 0 W: this window has no battery power and no energy.
      states.failing(
          DOMAIN, "battery power not reported: " + NativeAccess.describe("reading the battery", e));
      samples.record(new PowerSample(seconds, Map.of(), Map.of()), now);
      return;
    }
    states.ok(DOMAIN, "readable again");
    // 0 W while charging (not consumption), so the core integrates nothing across a charge;
    // no reading when no battery's rate is known
    Map<String, DomainEnergy> domains = new java.util.HashMap<>();
    BatteryPower.drawnWatts(rates)
        .ifPresent(w -> domains.put(DOMAIN, new DomainEnergy(w, w * seconds)));
    samples.record(new PowerSample(seconds, domains, Map.of()), now);
  }

  SampleLog samples() {
    return samples;
  }

  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
