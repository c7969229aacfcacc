package dev.powermon.exporter.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A {@code tls_server_config} made into the JDK's terms. The JDK server takes its SSL context once,
 * at start; so the context is built once over a key manager and a trust manager that ask the
 * material in force at each handshake, and the parameters (versions, suites, client auth) are set
 * per connection: a reload swaps the material and new connections get the new certificate.
 */
final class TlsContexts {
  private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  /**
   * What one {@code tls_server_config} yields. {@code trust} is null when no client certificate is
   * asked for.
   */
  record Material(
      X509ExtendedKeyManager keys, X509ExtendedTrustManager trust, SSLParameters parameters) {}

  private TlsContexts() {}

  /**
   * Reads the certificate, key and client CA files now.
   *
   * @throws GeneralSecurityException naming the file or setting that is wrong
   */
  static Material material(WebConfig.Tls tls) throws IOException, GeneralSecurityException {
    List<X509Certificate> chain = PemFiles.certificates(tls.certFile());
    PrivateKey key = PemFiles.privateKey(tls.keyFile());
    if (!pairs(chain.get(0), key)) {
      throw new GeneralSecurityException(
          tls.keyFile() + " is not the key of the certificate in " + tls.certFile());
    }
    X509ExtendedTrustManager trust = null;
    if (tls.clientAuth().asks) {
      trust =
          tls.clientAuth().verifies
              ? new AllowedSans(caTrust(tls), tls.clientAllowedSans())
              : new AnyClientCertificate();
    }
    return new Material(
        (X509ExtendedKeyManager) keyManagers(chain, key)[0], trust, parameters(tls));
  }

  /** Key managers that present {@code chain} with {@code key}: a listener's, or a TLS client's. */
  static KeyManager[] keyManagers(List<X509Certificate> chain, PrivateKey key)
      throws IOException, GeneralSecurityException {
    char[] none = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, none);
    keys.setKeyEntry("key", key, none, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, none);
    return kmf.getKeyManagers();
  }

  /** A configurator whose context and parameters come from {@code current} at each connection. */
  static HttpsConfigurator reloadable(Supplier<Material> current) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        new KeyManager[] {new CurrentKeys(current)},
        new TrustManager[] {new CurrentTrust(current)},
        null);
    return new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        params.setSSLParameters(current.get().parameters());
      }
    };
  }

  private static SSLParameters parameters(WebConfig.Tls tls) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, null, null); // for what this JDK supports
    SSLParameters p = context.getDefaultSSLParameters();
    int min = ORDER.indexOf(tls.minVersion());
    int max = ORDER.indexOf(tls.maxVersion());
    if (min > max) {
      throw new GeneralSecurityException("tls_server_config: min_version is above max_version");
    }
    List<String> supported = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
    List<String> protocols = new ArrayList<>(ORDER.subList(min, max + 1));
    protocols.retainAll(supported);
    p.setProtocols(protocols.toArray(String[]::new));
    if (!tls.cipherSuites().isEmpty()) {
      List<String> known = Arrays.asList(context.getSupportedSSLParameters().getCipherSuites());
      for (String suite : tls.cipherSuites()) {
        if (!known.contains(suite)) {
          throw new GeneralSecurityException(
              "tls_server_config.cipher_suites: " + suite + " is not supported here");
        }
      }
      p.setCipherSuites(tls.cipherSuites().toArray(String[]::new));
      p.setUseCipherSuitesOrder(true);
    }
    if (tls.clientAuth().requires) {
      p.setNeedClientAuth(true);
    } else if (tls.clientAuth().asks) {
      p.setWantClientAuth(true);
    }
    return p;
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  private static boolean pairs(X509Certificate certificate, PrivateKey key)
      throws GeneralSecurityException {
    // Sign and verify a nonce: the only algorithm-neutral way the JDK offers to pair a key and a
    // certificate.
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> "Ed25519";
        };
    byte[] nonce = "powermon".getBytes(StandardCharsets.US_ASCII);
    Signature sign = Signature.getInstance(algorithm);
    sign.initSign(key);
    sign.update(nonce);
    byte[] signature = sign.sign();
    Signature verify = Signature.getInstance(algorithm);
    verify.initVerify(certificate.getPublicKey());
    verify.update(nonce);
    return verify.verify(signature);
  }

  private static X509TrustManager caTrust(WebConfig.Tls tls)
      throws IOException, GeneralSecurityException {
    KeyStore cas = KeyStore.getInstance("PKCS12");
    cas.load(null, new char[0]);
    int i = 0;
    for (X509Certificate ca : PemFiles.certificates(tls.clientCaFile())) {
      cas.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(cas);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in this JDK");
  }

  /**
   * A trust manager for a server: it checks client certificates (the socket and engine variants as
   * the plain one) and never servers.
   */
  private abstract static class ClientCertificates extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a server does not check servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a server does not check servers");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a server does not check servers");
    }
  }

  /**
   * A verified client certificate must also name one of {@code client_allowed_sans}, when given.
   */
  private static final class AllowedSans extends ClientCertificates {
    private final X509TrustManager ca;
    private final List<String> allowed;

    AllowedSans(X509TrustManager ca, List<String> allowed) {
      this.ca = ca;
      this.allowed = allowed;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      ca.checkClientTrusted(chain, authType);
      if (allowed.isEmpty()) {
        return;
      }
      Collection<List<?>> names = chain[0].getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() > 1 && allowed.contains(String.valueOf(name.get(1)))) {
            return;
          }
        }
      }
      throw new CertificateException("the client certificate names none of client_allowed_sans");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return ca.getAcceptedIssuers();
    }
  }

  /**
   * RequestClientCert and RequireAnyClientCert: a certificate is asked for, not verified (as in
   * Go).
   */
  private static final class AnyClientCertificate extends ClientCertificates {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** The server's certificate and key from the material in force. */
  private static final class CurrentKeys extends X509ExtendedKeyManager {
    private final Supplier<Material> current;

    CurrentKeys(Supplier<Material> current) {
      this.current = current;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return current.get().keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return current.get().keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return current.get().keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return current.get().keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return current.get().keys().getPrivateKey(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null; // a server presents no client certificate
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }
  }

  /** Client certificates checked by the material in force (none asked for: none accepted). */
  private static final class CurrentTrust extends ClientCertificates {
    private final Supplier<Material> current;

    CurrentTrust(Supplier<Material> current) {
      this.current = current;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      X509ExtendedTrustManager trust = current.get().trust();
      if (trust == null) {
        throw new CertificateException("client certificates are not asked for");
      }
      trust.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509ExtendedTrustManager trust = current.get().trust();
      return trust == null ? new X509Certificate[0] : trust.getAcceptedIssuers();
    }
  }
}
