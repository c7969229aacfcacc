package dev.powermon.rapl;

/**
 * Parses the decimal counters powercap writes ({@code energy_uj}, {@code max_energy_range_uj},
 * limits).
 */
final class EnergyParser {
  /** Long.MAX_VALUE has 19 digits; more is not a long whatever the digits are. */
  private static final int MAX_DIGITS = 19;

  private EnergyParser() {}

  /**
   * The non-negative whole number in {@code text}, surrounding white space (the kernel's newline)
   * ignored.
   *
   * @throws MalformedReadingException for empty text, signs, fractions, words, or values above
   *     {@link Long#MAX_VALUE}; the message quotes at most 32 characters of what was found
   */
  static long parse(String text) throws MalformedReadingException {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new MalformedReadingException("empty, expected a whole number");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedReadingException(
            "'" + shown(s) + "' is not a non-negative whole number");
      }
    }
    if (s.length() > MAX_DIGITS) {
      throw new MalformedReadingException("'" + shown(s) + "' is larger than a 64-bit counter");
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new MalformedReadingException("'" + shown(s) + "' is larger than a 64-bit counter");
    }
  }

  /** Enough of a bad value to recognise it in a log line, without control characters. */
  private static String shown(String s) {
    String cut = s.length() > 32 ? s.substring(0, 32) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
