package dev.powermon.process;

/**
 * A {@code /proc} file that does not say what its format promises; {@link #field()} names the part.
 */
final class MalformedProcException extends Exception {
  private final String field;

  MalformedProcException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
  }

  /** A stable name for parse-problem counting: {@code pid_stat.utime}, {@code stat.cpu}. */
  String field() {
    return field;
  }
}
