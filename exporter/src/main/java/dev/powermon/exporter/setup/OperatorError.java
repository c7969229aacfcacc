package dev.powermon.exporter.setup;

/** A mistake the operator can fix (bad flag value, broken config, taken port): one line, no stack trace. */
public final class OperatorError extends RuntimeException {
  public OperatorError(String message) {
    super(message, null, false, false);
  }
}
