package dev.powermon.exporter.web;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

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
      List<X509Certificate> chain = PemFiles.certificates(certFile);
      PrivateKey key = PemFiles.privateKey(keyFile);
      char[] none = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, none);
      keys.setKeyEntry("client", key, none, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
      return kmf.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          flag + " " + certFile + ", " + keyFile + ": " + e.getMessage());
    }
  }
}
