package dev.powermon.exporter.web;

import java.util.Map;

/**
 * The JDK HTTP server's limits, set explicitly: its defaults wait forever for a request's headers,
 * so a few connections sending a byte a second hold every worker thread. The server reads these
 * system properties once, when the first listener starts, so they are set before that; an
 * operator's own {@code -D} wins.
 */
final class HttpLimits {
  /**
   * Seconds a client has to send its request line, headers and body; past it the connection is
   * closed.
   */
  static final int MAX_REQUEST_SECONDS = 10;

  private static final Map<String, String> PROPERTIES =
      Map.of(
          "sun.net.httpserver.maxReqTime", String.valueOf(MAX_REQUEST_SECONDS),
          // Writing a response (a large scrape to a slow reader) may take longer, but not forever.
          "sun.net.httpserver.maxRspTime", "60",
          // How often the two limits above are checked, in milliseconds.
          "sun.net.httpserver.timerMillis", "500",
          // Keep-alive connections with nothing to say are closed after this many seconds.
          "sun.net.httpserver.idleInterval", "30",
          // Kept-alive connections waiting for their next request; beyond it the server closes a
          // connection after each response, so every scraper past the 64th would reconnect for
          // every scrape. Bounded by maxConnections and idleInterval anyway.
          "sun.net.httpserver.maxIdleConnections", "512",
          // Header count and total header bytes of one request: a scrape sends fewer than 20 and 2
          // KiB.
          "sun.net.httpserver.maxReqHeaders", "64",
          "sun.net.httpserver.maxReqHeaderSize", String.valueOf(16 * 1024),
          // Open connections per listener; beyond it new ones are closed at once.
          "jdk.httpserver.maxConnections", "512",
          // Bytes of an unread request body drained to keep the connection; more closes it.
          "sun.net.httpserver.drainAmount", String.valueOf(64 * 1024),
          // The server leaves Nagle's algorithm on: on a kept-alive connection every response after
          // the first
          // then waits for the client's delayed ACK, about 40 ms a scrape (bench/footprint: 4.0 →
          // 0.75 ms CPU).
          "sun.net.httpserver.nodelay", "true");

  private HttpLimits() {}

  static synchronized void apply() {
    PROPERTIES.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            System.setProperty(key, value);
          }
        });
  }
}
