package dev.powermon.exporter.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The {@code Authorization} header of a push target, from a file read at every push so a rotated secret
 * takes effect without a restart (as Prometheus does). Secrets never come from the command line, where
 * {@code ps} shows them, and never reach a log line: {@link #toString()} names the file only.
 */
final class Credentials {
  /** Longer files are not secrets but mistakes (a key store, a log); refusing keeps the read bounded. */
  static final int MAX_SECRET_BYTES = 16 * 1024;
  static final Credentials NONE = new Credentials(null, null, null);

  private final String scheme;
  private final String user;
  private final Path file;

  private Credentials(String scheme, String user, Path file) {
    this.scheme = scheme;
    this.user = user;
    this.file = file;
  }

  static Credentials bearer(Path tokenFile) {
    return new Credentials("Bearer", null, tokenFile);
  }

  static Credentials basic(String user, Path passwordFile) {
    return new Credentials("Basic", user, passwordFile);
  }

  /** InfluxDB's {@code Authorization: Token ...}, from a file. */
  static Credentials influxToken(Path tokenFile) {
    return new Credentials("Token", null, tokenFile);
  }

  /** The header value, or null when the target takes none. */
  String authorization() throws CredentialsException {
    if (file == null) {
      return null;
    }
    String secret = read(file);
    if (user != null) {
      return scheme + " " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
    return scheme + " " + secret;
  }

  /** The file's content without the trailing newline editors add. */
  static String read(Path file) throws CredentialsException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_SECRET_BYTES + 1);
      if (bytes.length > MAX_SECRET_BYTES) {
        throw new CredentialsException(file + " is larger than " + MAX_SECRET_BYTES + " bytes; it should hold one secret");
      }
      String secret = new String(bytes, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty() || secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw new CredentialsException(file + " must hold one secret on one line");
      }
      return secret;
    } catch (IOException e) {
      throw e instanceof CredentialsException c ? c : new CredentialsException("cannot read " + file + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return file == null ? "none" : scheme + " from " + file;
  }
}
