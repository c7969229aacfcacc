package dev.powermon.windows;

import dev.powermon.api.BatteryPower;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Energy drawn from the batteries: the rate read now stands for the window since the previous reading. While
 * charging or on AC there is no power reading and the energy counter stands still.
 */
final class BatteryDischarge {
  private long lastNanos;
  private boolean started;
  private double joules;
  private OptionalDouble watts = OptionalDouble.empty();
  private boolean seen;

  synchronized void update(List<BatteryPower.Reading> rates, long nanoTime) {
    double seconds = started ? (nanoTime - lastNanos) / 1e9 : 0;
    lastNanos = nanoTime;
    started = true;
    seen |= !rates.isEmpty();
    double w = BatteryPower.drawnWatts(rates).orElse(0);
    watts = w > 0 ? OptionalDouble.of(w) : OptionalDouble.empty();
    joules += w * seconds;
  }

  /** Power drawn from the batteries in the last window; empty when not discharging. */
  synchronized OptionalDouble watts() {
    return watts;
  }

  synchronized double joules() {
    return joules;
  }

  /** Whether a battery was ever reported: a desktop has no battery series at all. */
  synchronized boolean present() {
    return seen;
  }
}
