package dev.powermon.rapl;

import java.io.IOException;

/** A file was read but its content is not what the kernel writes there. */
final class MalformedReadingException extends IOException {
  /** What was wrong, as the {@code reason} label of {@code powermon_rapl_parse_problems_total}. */
  enum Problem {
    EMPTY,
    NEGATIVE,
    NOT_A_NUMBER,
    TOO_LARGE,
    /** More than a sysfs page: whatever it holds, it is not an attribute the kernel wrote. */
    OVERSIZED,
    /** A zone name with characters or a length no kernel zone name has. */
    BAD_NAME;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final Problem problem;

  MalformedReadingException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  Problem problem() {
    return problem;
  }
}
