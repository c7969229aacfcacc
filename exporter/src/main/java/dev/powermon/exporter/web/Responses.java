package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers shared by the handlers: plain answers, bounded request bodies. */
final class Responses {
  /** Largest request body any handler reads. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private Responses() {}

  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  static void text(HttpExchange exchange, int status, String body) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", body.endsWith("\n") ? body : body + "\n");
  }

  /** Answers 405 unless the method is one of {@code allowed}; returns whether it was. */
  static boolean allow(HttpExchange exchange, String... allowed) throws IOException {
    for (String m : allowed) {
      if (m.equals(exchange.getRequestMethod())) {
        return true;
      }
    }
    exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
    text(
        exchange,
        405,
        "Method "
            + exchange.getRequestMethod()
            + " not allowed; use "
            + String.join(" or ", allowed));
    return false;
  }

  /**
   * The request body, or null (after answering 413) when it is larger than {@link #MAX_BODY_BYTES}.
   */
  static byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        text(exchange, 413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
        return null;
      }
      return body;
    }
  }

  /**
   * What a peer sent, fit to echo in an answer or a log line: at most 80 characters, control
   * characters replaced by '?'.
   */
  static String printable(String peerText) {
    String cut = peerText.length() > 80 ? peerText.substring(0, 80) + "…" : peerText;
    StringBuilder out = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return out.toString();
  }
}
