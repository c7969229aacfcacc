package dev.powermon.rapl;

/**
 * Parses the decimal counters powercap writes ({@code energy_uj}, {@code max_energy_range_uj},
 * limits).
 */
final class EnergyParser {
  /** Long.MAX_VALUE has 19 digits; more significant digits is not a long whatever they are. */
  private static final int MAX_DIGITS = 19;

  private EnergyParser() {}

  /**
   * The non-negative whole number in {@code text}, surrounding white space (the kernel's newline)
   * ignored; any run of digits whose value fits a long, leading zeros included.
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
    int first = 0;
    while (first < s.length() - 1 && s.charAt(first) == '0') {
      first++; // the value decides what fits, not how the kernel padded it
    }
    String digits = s.substring(first);
    if (digits.length() > MAX_DIGITS) {
      throw tooLarge(s);
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw tooLarge(s);
    }
  }

  private static MalformedReadingException tooLarge(String s) {
    return new MalformedReadingException("'" + shown(s) + "' is larger than a 64-bit counter");
  }

  /** Enough of a bad value to recognise it in a log line, without control characters. */
  static String shown(String s) {
    String cut = s.length() > 32 ? s.substring(0, 32) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
