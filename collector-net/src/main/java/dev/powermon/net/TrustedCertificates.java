package dev.powermon.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS client context a networked collector checks its devices' certificates with: the
 * certificates of a PEM file (a private CA, or a device's self-signed certificate), or the JVM's
 * trusted roots.
 */
public final class TrustedCertificates {
  /** A CA bundle is a few hundred KiB at most; more is not one. */
  private static final long MAX_BYTES = 1024 * 1024;

  private TrustedCertificates() {}

  /**
   * A context trusting the certificates in {@code pemFile}, or the JVM's default trust when it is
   * null.
   *
   * @param setting the setting that named the file, for the one-line error
   * @throws IllegalArgumentException for a missing, oversized or certificate-less file
   */
  public static SSLContext context(String setting, Path pemFile) {
    return context(setting, pemFile, null);
  }

  /**
   * As above, presenting the certificate of {@code keys} to a server that asks for one.
   *
   * @param keys a client certificate and its key; null presents none
   */
  public static SSLContext context(String setting, Path pemFile, KeyManager[] keys) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      if (pemFile == null) {
        context.init(keys, null, null);
        return context;
      }
      String where = setting + " '" + pemFile + "'";
      if (Files.size(pemFile) > MAX_BYTES) {
        throw new IllegalArgumentException(
            where + ": larger than 1 MiB; give the PEM certificates to trust");
      }
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(pemFile)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException(where + ": no PEM certificate in it");
      }
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trust.setCertificateEntry("trusted-" + i++, c);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      context.init(keys, factory.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          setting + " '" + pemFile + "': cannot read it (" + e.getClass().getSimpleName() + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          setting + " '" + pemFile + "': not PEM certificates (" + e.getMessage() + ")");
    }
  }
}
