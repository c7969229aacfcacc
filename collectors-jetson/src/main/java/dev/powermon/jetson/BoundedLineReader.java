package dev.powermon.jetson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads newline-terminated lines of at most {@code maxBytes} bytes. Unlike BufferedReader it says
 * whether a line was complete: a line cut by the process dying (no newline before end of stream) or
 * longer than the limit comes back with its {@link End}, so the caller counts it instead of parsing
 * half a line. An overlong line costs no memory beyond the limit: the rest is skipped up to its
 * newline.
 */
final class BoundedLineReader {
  /** How a line ended. */
  enum End {
    /** With its newline. */
    COMPLETE,
    /** Past the limit; the text is empty, the rest up to the newline was skipped. */
    TOO_LONG,
    /** By the end of the stream, before a newline (the process died mid-line). */
    CUT_SHORT
  }

  /** A line without its terminator. */
  record Line(String text, End end) {
    boolean complete() {
      return end == End.COMPLETE;
    }
  }

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
        if (length == 0 && !overflow) {
          return null;
        }
        return overflow ? new Line("", End.TOO_LONG) : new Line(text(line, length), End.CUT_SHORT);
      }
      byte b = buffer[start++];
      if (b == '\n') {
        return overflow ? new Line("", End.TOO_LONG) : new Line(text(line, length), End.COMPLETE);
      }
      if (length == maxBytes) {
        overflow = true; // keep discarding until the newline
      } else {
        if (length == line.length) {
          line = Arrays.copyOf(line, Math.min(maxBytes, line.length * 2));
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
