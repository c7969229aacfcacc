package dev.powermon.kasa;

import dev.powermon.net.HostPort;
import java.util.Locale;

/**
 * A target as the operator writes it: {@code host[:port]} for the legacy protocol (port 9999 unless
 * given), {@code klap://host[:port]} or {@code aes://host[:port]} for a device that speaks only
 * KLAP or AES over HTTP (port 80 unless given).
 */
final class TargetSyntax {
  /** How a target is reached. */
  enum Scheme {
    LEGACY,
    KLAP,
    AES;

    String prefix() {
      return name().toLowerCase(Locale.ROOT) + "://";
    }
  }

  static final int HTTP_DEFAULT_PORT = 80;

  private TargetSyntax() {}

  static Scheme scheme(String text) {
    String s = text.trim();
    for (Scheme scheme : new Scheme[] {Scheme.KLAP, Scheme.AES}) {
      if (s.regionMatches(true, 0, scheme.prefix(), 0, scheme.prefix().length())) {
        return scheme;
      }
    }
    return Scheme.LEGACY;
  }

  /** The address of {@code text}; {@code legacyPort} when a legacy target names no port. */
  static HostPort parse(String text, int legacyPort) {
    String s = text.trim();
    Scheme scheme = scheme(s);
    if (scheme != Scheme.LEGACY) {
      return HostPort.parse(s.substring(scheme.prefix().length()), HTTP_DEFAULT_PORT);
    }
    if (s.contains("://")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "': the only schemes are klap:// and aes://; write host, "
              + "host:port, klap://host[:port] or aes://host[:port]");
    }
    return HostPort.parse(s, legacyPort);
  }
}
