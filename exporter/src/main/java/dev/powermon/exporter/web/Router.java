package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Everything on the main port that is not the metrics path. client_java's server sends every unmatched
 * path to its default handler, so this answers only exact paths and 404 for anything else.
 */
final class Router implements HttpHandler {
  private final LandingPage landing;
  private final ProbeHandler probe;

  Router(LandingPage landing, ProbeHandler probe) {
    this.landing = landing;
    this.probe = probe;
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
        case "/-/healthy" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            Responses.text(exchange, 200, "powermon is Healthy.");
          }
        }
        case "/-/ready" -> {
          if (Responses.allow(exchange, "GET", "HEAD")) {
            Responses.text(exchange, 200, "powermon is Ready.");
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
