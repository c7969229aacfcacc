package dev.powermon.kasa;

import java.io.IOException;

/**
 * A device answered, but with something that is not a usable Kasa reply (bad frame, JSON or field).
 */
final class KasaProtocolException extends IOException {
  KasaProtocolException(String message) {
    super(message);
  }

  KasaProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
