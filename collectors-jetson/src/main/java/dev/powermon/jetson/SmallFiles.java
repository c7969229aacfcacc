package dev.powermon.jetson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads sysfs and device-tree attributes: a few bytes at most, so a wrong path cannot read a huge
 * file.
 */
final class SmallFiles {
  static final int MAX_BYTES = 256;

  private SmallFiles() {}

  /**
   * The file's text, trimmed, without device-tree NUL terminators; at most {@link #MAX_BYTES} read.
   * Sysfs attributes are regular files; anything else (a FIFO, a device) could block the sampler
   * forever, so it is refused without being opened.
   */
  static String read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a regular file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      return new String(bytes, StandardCharsets.UTF_8).replace("\0", "").strip();
    }
  }

  /** The file's text, or empty text when it cannot be read (absent, no permission). */
  static String readOrEmpty(Path file) {
    try {
      return read(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** The file's whole number. */
  static long readLong(Path file) throws IOException {
    String text = read(file);
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": expected a whole number, read '" + text + "'", e);
    }
  }
}
