package dev.powermon.api;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of a collector setting. Values arrive as text (a flag, or a YAML scalar kept as written)
 * and are parsed here, so {@code --collector.kasa.timeout=abc} and {@code timeout: abc} fail with
 * the same message.
 */
public enum SettingType {
  STRING("string") {
    @Override
    Object parse(String text) {
      return text;
    }
  },
  INTEGER("int") {
    @Override
    Object parse(String text) {
      try {
        return Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a whole number");
      }
    }
  },
  DECIMAL("number") {
    @Override
    Object parse(String text) {
      try {
        double value = Double.parseDouble(text.trim());
        if (!Double.isFinite(value)) {
          throw new NumberFormatException();
        }
        return value;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' is not a finite number");
      }
    }
  },
  BOOLEAN("bool") {
    @Override
    Object parse(String text) {
      // Only true/false: YAML 1.1's yes/no/on/off are refused rather than guessed.
      switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "true":
          return Boolean.TRUE;
        case "false":
          return Boolean.FALSE;
        default:
          throw new IllegalArgumentException("'" + text + "' is not true or false");
      }
    }
  },
  DURATION("duration") {
    @Override
    Object parse(String text) {
      return parseDuration(text);
    }
  },
  PATH("path") {
    @Override
    Object parse(String text) {
      try {
        return Path.of(text);
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("'" + text + "' is not a valid path: " + e.getReason());
      }
    }
  };

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");
  private static final List<String> UNITS_SMALLEST_FIRST =
      List.of("ms", "s", "m", "h", "d", "w", "y");

  private final String label;

  SettingType(String label) {
    this.label = label;
  }

  /** Short name for {@code --help}: {@code <duration>}. */
  public String label() {
    return label;
  }

  /** Parses {@code text}; throws IllegalArgumentException with a message that names the value. */
  abstract Object parse(String text);

  /**
   * Parses a duration written the Prometheus way: {@code 10ms}, {@code 1s}, {@code 5m}, {@code
   * 1h30m}. Units from largest to smallest, each at most once; {@code 0} alone means zero.
   */
  public static Duration parseDuration(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int end = 0;
    int lastRank = Integer.MAX_VALUE;
    while (m.find() && m.start() == end) {
      int rank = rank(m.group(2));
      if (rank >= lastRank) {
        throw badDuration(text);
      }
      lastRank = rank;
      try {
        total = total.plus(unit(m.group(2)).multipliedBy(Long.parseLong(m.group(1))));
      } catch (ArithmeticException | NumberFormatException e) {
        throw badDuration(text);
      }
      end = m.end();
    }
    if (end == 0 || end != s.length()) {
      throw badDuration(text);
    }
    return total;
  }

  private static IllegalArgumentException badDuration(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration (write it the Prometheus way: 500ms, 10s, 5m, 1h30m)");
  }

  private static int rank(String unit) {
    return UNITS_SMALLEST_FIRST.indexOf(unit);
  }

  private static Duration unit(String unit) {
    switch (unit) {
      case "ms":
        return Duration.ofMillis(1);
      case "s":
        return Duration.ofSeconds(1);
      case "m":
        return Duration.ofMinutes(1);
      case "h":
        return Duration.ofHours(1);
      case "d":
        return Duration.ofDays(1);
      case "w":
        return Duration.ofDays(7);
      default:
        return Duration.ofDays(365);
    }
  }
}
