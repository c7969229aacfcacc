package dev.powermon.net;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's HTTP side on a loopback port, for simulators and tests: fixed JSON documents per path,
 * and the device's authentication checked for real (basic, or RFC 7616 digest with SHA-256 whose
 * nonce the device rotates on demand). Counts the requests it answered and the 401s it sent.
 */
public final class DeviceServer implements AutoCloseable {
  /** How the device guards its paths. */
  public enum Auth {
    NONE,
    BASIC,
    DIGEST
  }

  private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]*))");

  private final HttpServer server;
  private final Map<String, Supplier<String>> documents = new ConcurrentHashMap<>();
  private final Map<String, String> contentTypes = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger challenges = new AtomicInteger();
  private volatile Auth auth = Auth.NONE;
  private volatile String user = "admin";
  private volatile String password = "";
  private volatile String realm = "device";
  private volatile String nonce = "n0";
  private volatile java.util.Set<String> open = java.util.Set.of();

  public DeviceServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "device-server");
              t.setDaemon(true);
              return t;
            }));
    server.start();
  }

  /**
   * Serves {@code json} (evaluated per request, so it may change or stall) at {@code pathAndQuery}.
   */
  public DeviceServer document(String pathAndQuery, Supplier<String> json) {
    return page(pathAndQuery, "application/json", json);
  }

  /**
   * Serves {@code body} with its own content type (an HTML error page, garbage) at {@code
   * pathAndQuery}.
   */
  public DeviceServer page(String pathAndQuery, String contentType, Supplier<String> body) {
    documents.put(pathAndQuery, body);
    contentTypes.put(pathAndQuery, contentType);
    return this;
  }

  /**
   * Guards every path but {@code openPaths} with {@code auth}, for {@code user}/{@code password} in
   * {@code realm}.
   */
  public DeviceServer auth(
      Auth auth, String user, String password, String realm, String... openPaths) {
    this.auth = auth;
    this.user = user;
    this.password = password;
    this.realm = realm;
    this.open = java.util.Set.of(openPaths);
    return this;
  }

  /** A new nonce: clients holding the old one are challenged again. */
  public void rotateNonce() {
    nonce = "n" + System.nanoTime();
  }

  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  public int challenges() {
    return challenges.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      String key = query == null ? path : path + "?" + query;
      if (!open.contains(path) && !authorized(exchange, key)) {
        challenges.incrementAndGet();
        exchange
            .getResponseHeaders()
            .set(
                "WWW-Authenticate",
                auth == Auth.BASIC
                    ? "Basic realm=\"" + realm + "\""
                    : "Digest qop=\"auth\", realm=\""
                        + realm
                        + "\", nonce=\""
                        + nonce
                        + "\", algorithm=SHA-256");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      Supplier<String> doc = documents.get(key);
      if (doc == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = doc.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentTypes.get(key));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private boolean authorized(HttpExchange exchange, String uri) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    switch (auth) {
      case NONE:
        return true;
      case BASIC:
        return ("Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .equals(header);
      default:
        if (header == null || !header.startsWith("Digest ")) {
          return false;
        }
        Map<String, String> p = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
          p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
        }
        if (!nonce.equals(p.get("nonce"))
            || !realm.equals(p.get("realm"))
            || !uri.equals(p.get("uri"))) {
          return false;
        }
        String ha1 = sha256(user + ":" + realm + ":" + password);
        String ha2 = sha256(exchange.getRequestMethod() + ":" + uri);
        String expected =
            sha256(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
        return user.equals(p.get("username")) && expected.equals(p.get("response"));
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
