package dev.powermon.exporter.push;

import java.util.regex.Pattern;

/**
 * What a peer sent, made fit for a log line: its first line, control characters removed, anything
 * that looks like a credential replaced by {@code [redacted]}, cut to a short prefix. A receiver
 * that echoes the request (some answer a 401 with the {@code Authorization} header they got) must
 * not put the token into our logs.
 */
public final class PeerText {
  /**
   * Long enough for a receiver's reason ("out of order sample", "err-mimir-…"), short enough for
   * one line.
   */
  public static final int MAX_CHARS = 120;

  private static final String REDACTED = "[redacted]";

  /**
   * Header-like {@code Authorization: Basic …}, or a scheme with its credential, anywhere in the
   * text.
   */
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "(?i)\\b(authorization|proxy-authorization|cookie|set-cookie|x-api-key)\\b(\"?\\s*[:=]\\s*\"?)[^\\r\\n\",}]*");

  private static final Pattern SCHEME =
      Pattern.compile("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{4,}");

  /** key=value and "key": "value" whose key names a secret. */
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)([\"']?[a-z0-9_.-]*(token|password|passwd|secret|api[_-]?key|credential)[a-z0-9_.-]*[\"']?\\s*[:=]\\s*)"
              + "(\"[^\"]*\"|'[^']*'|[^\\s&,;}]+)");

  /** A JWT, wherever it stands. */
  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

  private PeerText() {}

  public static String forLog(String text) {
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    String line = newline < 0 ? stripped : stripped.substring(0, newline);
    StringBuilder printable = new StringBuilder();
    line.codePoints().filter(cp -> !Character.isISOControl(cp)).forEach(printable::appendCodePoint);
    String redacted = redact(printable.toString());
    return redacted.length() > MAX_CHARS ? redacted.substring(0, MAX_CHARS) + "…" : redacted;
  }

  /**
   * {@code text} with every credential-looking part replaced; redaction before cutting, so no half
   * token shows.
   */
  static String redact(String text) {
    String out = AUTHORIZATION.matcher(text).replaceAll("$1$2" + REDACTED);
    out = SCHEME.matcher(out).replaceAll("$1 " + REDACTED);
    out = KEY_VALUE.matcher(out).replaceAll("$1" + REDACTED);
    return JWT.matcher(out).replaceAll(REDACTED);
  }
}
