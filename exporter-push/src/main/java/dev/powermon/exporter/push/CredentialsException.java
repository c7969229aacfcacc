package dev.powermon.exporter.push;

import java.io.IOException;

/**
 * A secret file could not be read at push time (moved, permissions changed); retried like an
 * outage.
 */
final class CredentialsException extends IOException {
  CredentialsException(String message) {
    super(message);
  }
}
