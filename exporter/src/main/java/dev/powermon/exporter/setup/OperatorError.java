package dev.powermon.exporter.setup;

/**
 * A mistake the operator can fix: one line, no stack trace. A usage or config error (bad flag
 * value, broken config file) exits 2; a failure found while running (a taken port) exits 1.
 */
public final class OperatorError extends RuntimeException {
  /** Exit code of a usage or config error. */
  public static final int USAGE = 2;

  /** Exit code of a failure at run time. */
  public static final int RUNTIME = 1;

  private final int exitCode;

  /** A usage or config error. */
  public OperatorError(String message) {
    this(message, USAGE);
  }

  private OperatorError(String message, int exitCode) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  /** A failure at run time that the operator can fix (a taken port). */
  public static OperatorError atRuntime(String message) {
    return new OperatorError(message, RUNTIME);
  }

  public int exitCode() {
    return exitCode;
  }
}
