package dev.powermon.hwmon;

import dev.powermon.api.ParseProblems;
import java.util.OptionalDouble;

/**
 * One hwmon attribute's text to a value in base units. hwmon writes a decimal integer and a
 * newline; anything else, or a value outside the kind's plausible range (negative power, lm-sensors
 * #460's 4294967295 µW from an ACPI meter), is reported under the attribute's field and left out.
 */
final class SensorValueParser {
  /** A hwmon value is at most a 64-bit integer and a newline; more is not a value. */
  static final int MAX_CHARS = 24;

  /**
   * 0xFFFFFFFF: what ACPI meters return unread, in µW, or in mW that the driver scales to µW (4.29
   * MW).
   */
  private static final long ALL_ONES = 0xFFFFFFFFL;

  private SensorValueParser() {}

  /**
   * @param field where a problem is reported ({@code ina226-1-0040/power1_input})
   * @return the value in base units, or empty when it is unusable (reported)
   */
  static OptionalDouble parse(SensorKind kind, String text, String field, ParseProblems problems) {
    String t = text.strip();
    if (t.isEmpty()) {
      problems.problem(field, "empty");
      return OptionalDouble.empty();
    }
    if (t.length() > MAX_CHARS) {
      problems.problem(field, "longer than " + MAX_CHARS + " characters, not a hwmon value");
      return OptionalDouble.empty();
    }
    long raw;
    try {
      raw = Long.parseLong(t);
    } catch (NumberFormatException e) {
      problems.problem(field, "'" + t + "' is not an integer");
      return OptionalDouble.empty();
    }
    boolean power = kind == SensorKind.POWER_INPUT || kind == SensorKind.POWER_AVERAGE;
    if (power && (raw == ALL_ONES || raw == ALL_ONES * 1000)) {
      problems.problem(
          field, t + " is the all-ones value a meter returns when it cannot read, not a reading");
      return OptionalDouble.empty();
    }
    double value =
        raw / kind.divisor(); // divided, not multiplied by 1e-6: 3600000 µW is exactly 3.6 W
    if (value < kind.min() || value > kind.max()) {
      problems.problem(
          field,
          t
              + " is outside "
              + kind.min()
              + " to "
              + kind.max()
              + " after scaling, a sensor error rather than a reading");
      return OptionalDouble.empty();
    }
    problems.ok(field);
    return OptionalDouble.of(value);
  }
}
