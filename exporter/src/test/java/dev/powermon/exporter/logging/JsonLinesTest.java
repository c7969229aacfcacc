package dev.powermon.exporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** JSON lines parse with jq and carry logfmt's fields, in logfmt's order, with the same values. */
class JsonLinesTest {
  private static final Pattern LOGFMT_FIELD =
      Pattern.compile("(\\w+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))");
  private final LoggerContext context = new LoggerContext();

  private ILoggingEvent event(String message, Object[] args, Throwable error, KeyValuePair... kvs) {
    LoggingEvent e =
        new LoggingEvent(
            "x",
            context.getLogger("dev.powermon.exporter.setup.Selection"),
            Level.WARN,
            message,
            error,
            args);
    for (KeyValuePair kv : kvs) {
      e.addKeyValuePair(kv);
    }
    return e;
  }

  @Test
  void jsonHasLogfmtsKeysAndValues() throws Exception {
    List<ILoggingEvent> events =
        List.of(
            event(
                "enabled because it can run here: {}",
                new Object[] {"3 zones"},
                null,
                new KeyValuePair("collector", "rapl")),
            event(
                "alias \"{}\"\nsecond line",
                new Object[] {"a\\b"},
                new IllegalStateException("boom"),
                new KeyValuePair("address", new StringBuilder("127.0.0.1:9100")),
                new KeyValuePair("count", 3)));
    LogfmtLayout logfmt = new LogfmtLayout();
    logfmt.setContext(context);
    logfmt.start();
    var json = JsonLines.encoder(context);
    for (ILoggingEvent e : events) {
      List<String> fromJson = jq(new String(json.encode(e), StandardCharsets.UTF_8));
      assertThat(fromJson).isEqualTo(logfmtFields(logfmt.doLayout(e)));
      assertThat(fromJson.subList(0, 4))
          .extracting(f -> f.substring(0, f.indexOf('=')))
          .containsExactly("ts", "level", "logger", "msg");
    }
    assertThat(jq(new String(json.encode(events.get(0)), StandardCharsets.UTF_8)))
        .contains(
            "level=warn",
            "logger=Selection",
            "msg=enabled because it can run here: 3 zones",
            "collector=rapl");
  }

  /** The line as jq reads it: key=value per field, in order. */
  private static List<String> jq(String line) throws IOException, InterruptedException {
    Process jq =
        new ProcessBuilder("jq", "-c", "to_entries | map(\"\\(.key)=\\(.value)\")").start();
    jq.getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
    jq.getOutputStream().close();
    String out = new String(jq.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(jq.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(jq.exitValue()).as("jq parses " + line).isZero();
    assertThat(out.lines().count()).as("one line per event").isEqualTo(1);
    List<String> fields = new ArrayList<>();
    for (var node : new com.fasterxml.jackson.databind.ObjectMapper().readTree(out)) {
      fields.add(node.asText());
    }
    return fields;
  }

  private static List<String> logfmtFields(String line) {
    assertThat(line).endsWith("\n").hasLineCount(1);
    List<String> fields = new ArrayList<>();
    Matcher m = LOGFMT_FIELD.matcher(line.strip());
    while (m.find()) {
      String value = m.group(3) != null ? unescape(m.group(3)) : m.group(4);
      fields.add(m.group(1) + "=" + value);
    }
    return fields;
  }

  private static String unescape(String quoted) {
    return quoted
        .replace("\\n", "\n")
        .replace("\\r", "\r")
        .replace("\\\"", "\"")
        .replace("\\\\", "\\");
  }
}
