package dev.powermon.exporter.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The {@code Authorization} header of a push target, from a file (or the environment) read at every
 * push so a rotated secret takes effect without a restart (as Prometheus does). Secrets never come
 * from the command line, where {@code ps} shows them, and never reach a log line: {@link
 * #toString()} names the file only.
 */
final class Credentials {
  /**
   * Longer files are not secrets but mistakes (a key store, a log); refusing keeps the read
   * bounded.
   */
  static final int MAX_SECRET_BYTES = 16 * 1024;

  static final Credentials NONE = new Credentials(null, null, null);

  /** Where a secret is read from, and how to name that place without showing the secret. */
  interface Secret {
    String read() throws CredentialsException;

    String describe();
  }

  private final String scheme;
  private final String user;
  private final Secret secret;

  private Credentials(String scheme, String user, Secret secret) {
    this.scheme = scheme;
    this.user = user;
    this.secret = secret;
  }

  static Credentials bearer(Path tokenFile) {
    return new Credentials("Bearer", null, file(tokenFile));
  }

  static Credentials basic(String user, Path passwordFile) {
    return new Credentials("Basic", user, file(passwordFile));
  }

  /** InfluxDB's {@code Authorization: Token ...}. */
  static Credentials influxToken(Secret token) {
    return new Credentials("Token", null, token);
  }

  static Secret file(Path file) {
    return new Secret() {
      @Override
      public String read() throws CredentialsException {
        return Credentials.read(file);
      }

      @Override
      public String describe() {
        return file.toString();
      }
    };
  }

  /** The header value, or null when the target takes none. */
  String authorization() throws CredentialsException {
    if (secret == null) {
      return null;
    }
    String value = secret.read();
    if (user != null) {
      return scheme
          + " "
          + Base64.getEncoder()
              .encodeToString((user + ":" + value).getBytes(StandardCharsets.UTF_8));
    }
    return scheme + " " + value;
  }

  /** The file's content without the trailing newline editors add. */
  private static String read(Path file) throws CredentialsException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
      if (bytes.length > MAX_SECRET_BYTES) {
        throw new CredentialsException(
            file + " is larger than " + MAX_SECRET_BYTES + " bytes; it should hold one secret");
      }
      String secret = new String(bytes, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty() || secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new CredentialsException(file + " must hold one secret on one line");
      }
      return secret;
    } catch (IOException e) {
      throw e instanceof CredentialsException c
          ? c
          : new CredentialsException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return secret == null ? "none" : scheme + " from " + secret.describe();
  }
}
