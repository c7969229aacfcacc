package dev.powermon.rapl;

import java.io.IOException;

/**
 * A file was read but its content is not what the kernel writes there; the message says what was
 * found.
 */
final class MalformedReadingException extends IOException {
  MalformedReadingException(String message) {
    super(message);
  }
}
