package dev.powermon.api;

/** A {@code /probe} target the operator has not allowed; the core answers 403 with the message. */
public final class TargetNotAllowedException extends Exception {
  public TargetNotAllowedException(String message) {
    super(message);
  }
}
