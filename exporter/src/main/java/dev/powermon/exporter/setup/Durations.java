package dev.powermon.exporter.setup;

import dev.powermon.api.SettingType;
import java.time.Duration;

/**
 * Durations the core itself takes (deadlines, push intervals): Prometheus-style and longer than
 * zero.
 */
final class Durations {
  private Durations() {}

  /**
   * {@code text} parsed; an operator error naming {@code what} when it does not parse or is zero.
   */
  static Duration positive(String what, String text) {
    Duration d;
    try {
      d = SettingType.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new OperatorError(what + ": " + e.getMessage());
    }
    if (d.isZero()) {
      throw new OperatorError(what + ": must be longer than 0");
    }
    return d;
  }
}
