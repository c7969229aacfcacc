package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.jetson.BoundedLineReader.End;
import dev.powermon.jetson.BoundedLineReader.Line;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

  @Test
  void completeLinesThenTruncatedLastLine() throws IOException {
    BoundedLineReader r = reader("RAM 1/2MB\r\nsecond\nthird cut", 64);

    assertThat(r.next()).isEqualTo(new Line("RAM 1/2MB", End.COMPLETE));
    assertThat(r.next()).isEqualTo(new Line("second", End.COMPLETE));
    assertThat(r.next()).isEqualTo(new Line("third cut", End.CUT_SHORT));
    assertThat(r.next()).isNull();
  }

  @Test
  void overlongLineIsDiscardedUpToItsNewline() throws IOException {
    BoundedLineReader r = reader("x".repeat(5000) + "\nok\n" + "y".repeat(100), 16);

    assertThat(r.next()).isEqualTo(new Line("", End.TOO_LONG));
    assertThat(r.next()).isEqualTo(new Line("ok", End.COMPLETE));
    assertThat(r.next().end()).isEqualTo(End.TOO_LONG); // past the limit, then the stream ended
    assertThat(r.next()).isNull();
  }

  @Test
  void emptyStream() throws IOException {
    assertThat(reader("", 16).next()).isNull();
  }

  private static BoundedLineReader reader(String text, int max) {
    return new BoundedLineReader(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), max);
  }
}
