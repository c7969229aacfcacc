package dev.powermon.exporter.cli;

/** A mistake the operator can fix (bad flag value, broken config, taken port): one line, no stack trace. */
public final class OperatorError extends RuntimeException {
  public OperatorError(String message) {
    super(message, null, false, false);
  }
}
