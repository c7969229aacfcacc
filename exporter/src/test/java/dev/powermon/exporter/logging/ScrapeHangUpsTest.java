package dev.powermon.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A scraper hanging up mid-response is one logfmt debug line, not a SEVERE stack trace. */
class ScrapeHangUpsTest {

  @Test
  void aHangUpIsOneDebugLine() {
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      Logging.configure("debug", "logfmt");
      // what client_java's HttpExchangeAdapter logs when the client is gone
      Logger.getLogger(ScrapeHangUps.JUL_LOGGER)
          .log(
              Level.SEVERE,
              "The Prometheus metrics HTTPServer caught an Exception while trying to send the metrics response.",
              new IOException("Broken pipe"));
    } finally {
      System.setErr(original);
      Logging.configure("info", "logfmt");
    }
    String out = stderr.toString(StandardCharsets.UTF_8);
    assertThat(out)
        .hasLineCount(1)
        .contains("level=debug logger=Scrapes")
        .contains(
            "msg=\"a scraper went away before the response was sent\" err=\"java.io.IOException: Broken pipe\"")
        .doesNotContain("SEVERE")
        .doesNotContain("\tat ");
  }
}
