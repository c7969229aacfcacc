package dev.powermon.kasa;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * An overall time budget. Socket timeouts are recomputed from what is left before every blocking
 * call, so a peer that drips one byte at a time cannot extend an exchange.
 */
final class Deadline {
  private final long endNanos;
  private final String whenExpired;

  private Deadline(long endNanos, String whenExpired) {
    this.endNanos = endNanos;
    this.whenExpired = whenExpired;
  }

  /** The budget of one request: connect, send, and the whole reply. */
  static Deadline forRequest(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos(), "no complete reply within " + budget.toMillis() + " ms");
  }

  /** The budget of a whole poll of one device (a strip sends a request per outlet). */
  static Deadline forPoll(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos(), "poll not done within " + budget.toMillis() + " ms");
  }

  /** Whichever of the two ends first, with its own message. */
  Deadline earliest(Deadline other) {
    return other.endNanos - endNanos < 0 ? other : this;
  }

  /** The error for a spent budget, whichever blocking call noticed it. */
  SocketTimeoutException expired() {
    return new SocketTimeoutException(whenExpired);
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
