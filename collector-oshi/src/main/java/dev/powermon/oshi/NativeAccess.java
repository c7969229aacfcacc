package dev.powermon.oshi;

import java.util.function.Supplier;

/**
 * Calls that go through JNA (OSHI, IOReport, PDH), with the one way they fail in hardened
 * containers turned into one line an operator can act on. Under a read-only root or a {@code
 * noexec} {@code /tmp} JNA cannot unpack {@code libjnidispatch}: the first call throws {@link
 * UnsatisfiedLinkError}, every later one {@code NoClassDefFoundError: Could not initialize class
 * com.sun.jna.Native}. Either is an {@link Error}, which would otherwise end a scheduled sampler
 * silently or reach the log as a stack trace.
 */
public final class NativeAccess {
  private NativeAccess() {}

  /**
   * Runs {@code call}.
   *
   * @param what what the call does, for the message ("reading the battery through OSHI")
   * @throws NativeAccessException when a native library could not be loaded
   */
  public static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (LinkageError e) {
      throw failure(what, e);
    }
  }

  /** The operator's line for {@code error}, met while doing {@code what}. */
  public static NativeAccessException failure(String what, LinkageError error) {
    return new NativeAccessException(
        what
            + " failed: JNA cannot load its native library ("
            + firstLine(error)
            + "); the temporary "
            + "directory is probably on a read-only filesystem or mounted noexec: start powermon with "
            + "-Djna.tmpdir=<a writable directory that allows exec>");
  }

  /**
   * One line for whatever {@code what} threw: the JNA advice for a library that cannot load (raw or
   * already turned into a {@link NativeAccessException}), else {@code "<what> failed: <error>"}.
   */
  public static String describe(String what, Throwable error) {
    if (error instanceof LinkageError) {
      return failure(what, (LinkageError) error).getMessage();
    }
    if (error instanceof NativeAccessException) {
      return error.getMessage();
    }
    return what + " failed: " + firstLine(error);
  }

  private static String firstLine(Throwable error) {
    String text = error.toString();
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }

  /**
   * A native library that could not be loaded. Carries no cause on purpose: the message is the
   * whole story, and a cause would invite a 40-line stack trace into the log.
   */
  public static final class NativeAccessException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NativeAccessException(String message) {
      super(message);
    }
  }
}
