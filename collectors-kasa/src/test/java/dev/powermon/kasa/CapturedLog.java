package dev.powermon.kasa;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the collector's logger ({@code collector.kasa}) logs at info and above while this is open;
 * closing detaches it and restores the logger's level.
 */
final class CapturedLog implements AutoCloseable {
  private final Logger logger = (Logger) LoggerFactory.getLogger("collector.kasa");
  private final Level level = logger.getLevel();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  CapturedLog() {
    logger.setLevel(Level.INFO);
    events.start();
    logger.addAppender(events);
  }

  /** Every message so far, formatted, oldest first. */
  List<String> messages() {
    synchronized (events) { // the appender appends under its own lock
      return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(events);
    logger.setLevel(level);
  }
}
