package dev.powermon.macos;

import dev.powermon.oshi.FieldProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * Reads one run of powermetrics output into the samples. The first non-blank byte tells the format:
 * {@code <} is the NUL-separated plist stream powermon asks for; anything else is text, as printed
 * by wrappers or recordings. Every sample is bounded to {@link #MAX_SAMPLE_BYTES}.
 */
final class SampleStream {
  static final int MAX_SAMPLE_BYTES = 4 << 20;

  /** Hears about samples that could not be used, to count and log them. */
  interface Rejections {
    void rejected(String reason, String message);
  }

  private final SampleLog samples;
  private final LongSupplier nanoTime;
  private final Rejections rejections;
  private final Runnable accepted;
  private final FieldProblems fields;

  SampleStream(
      SampleLog samples,
      LongSupplier nanoTime,
      Rejections rejections,
      Runnable accepted,
      FieldProblems fields) {
    this.samples = samples;
    this.fields = fields;
    this.nanoTime = nanoTime;
    this.rejections = rejections;
    this.accepted = accepted;
  }

  /** Reads until the end of {@code in}; true when at least one sample was accepted. */
  boolean read(InputStream in) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    Splitter splitter = null;
    Sink sink = null;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      if (splitter == null) {
        int first = firstNonBlank(buffer, n);
        if (first < 0) {
          continue;
        }
        boolean plist = buffer[first] == '<';
        splitter = plist ? new PlistSplitter(MAX_SAMPLE_BYTES) : new TextSplitter(MAX_SAMPLE_BYTES);
        sink = new Sink(plist);
      }
      splitter.feed(buffer, n, sink);
    }
    if (splitter == null) {
      return false;
    }
    splitter.finish(sink);
    return sink.delivered;
  }

  private static int firstNonBlank(byte[] buffer, int length) {
    for (int i = 0; i < length; i++) {
      if (!Character.isWhitespace(buffer[i]) && buffer[i] != 0) {
        return i;
      }
    }
    return -1;
  }

  /** Parses each sample the splitter cuts and files it. */
  private final class Sink implements Splitter.Sink {
    private final PlistSampleParser plistParser;
    boolean delivered;

    Sink(boolean plist) {
      this.plistParser = plist ? new PlistSampleParser() : null;
    }

    @Override
    public void document(byte[] document) {
      try {
        PowerSample sample =
            plistParser != null
                ? plistParser.parse(document)
                : TextSampleParser.parse(new String(document, StandardCharsets.UTF_8));
        samples.record(sample, nanoTime.getAsLong());
        fields.report(sample.invalid());
        delivered = true;
        accepted.run();
      } catch (MalformedSampleException e) {
        reject(e.reason(), e.getMessage());
      }
    }

    @Override
    public void oversized() {
      reject("oversized", "a sample exceeded " + MAX_SAMPLE_BYTES + " bytes");
    }

    @Override
    public void truncated() {
      reject("truncated", "the output ended inside a sample");
    }

    private void reject(String reason, String message) {
      samples.reject(reason);
      rejections.rejected(reason, message);
    }
  }
}
