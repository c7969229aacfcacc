package dev.powermon.exporter.web;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;

/**
 * A certificate and key this process presents as a TLS client (to a config server whose web config
 * asks for client certificates), read from PEM files as the listeners read theirs ({@link
 * PemFiles}).
 */
public final class ClientCertificate {
  private ClientCertificate() {}

  /**
   * @param flag the flag that named the files, for the one-line error
   * @throws IllegalArgumentException naming the flag and the file when either is unreadable or not
   *     PEM
   */
  public static KeyManager[] keyManagers(String flag, Path certFile, Path keyFile) {
    try {
      return TlsContexts.keyManagers(PemFiles.certificates(certFile), PemFiles.privateKey(keyFile));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          flag + " " + certFile + ", " + keyFile + ": " + e.getMessage());
    }
  }
}
