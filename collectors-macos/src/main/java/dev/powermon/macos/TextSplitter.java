package dev.powermon.macos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts powermetrics' text output into samples at each {@code *** Sampled system activity} header. A
 * sample is complete only when the next header arrives, so the one in progress when the stream ends
 * is reported as truncated rather than read with half its lines.
 */
final class TextSplitter implements Splitter {
  private static final byte[] HEADER =
      "*** Sampled system activity".getBytes(StandardCharsets.US_ASCII);

  private final int maxBytes;
  private final ByteArrayOutputStream sample = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean inSample;
  private boolean discarding;

  TextSplitter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void feed(byte[] buffer, int length, Sink sink) {
    for (int i = 0; i < length; i++) {
      if (line.size() < maxBytes) {
        line.write(buffer[i]);
      }
      if (buffer[i] == '\n') {
        endLine(sink);
      }
    }
  }

  @Override
  public void finish(Sink sink) {
    endLine(sink);
    if (inSample && !discarding) {
      sink.truncated();
    }
  }

  private void endLine(Sink sink) {
    byte[] bytes = line.toByteArray();
    line.reset();
    if (startsWith(bytes, HEADER)) {
      if (inSample && !discarding) {
        sink.document(sample.toByteArray());
      }
      sample.reset();
      inSample = true;
      discarding = false;
    }
    if (!inSample || discarding) {
      return; // the preamble (Machine model, OS version) or an oversized sample
    }
    if (sample.size() + bytes.length > maxBytes) {
      sample.reset();
      discarding = true;
      sink.oversized();
      return;
    }
    sample.write(bytes, 0, bytes.length);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
