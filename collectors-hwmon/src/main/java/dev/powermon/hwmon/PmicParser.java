package dev.powermon.hwmon;

import dev.powermon.api.ParseProblems;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code vcgencmd pmic_read_adc}: one line per ADC channel, {@code " VDD_CORE_A
 * current(7)=0.75012000A"} or {@code " VDD_CORE_V volt(15)=0.86173300V"}. The number in brackets is
 * the ADC channel, not the rail, so a rail's current and voltage are paired by name (see the
 * fixture README for where the format was checked). Bounded: at most {@link #MAX_LINES} lines of
 * {@link #MAX_LINE_CHARS} characters.
 */
final class PmicParser {
  static final int MAX_LINES = 128;
  static final int MAX_LINE_CHARS = 200;
  static final String FIELD = "pmic";
  private static final Pattern LINE =
      Pattern.compile(
          "\\s*([A-Za-z0-9_]{1,40})_([AV])\\s+(current|volt)\\(\\d{1,3}\\)=(\\S+?)([AV])\\s*");

  /** The largest plausible rail current and voltage; beyond them the ADC is misread. */
  private static final double MAX_AMPS = 50;

  private static final double MAX_VOLTS = 30;

  private PmicParser() {}

  /** The rails read; empty (reported under {@code pmic}) when the output holds none. */
  static Optional<PmicReading> parse(String output, ParseProblems problems) {
    Map<String, Double> amps = new TreeMap<>();
    Map<String, Double> volts = new TreeMap<>();
    String[] lines = output.split("\n", MAX_LINES + 1);
    for (int i = 0; i < Math.min(lines.length, MAX_LINES); i++) {
      String line = lines[i];
      if (line.isBlank() || line.length() > MAX_LINE_CHARS) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()
          || !m.group(2).equals(m.group(5))
          || m.group(2).equals("A") != m.group(3).equals("current")) {
        continue;
      }
      String rail = m.group(1);
      boolean current = m.group(2).equals("A");
      String field = FIELD + "/" + rail + "_" + m.group(2);
      double value;
      try {
        value = Double.parseDouble(m.group(4));
      } catch (NumberFormatException e) {
        problems.problem(field, "'" + m.group(4) + "' is not a number");
        continue;
      }
      if (!(value >= 0 && value <= (current ? MAX_AMPS : MAX_VOLTS))) {
        problems.problem(
            field,
            m.group(4) + " is outside 0 to " + (current ? MAX_AMPS + " A" : MAX_VOLTS + " V"));
        continue;
      }
      problems.ok(field);
      (current ? amps : volts).put(rail, value);
    }
    if (amps.isEmpty() && volts.isEmpty()) {
      String first = lines.length == 0 ? "" : lines[0].strip();
      problems.problem(
          FIELD,
          "no rail in the output of pmic_read_adc: '"
              + first.substring(0, Math.min(first.length(), 80))
              + "'");
      return Optional.empty();
    }
    problems.ok(FIELD);
    return Optional.of(new PmicReading(amps, volts));
  }
}
