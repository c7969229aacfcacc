package dev.powermon.exporter.setup;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one rule for a URL powermon is told to connect to (push targets, the config server): http or
 * https, with a host, and without credentials, since argv is visible to every user of the machine
 * and a URL ends up in log lines. The refusal never repeats the URL: it may hold a password.
 */
public final class HttpUrl {
  private HttpUrl() {}

  /**
   * @throws OperatorError naming {@code flag} and the rule broken
   */
  public static URI parse(String flag, String text) {
    try {
      URI uri = new URI(text);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new OperatorError(flag + ": must be an http:// or https:// URL with a host");
      }
      if (uri.getRawUserInfo() != null) {
        throw new OperatorError(
            flag + ": put credentials in a file (the auth flags), not in the URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new OperatorError(flag + ": not a URL (" + e.getReason() + ")");
    }
  }
}
