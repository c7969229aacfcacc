package dev.powermon.exporter.fleet;

import dev.powermon.exporter.setup.OperatorError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A bearer token kept in a file (the server's and the exporter's): trimmed, never empty, bounded.
 */
public final class TokenFile {
  private static final int MAX_CHARS = 4096;

  private TokenFile() {}

  /**
   * @throws OperatorError naming {@code flag} when the file cannot be read or holds no token
   */
  public static String read(String flag, Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (token.isEmpty() || token.length() > MAX_CHARS) {
        throw new OperatorError(
            flag + " " + file + ": holds no token (or one over " + MAX_CHARS + " chars)");
      }
      return token;
    } catch (IOException e) {
      throw new OperatorError(flag + " " + file + ": cannot read: " + e.getMessage());
    }
  }
}
