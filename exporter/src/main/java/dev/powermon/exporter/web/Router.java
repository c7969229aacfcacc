package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Every path of the main port, matched exactly ({@code /metricsXYZ} is 404); the read-only paths
 * take GET and HEAD only (405 otherwise).
 */
final class Router implements HttpHandler {
  private final String telemetryPath;
  private final HttpHandler scrape;
  private final LandingPage landing;
  private final ProbeHandler probe;
  private final BooleanSupplier ready;

  /**
   * @param ready whether the first collection is done, so a scrape would serve the whole table
   */
  Router(
      String telemetryPath,
      HttpHandler scrape,
      LandingPage landing,
      ProbeHandler probe,
      BooleanSupplier ready) {
    this.telemetryPath = telemetryPath;
    this.scrape = scrape;
    this.landing = landing;
    this.probe = probe;
    this.ready = ready;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (path.equals(telemetryPath)) {
        if (Responses.allow(exchange, "GET", "HEAD")) {
          scrape.handle(exchange);
        }
        return;
      }
      switch (path) {
        case "/" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            Responses.send(exchange, 200, "text/html; charset=utf-8", landing.render());
          }
        }
        case "/api/v1/status" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            Responses.send(exchange, 200, "application/json", landing.statusJson());
          }
        }
        case "/-/healthy" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            Responses.text(exchange, 200, "powermon is Healthy.");
          }
        }
        case "/-/ready" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            if (ready.getAsBoolean()) {
              Responses.text(exchange, 200, "powermon is Ready.");
            } else {
              Responses.text(
                  exchange, 503, "powermon is not ready: the first collection is under way.");
            }
          }
        }
        case "/probe" -> probe.handle(exchange);
        default ->
            Responses.text(exchange, 404, "Not found. Metrics are at the telemetry path; see /.");
      }
    } finally {
      exchange.close();
    }
  }
}
