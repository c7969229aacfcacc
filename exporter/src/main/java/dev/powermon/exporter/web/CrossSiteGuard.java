package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Keeps web pages out of the admin API. A page open in a browser on this host can send a "simple"
 * request (a form POST, or {@code fetch} with {@code text/plain}) to 127.0.0.1 without a CORS
 * preflight; such a request carries a {@code Content-Type} other than JSON, an {@code Origin} of
 * the page and {@code Sec-Fetch-Site: cross-site}. A request that changes something is refused when
 * any of these says it came from a page other than this listener, and a loopback listener only
 * answers a loopback {@code Host} (a DNS-rebinding page names its own host).
 */
final class CrossSiteGuard {
  private final boolean loopbackListener;

  CrossSiteGuard(boolean loopbackListener) {
    this.loopbackListener = loopbackListener;
  }

  /**
   * Answers 403 and returns false unless the request's Host names this listener (loopback listeners
   * only).
   */
  boolean hostAllowed(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (!loopbackListener || host == null || isLoopbackName(hostOf(host))) {
      return true;
    }
    Responses.text(
        exchange, 403, "Host " + Responses.printable(host) + " is not this loopback listener");
    return false;
  }

  /**
   * For a request that changes state: 403 for a cross-site page, 415 for a body that is not JSON;
   * returns whether the request may go on.
   *
   * @param bodyRequired whether the endpoint reads a JSON body (else an empty body without a type
   *     passes)
   */
  boolean mutationAllowed(HttpExchange exchange, boolean bodyRequired) throws IOException {
    String site = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      Responses.text(
          exchange, 403, "Refused: a " + Responses.printable(site) + " request from a web page");
      return false;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !isThisListener(origin, exchange.getLocalAddress())) {
      Responses.text(
          exchange, 403, "Refused: a request from the web page at " + Responses.printable(origin));
      return false;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    boolean emptyBody =
        "0".equals(length)
            || (length == null
                && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null);
    if (type == null ? bodyRequired || !emptyBody : !isJson(type)) {
      Responses.text(exchange, 415, "Send the body as Content-Type: application/json");
      return false;
    }
    return true;
  }

  private static boolean isJson(String contentType) {
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mediaType.equals("application/json");
  }

  /** Whether {@code origin} is this listener itself: a loopback or its bound host, on its port. */
  private static boolean isThisListener(String origin, InetSocketAddress local) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return false;
    }
    if (uri.getHost() == null
        || uri.getPort() != local.getPort()
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      return false;
    }
    String host = uri.getHost();
    return isLoopbackName(host)
        || host.equals(local.getAddress().getHostAddress())
        || ("[" + local.getAddress().getHostAddress() + "]").equals(host);
  }

  /** localhost or a loopback address literal; names are never resolved here. */
  private static boolean isLoopbackName(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return false; // a name: resolving it is what a rebinding attack wants
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The host part of a Host header ({@code 127.0.0.1:9101}, {@code [::1]:9101}, {@code localhost}).
   */
  private static String hostOf(String header) {
    if (header.startsWith("[")) {
      int end = header.indexOf(']');
      return end < 0 ? header : header.substring(0, end + 1);
    }
    int colon = header.lastIndexOf(':');
    return colon < 0 ? header : header.substring(0, colon);
  }
}
