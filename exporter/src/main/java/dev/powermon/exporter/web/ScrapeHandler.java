package dev.powermon.exporter.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.powermon.exporter.runtime.Collected;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry path: the orchestrator's shared collection, sent as the body {@link EncodedBodies}
 * cached for it in the negotiated format (client_java's content negotiation and name escaping; gzip
 * when the scraper accepts it). A request with a query ({@code name[]=}, {@code debug=}) goes to
 * client_java's own handler {@code filtered}, which serves the same shared collection, filtered and
 * encoded for that request alone.
 *
 * <p>{@code --web.max-requests} ({@link ScrapeLimit}) counts the scrapes that wait for a
 * collection, which hold a worker thread meanwhile, up to the collectors' deadlines; a scrape
 * served a collection already made is not counted, so many scrapers of one collection are not
 * turned away.
 */
final class ScrapeHandler implements HttpHandler {
  /** Accept headers whose negotiation is remembered; scrapers send one or two distinct ones. */
  static final int NEGOTIATIONS_KEPT = 32;

  /**
   * Bytes handed to the socket per write. The JDK copies a heap array into a direct buffer of the
   * write's size and keeps it for the thread: one write of a 1.6 MB body (1,024 Kasa plugs) would
   * leave 1.6 MB of native memory behind on every worker thread (+120 MiB RSS in bench scale mode).
   */
  static final int WRITE_CHUNK = 64 * 1024;

  /** client_java's scrape handler logs a scraper that hung up here too (see ScrapeHangUps). */
  private static final Logger LOG = LoggerFactory.getLogger("dev.powermon.exporter.web.Scrapes");

  /** The formats negotiated for one Accept header, without and with gzip. */
  private record Negotiated(EncodedBodies.Format plain, EncodedBodies.Format gzipped) {}

  private final Orchestrator orchestrator;
  private final HttpHandler filtered;
  private final HttpHandler limited;
  private final ExpositionFormats formats;
  private final EncodedBodies bodies = new EncodedBodies();
  private final Map<String, Negotiated> negotiated = new ConcurrentHashMap<>();

  /**
   * @param maxRequests scrapes that may wait for a collection at once; 0 is no limit
   */
  ScrapeHandler(
      Orchestrator orchestrator,
      PrometheusProperties properties,
      HttpHandler filtered,
      int maxRequests) {
    this.orchestrator = orchestrator;
    this.filtered = filtered;
    this.formats = ExpositionFormats.init(properties.getExporterProperties());
    this.limited = new ScrapeLimit(maxRequests, this::collectAndSend);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawQuery() == null) {
      Collected ready = orchestrator.reusable();
      if (ready != null) { // encoding it, if no scrape did yet, is work, not waiting on devices
        EncodedBodies.Format format = format(exchange);
        send(exchange, format, bodies.body(ready, format));
        return;
      }
    }
    limited.handle(exchange);
  }

  private void collectAndSend(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getRawQuery() != null) {
      filtered.handle(exchange);
      return;
    }
    EncodedBodies.Format format = format(exchange);
    send(exchange, format, bodies.body(orchestrator.collected(), format));
  }

  /** The negotiated format of the request. */
  private EncodedBodies.Format format(HttpExchange exchange) {
    Headers request = exchange.getRequestHeaders();
    Negotiated both = negotiate(request.getFirst("Accept"));
    return acceptsGzip(request) ? both.gzipped() : both.plain();
  }

  private static void send(HttpExchange exchange, EncodedBodies.Format format, byte[] body) {
    Headers response = exchange.getResponseHeaders();
    response.set("Content-Type", format.writer().getContentType());
    if (format.gzip()) {
      response.set("Content-Encoding", "gzip");
    }
    try {
      if (exchange.getRequestMethod().equals("HEAD") || body.length == 0) {
        response.set("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        for (int off = 0; off < body.length; off += WRITE_CHUNK) {
          out.write(body, off, Math.min(WRITE_CHUNK, body.length - off));
        }
      }
    } catch (IOException e) {
      // The scraper's doing (a timeout, a restart), not the exporter's.
      LOG.atDebug()
          .addKeyValue("err", e.toString())
          .log("a scraper went away before the response was sent");
    }
  }

  /** client_java's writer and escaping for {@code accept}, remembered per distinct header. */
  private Negotiated negotiate(String accept) {
    String key = accept == null ? "" : accept;
    Negotiated known = negotiated.get(key);
    if (known != null) {
      return known;
    }
    ExpositionFormatWriter writer = formats.findWriter(accept);
    EscapingScheme escaping = EscapingScheme.fromAcceptHeader(accept);
    Negotiated fresh =
        new Negotiated(
            new EncodedBodies.Format(writer, escaping, false),
            new EncodedBodies.Format(writer, escaping, true));
    if (negotiated.size() < NEGOTIATIONS_KEPT) { // bounded: a client varying its header at will
      negotiated.put(key, fresh);
    }
    return fresh;
  }

  /** Whether any Accept-Encoding header lists gzip, as client_java decides it. */
  static boolean acceptsGzip(Headers request) {
    List<String> values = request.get("Accept-Encoding");
    if (values == null) {
      return false;
    }
    for (String value : values) {
      int start = 0;
      while (start <= value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        int from = start;
        int to = end;
        while (from < to && value.charAt(from) <= ' ') {
          from++;
        }
        while (to > from && value.charAt(to - 1) <= ' ') {
          to--;
        }
        if (to - from == 4 && value.regionMatches(true, from, "gzip", 0, 4)) {
          return true;
        }
        start = end + 1;
      }
    }
    return false;
  }
}
