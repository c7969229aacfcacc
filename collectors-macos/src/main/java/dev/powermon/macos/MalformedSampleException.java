package dev.powermon.macos;

/** A sample that cannot be used at all; {@link #reason()} is the label it is counted under. */
final class MalformedSampleException extends Exception {
  private final String reason;

  MalformedSampleException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  MalformedSampleException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** truncated, malformed, missing_key, invalid_value, oversized: the {@code reason} label. */
  String reason() {
    return reason;
  }
}
