package dev.powermon.kasa;

import java.io.IOException;

/**
 * Something answered, but not in the protocol asked for (an HTTP 404 to a KLAP handshake, a reply
 * that is no handshake): for a target of unknown transport, the next one may be tried.
 */
final class NotSpokenException extends IOException {
  NotSpokenException(String message) {
    super(message);
  }
}
