package dev.powermon.exporter;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** What the exporter logs at WARN and above while open, as formatted messages. */
final class LogCapture implements AutoCloseable {
  // Not the root logger: a reload replaces its appenders.
  private final Logger root = (Logger) LoggerFactory.getLogger("dev.powermon");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  /** Every message so far, collector key-value included (" collector=NAME" before the message). */
  List<String> messages() {
    synchronized (appender) { // the appender adds under its own lock
      return appender.list.stream().map(LogCapture::line).toList();
    }
  }

  private static String line(ILoggingEvent e) {
    StringBuilder out = new StringBuilder();
    if (e.getKeyValuePairs() != null) {
      e.getKeyValuePairs()
          .forEach(kv -> out.append(kv.key).append('=').append(kv.value).append(' '));
    }
    return out.append(e.getFormattedMessage()).toString();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
  }
}
