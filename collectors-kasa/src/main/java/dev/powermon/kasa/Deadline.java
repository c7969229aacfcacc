package dev.powermon.kasa;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * An overall time budget for one exchange with a device. Socket timeouts are recomputed from what is
 * left before every blocking call, so a peer that drips one byte at a time cannot extend the exchange.
 */
final class Deadline {
  private final long endNanos;
  private final Duration budget;

  private Deadline(Duration budget) {
    this.budget = budget;
    this.endNanos = System.nanoTime() + budget.toNanos();
  }

  static Deadline after(Duration budget) {
    return new Deadline(budget);
  }

  /** The error for a spent budget, whichever blocking call noticed it. */
  SocketTimeoutException expired() {
    return new SocketTimeoutException("no complete reply within " + budget.toMillis() + " ms");
  }

  /**
   * Milliseconds left, at least 1 (a socket timeout of 0 would mean "forever").
   *
   * @throws SocketTimeoutException when the budget is spent
   */
  int remainingMillis() throws SocketTimeoutException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw expired();
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
  }
}
