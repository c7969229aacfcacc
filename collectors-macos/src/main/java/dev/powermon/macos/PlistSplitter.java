package dev.powermon.macos;

import java.io.ByteArrayOutputStream;

/**
 * Cuts {@code powermetrics -f plist} output into documents: powermetrics ends each one with a NUL
 * byte. A document longer than the bound is dropped up to the next NUL instead of growing the
 * buffer without end.
 */
final class PlistSplitter implements Splitter {
  private final int maxBytes;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private boolean discarding;

  PlistSplitter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void feed(byte[] buffer, int length, Sink sink) {
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (buffer[i] == 0) {
        append(buffer, start, i - start, sink);
        emit(sink);
        start = i + 1;
      }
    }
    append(buffer, start, length - start, sink);
  }

  /**
   * At the end of the stream: whatever is left (a document cut off when the process died; the
   * parser says so).
   */
  @Override
  public void finish(Sink sink) {
    emit(sink);
  }

  private void append(byte[] buffer, int offset, int length, Sink sink) {
    if (discarding || length == 0) {
      return;
    }
    if (current.size() + length > maxBytes) {
      current.reset();
      discarding = true;
      sink.oversized();
      return;
    }
    current.write(buffer, offset, length);
  }

  private void emit(Sink sink) {
    byte[] document = current.toByteArray();
    current.reset();
    discarding = false;
    if (!isBlank(document)) {
      sink.document(document);
    }
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
