package dev.powermon.api;

/**
 * The one sentence for a native library (JNA) that cannot load, shared by every caller of OSHI,
 * IOReport or PDH so operators see the same advice wherever it happens.
 */
public final class NativeLibraryHint {
  /** What to do; follows the failing metric's or collector's own words. */
  public static final String ADVICE =
      "JNA could not load its native library, usually because its temporary directory is on a read-only or"
          + " noexec filesystem; start java with -Djna.tmpdir pointing at a writable directory that allows"
          + " execution";

  private NativeLibraryHint() {}

  /** {@code what} ("process metrics are unavailable"), the cause in one line, and the advice. */
  public static String describe(String what, Throwable cause) {
    String message = cause.getMessage();
    String why =
        message == null || message.isBlank() ? cause.getClass().getSimpleName() : message.strip();
    int newline = why.indexOf('\n');
    return what + " (" + (newline < 0 ? why : why.substring(0, newline)) + "): " + ADVICE;
  }
}
