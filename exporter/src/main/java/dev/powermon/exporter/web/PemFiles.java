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
 * Certificates and a private key from PEM files, as the toolkit takes them (RSA and EC keys in
 * PKCS#8).
 */
final class PemFiles {
  /** A PEM file is a few KiB; a chain of ten certificates stays well below this. */
  private static final int MAX_BYTES = 256 * 1024;

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

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

  /** The private key in {@code file}: {@code BEGIN PRIVATE KEY} (PKCS#8), RSA or EC. */
  static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    for (Block b : blocks(file)) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
              return KeyFactory.getInstance(algorithm)
                  .generatePrivate(new PKCS8EncodedKeySpec(b.der()));
            } catch (GeneralSecurityException e) {
              // not this algorithm: try the next
            }
          }
          throw new GeneralSecurityException(
              file + ": the PRIVATE KEY is not an RSA, EC or Ed25519 key");
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new GeneralSecurityException(
                file
                    + ": a "
                    + b.type()
                    + " (PKCS#1/SEC1); convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in "
                    + file.getFileName()
                    + " -out key.pem");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new GeneralSecurityException(
                file + ": the key is encrypted; the toolkit takes unencrypted keys only");
        default -> {
          // a certificate or parameters beside the key: skip
        }
      }
    }
    throw new GeneralSecurityException(file + " holds no PEM PRIVATE KEY");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException, GeneralSecurityException {
    if (Files.size(file) > MAX_BYTES) {
      throw new GeneralSecurityException(
          file + " is larger than " + MAX_BYTES + " bytes; not a PEM file");
    }
    Matcher m = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    List<Block> out = new ArrayList<>();
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException(file + ": a " + m.group(1) + " block is not base64");
      }
    }
    return out;
  }
}
