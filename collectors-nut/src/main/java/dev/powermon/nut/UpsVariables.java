package dev.powermon.nut;

import java.util.Map;
import java.util.Optional;

/**
 * One UPS's variables as upsd sent them, read as numbers on demand. A value that is not a finite
 * number, or is out of its range, reads as absent and is reported once to {@code problems}: it
 * costs that variable's series, never the UPS.
 */
final class UpsVariables {
  /** Told of each variable that was present but unusable, with why. */
  @FunctionalInterface
  interface Problems {
    void unusable(String variable, String reason);
  }

  private final Map<String, String> values;
  private final Problems problems;

  UpsVariables(Map<String, String> values, Problems problems) {
    this.values = Map.copyOf(values);
    this.problems = problems;
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** A finite number of at least zero (watts, volts, seconds). */
  Optional<Double> nonNegative(String name) {
    return number(name).filter(v -> inRange(name, v, 0, Double.MAX_VALUE));
  }

  /** A percentage, 0 to 100 (a UPS overloaded beyond its rating reports up to a few hundred). */
  Optional<Double> percent(String name) {
    return number(name).filter(v -> inRange(name, v, 0, 1000));
  }

  /**
   * Any finite number, for the catch-all family; unusable values are not reported (they may be
   * text).
   */
  Optional<Double> anyNumber(String name) {
    return parse(values.get(name));
  }

  private Optional<Double> number(String name) {
    String text = values.get(name);
    if (text == null) {
      return Optional.empty();
    }
    Optional<Double> v = parse(text);
    if (v.isEmpty()) {
      problems.unusable(name, "not a number");
    }
    return v;
  }

  private boolean inRange(String name, double v, double min, double max) {
    if (v < min || v > max) {
      problems.unusable(name, "out of range");
      return false;
    }
    return true;
  }

  private static Optional<Double> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 32) {
      return Optional.empty();
    }
    try {
      double v = Double.parseDouble(text.trim());
      return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
