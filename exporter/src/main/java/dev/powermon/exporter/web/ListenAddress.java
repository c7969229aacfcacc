package dev.powermon.exporter.web;

import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An address to listen on, written as Prometheus exporters write it: {@code :9100} (every
 * interface), {@code 127.0.0.1:9101}, {@code [::1]:9100}, {@code localhost:0} (any free port).
 */
public record ListenAddress(String host, int port) {
  private static final Pattern FORM =
      Pattern.compile("^(\\[[0-9a-fA-F:.]+\\]|[^:\\[\\]]*):(\\d{1,5})$");

  /**
   * @throws IllegalArgumentException naming the flag and the expected form
   */
  public static ListenAddress parse(String flag, String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          flag
              + ": '"
              + text
              + "' is not an address to listen on; write HOST:PORT, :PORT or [IPv6]:PORT");
    }
    int port = Integer.parseInt(m.group(2));
    if (port > 65535) {
      throw new IllegalArgumentException(flag + ": port " + port + " is above 65535");
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new ListenAddress(host.isEmpty() ? null : host, port);
  }

  public InetSocketAddress socketAddress() {
    return host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** True when only this machine can connect (loopback). */
  public boolean isLoopback() {
    return host != null
        && socketAddress().getAddress() != null
        && socketAddress().getAddress().isLoopbackAddress();
  }

  @Override
  public String toString() {
    String h = host == null ? "" : host.contains(":") ? "[" + host + "]" : host;
    return h + ":" + port;
  }
}
