package dev.powermon.api;

/**
 * Label values that come from devices (aliases, rail names) are operator- or attacker-controlled
 * text. Exposition escapes quotes and newlines; this caps length and drops control characters so
 * one odd alias cannot bloat every scrape or break a log line.
 */
public final class LabelValues {
  /** Longest label value taken from a device, in characters. */
  public static final int MAX_LENGTH = 128;

  private LabelValues() {}

  /**
   * {@code value} without control characters, cut to {@link #MAX_LENGTH} characters; null becomes
   * "".
   */
  public static String fromDevice(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_LENGTH));
    value
        .codePoints()
        .filter(cp -> !Character.isISOControl(cp))
        .limit(MAX_LENGTH)
        .forEach(out::appendCodePoint);
    return out.toString();
  }
}
