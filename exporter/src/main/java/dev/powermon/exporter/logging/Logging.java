package dev.powermon.exporter.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Applies {@code --log.level} and {@code --log.format}: everything goes to stderr. */
public final class Logging {
  /**
   * JNA reports a native library it cannot unpack through java.util.logging, with a stack trace, on
   * stderr. powermon says the same in one line with what to do (NativeLibraryHint), so JNA's own
   * logger is silenced. Held here: java.util.logging keeps its loggers only weakly.
   */
  private static final java.util.logging.Logger JNA =
      java.util.logging.Logger.getLogger("com.sun.jna");

  /**
   * A scraper hanging up mid-response: one debug line instead of SEVERE stack traces
   * (ScrapeHangUps).
   */
  private static final java.util.logging.Logger SCRAPES =
      java.util.logging.Logger.getLogger(ScrapeHangUps.JUL_LOGGER);

  static {
    JNA.setLevel(java.util.logging.Level.OFF);
    SCRAPES.setUseParentHandlers(false);
    SCRAPES.addHandler(new ScrapeHangUps());
  }

  private Logging() {}

  /**
   * @param level debug, info, warn or error
   * @param format logfmt or json
   * @throws IllegalArgumentException for any other value
   */
  public static void configure(String level, String format) {
    apply((LoggerContext) LoggerFactory.getILoggerFactory(), parseLevel(level), format);
  }

  /** Everything to stderr at {@code level} in {@code format}: at start-up and on every change. */
  static void apply(LoggerContext context, Level level, String format) {
    Encoder<ILoggingEvent> encoder = encoder(format, context);
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setName("STDERR");
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(appender);
    root.setLevel(level);
  }

  private static Level parseLevel(String level) {
    switch (level.toLowerCase(Locale.ROOT)) {
      case "debug":
        return Level.DEBUG;
      case "info":
        return Level.INFO;
      case "warn":
        return Level.WARN;
      case "error":
        return Level.ERROR;
      default:
        throw new IllegalArgumentException(
            "--log.level: '" + level + "' is not one of debug, info, warn, error");
    }
  }

  private static Encoder<ILoggingEvent> encoder(String format, LoggerContext context) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "logfmt":
        LogfmtLayout layout = new LogfmtLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
        wrapping.setContext(context);
        wrapping.setLayout(layout);
        wrapping.start();
        return wrapping;
      case "json":
        return JsonLines.encoder(context);
      default:
        throw new IllegalArgumentException(
            "--log.format: '" + format + "' is not one of logfmt, json");
    }
  }
}
