package dev.powermon.exporter.push;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: after the n-th failure in a row the sender waits between half
 * and all of {@code min(max, initial * 2^(n-1))}. The jitter spreads a fleet that lost its receiver
 * at the same moment, so it does not come back in lockstep.
 */
record Backoff(Duration initial, Duration max) {
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

  /**
   * @param failures consecutive failures so far, at least 1
   * @param random uniform in [0, 1)
   */
  Duration delay(int failures, DoubleSupplier random) {
    long ceiling = max.toMillis();
    long step = initial.toMillis();
    for (int i = 1; i < failures && step < ceiling; i++) {
      step *= 2;
    }
    long capped = Math.min(step, ceiling);
    return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
  }
}
