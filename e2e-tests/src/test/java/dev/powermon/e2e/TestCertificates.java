package dev.powermon.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificate authorities and the certificates they sign, made by the JDK's keytool for the test,
 * with their PEM files as a web config names them.
 */
final class TestCertificates {
  private static final String PASS = "changeit";

  private final Path dir;

  TestCertificates(Path dir) {
    this.dir = dir;
  }

  /** A self-signed CA named {@code name}; its certificate is {@code name.pem}. */
  Path authority(String name) throws IOException, InterruptedException {
    keytool(
        "-genkeypair",
        "-alias",
        name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        store(name));
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name), "-file", pem(name));
    return dir.resolve(name + ".pem");
  }

  /**
   * A key pair {@code name} (RSA, or EC when {@code ec}) whose certificate {@code ca} signs for
   * 127.0.0.1 and localhost; {@code name.pem} and {@code name.key} (PKCS#8).
   *
   * @param startDate keytool's -startdate, e.g. "-3d" with a validity of 1 day for an expired one;
   *     null: now
   */
  void signed(String name, String ca, boolean ec, String startDate) throws Exception {
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                name,
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-keystore",
                store(name)));
    gen.addAll(
        ec
            ? List.of("-keyalg", "EC", "-groupname", "secp256r1")
            : List.of("-keyalg", "RSA", "-keysize", "2048"));
    keytool(gen.toArray(String[]::new));
    keytool(
        "-certreq",
        "-alias",
        name,
        "-keystore",
        store(name),
        "-file",
        dir.resolve(name + ".csr").toString());
    List<String> sign =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-alias",
                ca,
                "-keystore",
                store(ca),
                "-rfc",
                "-infile",
                dir.resolve(name + ".csr").toString(),
                "-outfile",
                pem(name),
                "-ext",
                "san=ip:127.0.0.1,dns:localhost,dns:" + name,
                "-validity",
                startDate == null ? "2" : "1"));
    if (startDate != null) {
      sign.addAll(List.of("-startdate", startDate));
    }
    keytool(sign.toArray(String[]::new));
    PrivateKey key = (PrivateKey) load(name).getKey(name, PASS.toCharArray());
    Files.writeString(
        dir.resolve(name + ".key"),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
  }

  /**
   * A client context trusting {@code ca}, presenting the signed certificate {@code client} unless
   * null.
   */
  SSLContext client(String ca, String client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", certificate(ca));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (client != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          client,
          load(client).getKey(client, PASS.toCharArray()),
          PASS.toCharArray(),
          new Certificate[] {certificate(client)});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, PASS.toCharArray());
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  X509Certificate certificate(String name) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private KeyStore load(String name) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".p12"))) {
      store.load(in, PASS.toCharArray());
    }
    return store;
  }

  private String store(String name) {
    return dir.resolve(name + ".p12").toString();
  }

  private String pem(String name) {
    return dir.resolve(name + ".pem").toString();
  }

  private void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12", "-noprompt"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          "keytool "
              + String.join(" ", args)
              + " failed: "
              + new String(output, StandardCharsets.UTF_8));
    }
  }
}
