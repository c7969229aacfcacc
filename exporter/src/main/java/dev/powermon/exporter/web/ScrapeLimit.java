package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * {@code --web.max-requests}, as node_exporter has it: scrapes beyond the limit get 503 at once
 * instead of queueing behind the ones under way (which would hold worker threads and time out
 * anyway).
 */
final class ScrapeLimit implements HttpHandler {
  private final Semaphore permits;
  private final int max;
  private final HttpHandler scrape;

  /**
   * @param max scrapes at once; 0 is no limit
   */
  ScrapeLimit(int max, HttpHandler scrape) {
    this.max = max;
    this.permits = max > 0 ? new Semaphore(max) : null;
    this.scrape = scrape;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (permits == null) {
      scrape.handle(exchange);
      return;
    }
    if (!permits.tryAcquire()) {
      Responses.text(
          exchange, 503, "Too many scrapes at once (--web.max-requests=" + max + "); try again");
      return;
    }
    try {
      scrape.handle(exchange);
    } finally {
      permits.release();
    }
  }
}
