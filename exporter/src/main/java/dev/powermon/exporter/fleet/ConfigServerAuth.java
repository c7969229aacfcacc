package dev.powermon.exporter.fleet;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.powermon.exporter.web.WebSecurity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may use the config server. A request carries one {@code Authorization} header, so the two
 * credentials are alternatives, each letting its holder read and write: {@code Bearer <token>} (the
 * {@code --auth.token-file}, what exporters and scripts send) or {@code Basic} with one of the web
 * config's {@code basic_auth_users} (people, browsers, tools that only speak basic auth). {@code
 * /metrics} is open unless the web config has users, as on the exporter's own listener.
 */
final class ConfigServerAuth extends Authenticator {
  private static final String REALM = "powermon";

  private final WebSecurity security;
  private final ServerCounters counters;
  private volatile byte[] token;

  /**
   * @param token the bearer token, or null when the server runs without one ({@code
   *     --auth.disabled})
   */
  ConfigServerAuth(WebSecurity security, String token, ServerCounters counters) {
    this.security = security;
    this.counters = counters;
    token(token);
  }

  /** Replaces the token (a reload read the token file again); null turns it off. */
  void token(String token) {
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    byte[] expected = token;
    boolean users = !security.config().users().isEmpty();
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (expected != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
      if (MessageDigest.isEqual(given, expected)) { // constant time
        return new Success(new HttpPrincipal("bearer", REALM));
      }
    }
    if (users && header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      Result basic = security.authenticator().authenticate(exchange);
      if (basic instanceof Success) {
        return basic;
      }
    }
    if (!users && (expected == null || isMetrics(exchange))) {
      return new Success(new HttpPrincipal("", REALM)); // nothing is asked of this request
    }
    var challenge = exchange.getResponseHeaders();
    challenge.remove("WWW-Authenticate");
    if (expected != null) {
      challenge.add("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
    }
    if (users) {
      challenge.add("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }
    counters.request(exchange.getRequestMethod(), 401);
    return new Retry(401);
  }

  private static boolean isMetrics(HttpExchange exchange) {
    return exchange.getRequestURI().getPath().equals("/metrics");
  }
}
