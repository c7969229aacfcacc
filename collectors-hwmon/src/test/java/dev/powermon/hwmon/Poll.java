package dev.powermon.hwmon;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition on a slow, shared machine: polls, never asserts a timing. */
final class Poll {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Poll() {}

  static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting " + TIMEOUT.toSeconds() + "s for " + what);
      }
      Thread.sleep(25);
    }
  }
}
