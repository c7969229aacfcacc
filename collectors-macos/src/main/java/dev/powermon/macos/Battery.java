package dev.powermon.macos;

import dev.powermon.api.BatteryPower;
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
 * Samples battery discharge into domain {@code battery}: whole-machine power while on battery. Charging is not
 * consumption, so the battery domain has no power series then and its energy counter stands still.
 */
final class Battery implements AutoCloseable {
  static final String DOMAIN = "battery";

  private final BatterySource source;
  private final LongSupplier nanoTime;
  private final Logger log;
  private final PowerLedger ledger = new PowerLedger();
  private ScheduledFuture<?> task;
  private long lastNanos = Long.MIN_VALUE;
  private boolean failing;

  Battery(BatterySource source, LongSupplier nanoTime, Logger log) {
    this.source = source;
    this.nanoTime = nanoTime;
    this.log = log;
  }

  void start(ScheduledExecutorService scheduler, Duration interval) {
    sample();
    task = scheduler.scheduleAtFixedRate(this::sample, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** One reading; the power seen now stands for the window since the previous reading. */
  synchronized void sample() {
    long now = nanoTime.getAsLong();
    double seconds = lastNanos == Long.MIN_VALUE ? 0 : (now - lastNanos) / 1e9;
    lastNanos = now;
    List<BatteryPower.Reading> rates;
    try {
      rates = source.read();
    } catch (RuntimeException e) {
      failed(e instanceof NativeAccess.NativeAccessException ? e.getMessage() : e.toString(), seconds, now);
      return;
    } catch (LinkageError e) {
      failed(NativeAccess.failure("reading the battery", e).getMessage(), seconds, now);
      return;
    }
    failing = false;
    double watts = BatteryPower.drawnWatts(rates).orElse(0);
    Map<String, DomainEnergy> domains =
        watts > 0 ? Map.of(DOMAIN, new DomainEnergy(watts, watts * seconds)) : Map.of();
    ledger.record(new PowerSample(seconds, domains, Map.of()), now);
  }

  /** No battery reading this window: unknown is not 0 W, so the domain has no power and no energy. */
  private void failed(String why, double seconds, long now) {
    if (!failing) {
      log.warn("cannot read the battery, battery power not reported: {}", why);
      failing = true;
    }
    ledger.record(new PowerSample(seconds, Map.of(), Map.of()), now);
  }

  PowerLedger ledger() {
    return ledger;
  }

  @Override
  public void close() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
