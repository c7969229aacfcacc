package dev.powermon.jetson;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps reading tegrastats cheap whatever it prints. Tegrastats prints one line per interval; per
 * window of one interval this lets through {@link #LINES_PER_WINDOW} lines to the parser (two, for
 * a line that arrives late next to its successor) and reads at most {@link #BYTES_PER_WINDOW}
 * bytes. A child that floods ({@code yes <line>}, random bytes) has its surplus lines dropped
 * unparsed, and once the byte budget is spent the reader sleeps to the end of the window while the
 * pipe fills and the child blocks, so the cost per interval is bounded instead of a whole core.
 */
final class ReadPacer {
  static final int LINES_PER_WINDOW = 2;

  /** Four maximal lines: a real line is under 1 KiB. */
  static final int BYTES_PER_WINDOW = 4 * TegrastatsParser.MAX_LINE_CHARS;

  /** Waits; {@link Thread#sleep} in production, a clock that moves in tests. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private long windowStart;
  private int lines;
  private long bytes;

  ReadPacer(Duration interval, LongSupplier nanoTime, Sleeper sleeper) {
    this.windowNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.windowStart = nanoTime.getAsLong();
  }

  static ReadPacer realTime(Duration interval) {
    return new ReadPacer(
        interval, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
  }

  /** Whether the line just read may be parsed; false when this window has had its lines. */
  synchronized boolean admitLine() {
    roll();
    lines++;
    return lines <= LINES_PER_WINDOW;
  }

  /**
   * How many bytes may be read now, at least 1; sleeps to the next window while this one's are
   * spent.
   */
  synchronized int bytesAllowed() throws InterruptedException {
    roll();
    while (bytes >= BYTES_PER_WINDOW) {
      sleeper.sleep(Math.max(1, windowStart + windowNanos - nanoTime.getAsLong()));
      roll();
    }
    return (int) (BYTES_PER_WINDOW - bytes);
  }

  synchronized void consumed(int n) {
    bytes += Math.max(0, n);
  }

  private void roll() {
    long now = nanoTime.getAsLong();
    if (now - windowStart >= windowNanos) {
      windowStart = now;
      lines = 0;
      bytes = 0;
    }
  }

  /** {@code in} read no faster than the pacer allows. */
  InputStream paced(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int allowed;
        try {
          allowed = bytesAllowed();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("stopped while pacing tegrastats output");
        }
        int n = super.read(b, off, Math.min(len, allowed));
        consumed(n);
        return n;
      }
    };
  }
}
