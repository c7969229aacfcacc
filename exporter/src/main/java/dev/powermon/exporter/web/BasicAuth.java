package dev.powermon.exporter.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code basic_auth_users}: HTTP basic authentication against bcrypt hashes. A bcrypt check costs
 * tens of milliseconds by design, so, as the toolkit does, the outcome is cached under a digest of
 * the user, the password and the hash: a scraper's repeated good credentials cost a SHA-256 after
 * the first scrape.
 */
final class BasicAuth extends Authenticator {
  /** Cached outcomes; cleared when full, so a stream of wrong passwords cannot grow it. */
  private static final int CACHE_ENTRIES = 1024;

  private static final String REALM = "powermon";

  private final Map<String, String> users;
  private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

  /**
   * @param users user name to bcrypt hash; empty lets everyone in
   */
  BasicAuth(Map<String, String> users) {
    this.users = Map.copyOf(users);
  }

  @Override
  public Result authenticate(HttpExchange exchange) {
    if (users.isEmpty()) {
      return new Success(new HttpPrincipal("", REALM));
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        decoded = "";
      }
      int colon = decoded.indexOf(':');
      if (colon >= 0 && check(decoded.substring(0, colon), decoded.substring(colon + 1))) {
        return new Success(new HttpPrincipal(decoded.substring(0, colon), REALM));
      }
    }
    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    return new Retry(401);
  }

  private boolean check(String user, String password) {
    String hash = users.get(user);
    if (hash == null) {
      return false;
    }
    String key = digest(user + '\0' + password + '\0' + hash);
    Boolean cached = verified.get(key);
    if (cached != null) {
      return cached;
    }
    boolean ok;
    try {
      ok =
          BCrypt.verifyer()
              .verify(
                  password.getBytes(StandardCharsets.UTF_8),
                  hash.getBytes(StandardCharsets.US_ASCII))
              .verified;
    } catch (IllegalArgumentException e) {
      ok = false; // e.g. a password longer than bcrypt's 72 bytes
    }
    if (verified.size() >= CACHE_ENTRIES) {
      verified.clear();
    }
    verified.put(key, ok);
    return ok;
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
