package dev.powermon.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A device address as the operator wrote it: {@code host}, {@code host:port} or {@code [v6]:port}.
 *
 * @param host a name or a literal address, without brackets
 * @param port 1 to 65535
 */
public record HostPort(String host, int port) {

  /** Parses {@code text}, taking {@code defaultPort} when it names none. */
  public static HostPort parse(String text, int defaultPort) {
    String s = text.trim();
    String host = s;
    int port = defaultPort;
    int colon = s.lastIndexOf(':');
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': missing ']' after an IPv6 address");
      }
      host = s.substring(1, close);
      if (close + 1 < s.length()) {
        port = port(text, s.substring(close + 1).replaceFirst("^:", ""));
      }
    } else if (colon >= 0 && s.indexOf(':') == colon) {
      host = s.substring(0, colon);
      port = port(text, s.substring(colon + 1));
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "': no host; write host or host:port");
    }
    return new HostPort(host, port);
  }

  /**
   * Resolves once; the address is then used as is, so a changing DNS answer cannot redirect a poll.
   */
  public InetSocketAddress resolve() throws UnknownHostException {
    return new InetSocketAddress(InetAddress.getByName(host), port);
  }

  /** {@code host:port}, the key under which the device is polled and reported. */
  public String label() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static int port(String text, String digits) {
    try {
      int port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "': the port must be a number from 1 to 65535");
    }
  }
}
