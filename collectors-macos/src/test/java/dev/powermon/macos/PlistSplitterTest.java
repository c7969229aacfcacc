package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlistSplitterTest {
  private final List<String> documents = new ArrayList<>();
  private int oversized;
  private final Splitter.Sink sink =
      new Splitter.Sink() {
        @Override
        public void document(byte[] document) {
          documents.add(new String(document, StandardCharsets.UTF_8));
        }

        @Override
        public void oversized() {
          oversized++;
        }

        @Override
        public void truncated() {
          throw new AssertionError(
              "the plist parser, not the splitter, tells a truncated document");
        }
      };

  private void feed(PlistSplitter splitter, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    splitter.feed(bytes, bytes.length, sink);
  }

  @Test
  void splitsAtNulAcrossReadBoundaries() {
    PlistSplitter splitter = new PlistSplitter(1024);
    feed(splitter, "<plist>a</pl");
    feed(splitter, "ist>\0\n<plist>b</plist>\0<pli");
    assertThat(documents).containsExactly("<plist>a</plist>", "\n<plist>b</plist>");
    splitter.finish(sink);
    assertThat(documents).containsExactly("<plist>a</plist>", "\n<plist>b</plist>", "<pli");
  }

  @Test
  void blankGapsBetweenDocumentsAreNotDocuments() {
    PlistSplitter splitter = new PlistSplitter(1024);
    feed(splitter, "\0\n\0  \r\n\0");
    splitter.finish(sink);
    assertThat(documents).isEmpty();
  }

  @Test
  void oversizedDocumentIsDroppedUpToTheNextNulAndReportedOnce() {
    PlistSplitter splitter = new PlistSplitter(8);
    feed(splitter, "0123456");
    feed(splitter, "789abcdef");
    feed(splitter, "ghij\0<ok/>\0");
    assertThat(oversized).isEqualTo(1);
    assertThat(documents).containsExactly("<ok/>");
  }
}
