package dev.powermon.macos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the module's own test fixtures from the class path. */
final class Fixtures {
  private Fixtures() {}

  static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String name) {
    return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
  }
}
