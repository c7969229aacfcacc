package dev.powermon.kasa;

import java.util.List;
import java.util.OptionalLong;

/**
 * The session cookie of a KLAP or AES handshake reply ({@code TP_SESSIONID=<hex>;TIMEOUT=86400};
 * older AES firmware says {@code SESSIONID}), read by hand: only this one value is ever sent back,
 * so a device (or anything answering in its place) cannot plant other cookies.
 *
 * @param header what goes in the {@code Cookie} header of the session's requests
 * @param lifetimeSeconds the session's lifetime the device announced, when it did
 */
record KlapCookie(String header, OptionalLong lifetimeSeconds) {
  /** Session ids are 32 hex digits on every dump seen; anything longer is not a session id. */
  private static final int MAX_VALUE = 256;

  /** The session cookie among {@code setCookies}, or null when none is there. */
  static KlapCookie parse(List<String> setCookies) {
    String session = null;
    OptionalLong timeout = OptionalLong.empty();
    for (String header : setCookies) {
      for (String part : header.split(";")) {
        int eq = part.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = part.substring(0, eq).trim();
        String value = part.substring(eq + 1).trim();
        if ((name.equals("TP_SESSIONID") || name.equals("SESSIONID"))
            && session == null
            && !value.isEmpty()
            && value.length() <= MAX_VALUE
            && value.chars().allMatch(KlapCookie::plain)) {
          session = name + "=" + value;
        } else if (name.equalsIgnoreCase("TIMEOUT")) {
          timeout = seconds(value);
        }
      }
    }
    return session == null ? null : new KlapCookie(session, timeout);
  }

  private static boolean plain(int c) {
    return c > 0x20 && c < 0x7f && c != ';' && c != ',';
  }

  private static OptionalLong seconds(String value) {
    try {
      long s = Long.parseLong(value);
      return s > 0 ? OptionalLong.of(s) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
