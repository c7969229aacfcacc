package dev.powermon.exporter.logging;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.slf4j.LoggerFactory;

/**
 * client_java's HTTP server reports a scraper that hung up mid-response through java.util.logging
 * at SEVERE with two stack traces, outside the log format. That is the scraper's doing (a timeout,
 * a restart), not the exporter's: it becomes one debug line here, through the exporter's logging.
 */
final class ScrapeHangUps extends Handler {
  /** The logger client_java's HttpExchangeAdapter writes to. */
  static final String JUL_LOGGER = "io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter";

  private final org.slf4j.Logger log = LoggerFactory.getLogger("dev.powermon.exporter.web.Scrapes");

  @Override
  public void publish(LogRecord record) {
    Throwable cause = record.getThrown();
    log.atDebug()
        .addKeyValue("err", cause == null ? "" : cause.toString())
        .log("a scraper went away before the response was sent");
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
