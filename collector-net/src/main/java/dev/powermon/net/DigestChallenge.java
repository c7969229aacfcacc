package dev.powermon.net;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP digest challenge (RFC 7616) and the answers to it. The nonce is reused, with a rising
 * nonce count, for as long as the device accepts it, so a poll costs one request rather than two.
 * Only {@code qop=auth} with SHA-256 or MD5 is spoken: what Shelly Gen2+ devices (SHA-256) and most
 * embedded servers offer. Written here rather than taken from a library because the JDK's client
 * has no digest support and the whole rule is these few lines.
 */
public final class DigestChallenge {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String realm;
  private final String nonce;
  private final String opaque;
  private final String algorithm;
  private final AtomicLong count = new AtomicLong();

  private DigestChallenge(String realm, String nonce, String opaque, String algorithm) {
    this.realm = realm;
    this.nonce = nonce;
    this.opaque = opaque;
    this.algorithm = algorithm;
  }

  /**
   * Parses a {@code WWW-Authenticate: Digest …} header.
   *
   * @throws IllegalArgumentException for another scheme, a missing realm or nonce, an algorithm or
   *     qop this client does not speak; the message is safe to log (it quotes none of the header)
   */
  public static DigestChallenge parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
      throw new IllegalArgumentException(
          "the device asks for an authentication scheme other than Digest");
    }
    Map<String, String> params = params(header.substring(7));
    String realm = params.get("realm");
    String nonce = params.get("nonce");
    if (realm == null || nonce == null || realm.length() > 256 || nonce.length() > 256) {
      throw new IllegalArgumentException(
          "the device's digest challenge lacks a usable realm or nonce");
    }
    String algorithm = params.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (!algorithm.equals("SHA-256") && !algorithm.equals("MD5")) {
      throw new IllegalArgumentException(
          "the device asks for digest algorithm "
              + algorithm.replaceAll("[^A-Z0-9-]", "?")
              + "; SHA-256 and MD5 are supported");
    }
    String qop = params.get("qop");
    if (qop == null || !java.util.Arrays.asList(qop.split("\\s*,\\s*")).contains("auth")) {
      throw new IllegalArgumentException("the device's digest challenge does not offer qop=auth");
    }
    return new DigestChallenge(realm, nonce, params.get("opaque"), algorithm);
  }

  /**
   * The {@code Authorization} header for one request, with a fresh client nonce and the next count.
   */
  public String authorization(String user, String password, String method, String uri) {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return authorization(user, password, method, uri, HexFormat.of().formatHex(random));
  }

  /**
   * As {@link #authorization(String, String, String, String)}, with the client nonce given (RFC
   * vectors).
   */
  String authorization(String user, String password, String method, String uri, String cnonce) {
    String nc = String.format("%08x", count.incrementAndGet());
    String ha1 = hash(user + ":" + realm + ":" + password);
    String ha2 = hash(method + ":" + uri);
    String response = hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    StringBuilder h =
        new StringBuilder("Digest username=\"")
            .append(user)
            .append("\", realm=\"")
            .append(realm)
            .append("\", nonce=\"")
            .append(nonce)
            .append("\", uri=\"")
            .append(uri)
            .append("\", algorithm=")
            .append(algorithm)
            .append(", qop=auth, nc=")
            .append(nc)
            .append(", cnonce=\"")
            .append(cnonce)
            .append("\", response=\"")
            .append(response)
            .append('"');
    if (opaque != null) {
      h.append(", opaque=\"").append(opaque).append('"');
    }
    return h.toString();
  }

  String realm() {
    return realm;
  }

  /** The hex digest of {@code text} with this challenge's algorithm. */
  String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  /** {@code key=value, key="quoted, value"} pairs; keys lower-cased. */
  private static Map<String, String> params(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
        i++;
      }
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = text.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < text.length() && text.charAt(i) == '"') {
        i++;
        while (i < text.length() && text.charAt(i) != '"') {
          if (text.charAt(i) == '\\' && i + 1 < text.length()) {
            i++;
          }
          value.append(text.charAt(i++));
        }
        i++;
      } else {
        while (i < text.length() && text.charAt(i) != ',') {
          value.append(text.charAt(i++));
        }
      }
      out.put(key, value.toString().trim());
    }
    return out;
  }
}
