package dev.powermon.nut;

import java.io.IOException;

/** upsd answered something that is not the protocol, or answered {@code ERR}. */
class NutProtocolException extends IOException {
  private static final int EXCERPT = 80;

  NutProtocolException(String message) {
    super(message);
  }

  /** The start of what the peer sent, safe for a log line: bounded, control characters replaced. */
  static String excerpt(String peerText) {
    String cut = peerText.length() > EXCERPT ? peerText.substring(0, EXCERPT) + "…" : peerText;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
