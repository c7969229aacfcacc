package dev.powermon.exporter.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.event.KeyValuePair;

/**
 * One logfmt line per event, as Prometheus exporters print them: {@code ts=2026-11-21T06:43:39.824Z
 * level=info logger=Orchestrator msg="…" collector=rapl}. Values are quoted and escaped, so a
 * device alias with quotes or newlines cannot forge a second line.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
  /** {@code ts}: UTC to the millisecond, always three digits (JSON lines use the same pattern). */
  static final String TS_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern(TS_PATTERN).withZone(ZoneOffset.UTC);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160);
    line.append("ts=").append(TS.format(Instant.ofEpochMilli(event.getTimeStamp())));
    line.append(" level=").append(event.getLevel().toString().toLowerCase(Locale.ROOT));
    String logger = event.getLoggerName();
    line.append(" logger=").append(logger.substring(logger.lastIndexOf('.') + 1));
    append(line, "msg", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        append(line, kv.key, String.valueOf(kv.value));
      }
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      append(line, "err", error.getClassName() + ": " + error.getMessage());
    }
    return line.append('\n').toString();
  }

  private static void append(StringBuilder line, String key, String value) {
    line.append(' ').append(key).append("=\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          line.append("\\\"");
          break;
        case '\\':
          line.append("\\\\");
          break;
        case '\n':
          line.append("\\n");
          break;
        case '\r':
          line.append("\\r");
          break;
        default:
          line.append(c < 0x20 ? ' ' : c);
      }
    }
    line.append('"');
  }
}
