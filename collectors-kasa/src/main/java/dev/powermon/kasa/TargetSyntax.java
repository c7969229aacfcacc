package dev.powermon.kasa;

import dev.powermon.net.HostPort;

/**
 * A target as the operator writes it: {@code host[:port]} for the legacy protocol (port 9999 unless
 * given), or {@code klap://host[:port]} for a device that speaks only KLAP over HTTP (port 80 unless
 * given).
 */
final class TargetSyntax {
  static final String KLAP_SCHEME = "klap://";
  static final int KLAP_DEFAULT_PORT = 80;

  private TargetSyntax() {}

  static boolean isKlap(String text) {
    return text.trim().regionMatches(true, 0, KLAP_SCHEME, 0, KLAP_SCHEME.length());
  }

  /** The address of {@code text}; {@code legacyPort} when a legacy target names no port. */
  static HostPort parse(String text, int legacyPort) {
    String s = text.trim();
    if (isKlap(s)) {
      return HostPort.parse(s.substring(KLAP_SCHEME.length()), KLAP_DEFAULT_PORT);
    }
    if (s.contains("://")) {
      throw new IllegalArgumentException("'" + text + "': the only scheme is klap://; write host, host:port or "
          + "klap://host[:port]");
    }
    return HostPort.parse(s, legacyPort);
  }
}
