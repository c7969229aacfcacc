package dev.powermon.net;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * An overall time budget for talking to one device. Socket timeouts are recomputed from what is
 * left before every blocking call, so a peer that drips one byte at a time cannot extend an
 * exchange.
 */
public final class Deadline {
  private final long endNanos;
  private final String whenExpired;

  private Deadline(long endNanos, String whenExpired) {
    this.endNanos = endNanos;
    this.whenExpired = whenExpired;
  }

  /** A budget that starts now; {@code whenExpired} is the error's message once it is spent. */
  public static Deadline after(Duration budget, String whenExpired) {
    return new Deadline(System.nanoTime() + budget.toNanos(), whenExpired);
  }

  /** Whichever of the two ends first, with its own message. */
  public Deadline earliest(Deadline other) {
    return other.endNanos - endNanos < 0 ? other : this;
  }

  /** The error for a spent budget, whichever blocking call noticed it. */
  public SocketTimeoutException expired() {
    return new SocketTimeoutException(whenExpired);
  }

  /**
   * Milliseconds left, at least 1 (a socket timeout of 0 would mean "forever").
   *
   * @throws SocketTimeoutException when the budget is spent
   */
  public int remainingMillis() throws SocketTimeoutException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw expired();
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
  }
}
