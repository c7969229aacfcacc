package dev.powermon.rapl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the collector reads from the machine goes through here, so tests can answer with
 * EACCES, EIO or garbage even when they run as root (where file modes are not enforced).
 */
interface SysFiles {

  /**
   * The text of a small sysfs file.
   *
   * @throws MalformedReadingException when it is longer than {@link NioSysFiles#MAX_TEXT_BYTES}
   */
  String read(Path file) throws IOException;

  /** The entries of a directory, in no particular order. */
  List<Path> list(Path dir) throws IOException;

  /** {@code length} bytes at {@code offset} (an MSR address in {@code /dev/cpu/N/msr}). */
  byte[] readAt(Path file, long offset, int length) throws IOException;
}
