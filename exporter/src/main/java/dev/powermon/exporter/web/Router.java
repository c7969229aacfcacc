package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Everything on the main port that is not the metrics path. client_java's server sends every unmatched
 * path to its default handler, so this answers only exact paths and 404 for anything else.
 */
final class Router implements HttpHandler {
  private final LandingPage landing;
  private final ProbeHandler probe;
  private final BooleanSupplier ready;

  /** @param ready whether the first collection is done, so a scrape would serve the whole table */
  Router(LandingPage landing, ProbeHandler probe, BooleanSupplier ready) {
    this.landing = landing;
    this.probe = probe;
    this.ready = ready;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      switch (exchange.getRequestURI().getPath()) {
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
              Responses.text(exchange, 503, "powermon is not ready: the first collection is under way.");
            }
          }
        }
        case "/probe" -> probe.handle(exchange);
        default -> Responses.text(exchange, 404, "Not found. Metrics are at the telemetry path; see /.");
      }
    } finally {
      exchange.close();
    }
  }
}
