package dev.powermon.exporter.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and a private key from PEM files, as the toolkit takes them: RSA and EC keys in
 * PKCS#8, PKCS#1 or SEC1, unencrypted.
 */
final class PemFiles {
  /** A PEM file is a few KiB; a chain of ten certificates stays well below this. */
  private static final int MAX_BYTES = 256 * 1024;

  /** RFC 1421 headers ({@code Proc-Type: 4,ENCRYPTED}) may precede the base64 of a legacy key. */
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z ]+)-----\\s*((?:[A-Za-z-]+:[^\\n]*\\n)*)"
              + "([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemFiles() {}

  /** Every certificate in {@code file}, in order (leaf first for a chain). */
  static List<X509Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(file)) {
      if (b.type().equals("CERTIFICATE")) {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException(file + " holds no PEM CERTIFICATE");
    }
    return out;
  }

  /**
   * The private key in {@code file}, as Go's {@code tls.X509KeyPair} reads it: {@code BEGIN PRIVATE
   * KEY} (PKCS#8: RSA, EC or Ed25519), {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC
   * PRIVATE KEY} (SEC1). An encrypted key is refused: there is no passphrase to give.
   */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    for (Block b : blocks(file)) {
      if (b.encrypted() || b.type().equals("ENCRYPTED PRIVATE KEY")) {
        throw new GeneralSecurityException(
            file
                + ": the key is encrypted, and a web config has no passphrase; decrypt it with:"
                + " openssl pkey -in "
                + file.getFileName()
                + " -out key.pem");
      }
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(file, b.der(), List.of("RSA", "EC", "Ed25519"));
        }
        case "RSA PRIVATE KEY" -> {
          return pkcs8(file, rewrapped(file, b), List.of("RSA"));
        }
        case "EC PRIVATE KEY" -> {
          return pkcs8(file, rewrapped(file, b), List.of("EC"));
        }
        default -> {
          // a certificate or parameters beside the key: skip
        }
      }
    }
    throw new GeneralSecurityException(file + " holds no PEM PRIVATE KEY");
  }

  private static byte[] rewrapped(Path file, Block b) throws GeneralSecurityException {
    try {
      return b.type().startsWith("RSA") ? Pkcs8.fromPkcs1(b.der()) : Pkcs8.fromSec1(b.der());
    } catch (GeneralSecurityException e) {
      throw new GeneralSecurityException(file + ": " + e.getMessage());
    }
  }

  private static PrivateKey pkcs8(Path file, byte[] der, List<String> algorithms)
      throws GeneralSecurityException {
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new GeneralSecurityException(
        file + ": the private key is not a readable " + String.join(", ", algorithms) + " key");
  }

  /** One PEM block; {@code encrypted} when its headers say {@code Proc-Type: 4,ENCRYPTED}. */
  private record Block(String type, boolean encrypted, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
    if (Files.size(file) > MAX_BYTES) {
      throw new GeneralSecurityException(
          file + " is larger than " + MAX_BYTES + " bytes; not a PEM file");
    }
    Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    List<Block> out = new ArrayList<>();
    while (m.find()) {
      try {
        out.add(
            new Block(
                m.group(1),
                m.group(2).contains("ENCRYPTED"),
                Base64.getMimeDecoder().decode(m.group(3))));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException(file + ": a " + m.group(1) + " block is not base64");
      }
    }
    return out;
  }
}
