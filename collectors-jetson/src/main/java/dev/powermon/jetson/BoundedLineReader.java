package dev.powermon.jetson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated lines of at most {@code maxChars} bytes. Unlike BufferedReader it says
 * whether a line was complete: a line cut by the process dying (no newline before end of stream) or
 * longer than the limit comes back as {@link Line#complete()} false, so the caller counts it as bad
 * instead of parsing half a line.
 */
final class BoundedLineReader {
  /** A line without its terminator; {@code complete} false when cut short or too long. */
  record Line(String text, boolean complete) {}

  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[8192];
  private int start;
  private int end;

  BoundedLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** The next line, or null at end of stream. Blocks until a line ends or the stream does. */
  Line next() throws IOException {
    byte[] line = new byte[Math.min(maxBytes, 1024)];
    int length = 0;
    boolean overflow = false;
    while (true) {
      if (start == end && !fill()) {
        return length == 0 && !overflow ? null : new Line(text(line, length), false);
      }
      byte b = buffer[start++];
      if (b == '\n') {
        return overflow ? new Line("", false) : new Line(text(line, length), true);
      }
      if (length == maxBytes) {
        overflow = true; // keep discarding until the newline
      } else {
        if (length == line.length) {
          line = java.util.Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
        }
        line[length++] = b;
      }
    }
  }

  private boolean fill() throws IOException {
    int n = in.read(buffer);
    start = 0;
    end = Math.max(n, 0);
    return n > 0;
  }

  private static String text(byte[] line, int length) {
    int n = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }
}
