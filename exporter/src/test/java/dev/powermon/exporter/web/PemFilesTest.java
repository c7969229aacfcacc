package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys as Go's tls.X509KeyPair (node_exporter) takes them, made by openssl: PKCS#1 from
 * {@code genrsa -traditional}, SEC1 from {@code ecparam -genkey}, each the same key as its PKCS#8
 * form; encrypted keys and broken DER are refused with one line naming the file.
 */
class PemFilesTest {
  @TempDir Path dir;

  @Test
  void aPkcs1RsaKeyIsTheSameKeyAsItsPkcs8Form() throws Exception {
    Path traditional = openssl("rsa.key", "genrsa", "-traditional", "2048");
    assertThat(Files.readString(traditional)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    Path pkcs8 = openssl("rsa8.key", "pkcs8", "-topk8", "-nocrypt", "-in", traditional.toString());

    PrivateKey key = PemFiles.privateKey(traditional);

    assertThat(key.getAlgorithm()).isEqualTo("RSA");
    assertThat(key.getEncoded()).isEqualTo(PemFiles.privateKey(pkcs8).getEncoded());
  }

  @Test
  void aSec1EcKeyAfterItsParametersIsTheSameKeyAsItsPkcs8Form() throws Exception {
    Path sec1 = openssl("ec.key", "ecparam", "-genkey", "-name", "secp384r1");
    assertThat(Files.readString(sec1))
        .startsWith("-----BEGIN EC PARAMETERS-----")
        .contains("-----BEGIN EC PRIVATE KEY-----");
    Path pkcs8 = openssl("ec8.key", "pkcs8", "-topk8", "-nocrypt", "-in", sec1.toString());

    ECPrivateKey key = (ECPrivateKey) PemFiles.privateKey(sec1);
    ECPrivateKey expected = (ECPrivateKey) PemFiles.privateKey(pkcs8);

    assertThat(key.getS()).isEqualTo(expected.getS());
    assertThat(key.getParams().getCurve()).isEqualTo(expected.getParams().getCurve());
    assertThat(key.getParams().getOrder().bitLength()).isEqualTo(384);
  }

  @Test
  void encryptedKeysAreRefusedWithTheCommandThatDecryptsThem() throws Exception {
    Path legacy = openssl("legacy.key", "genrsa", "-traditional", "-aes128", "-passout", "pass:x");
    assertThat(Files.readString(legacy)).contains("Proc-Type: 4,ENCRYPTED");
    Path pkcs8 =
        openssl(
            "enc8.key",
            "pkcs8",
            "-topk8",
            "-passout",
            "pass:x",
            "-in",
            openssl("plain.key", "genrsa", "2048").toString());

    for (Path encrypted : List.of(legacy, pkcs8)) {
      assertThatThrownBy(() -> PemFiles.privateKey(encrypted))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessage(
              encrypted
                  + ": the key is encrypted, and a web config has no passphrase; decrypt it with:"
                  + " openssl pkey -in "
                  + encrypted.getFileName()
                  + " -out key.pem");
    }
  }

  @Test
  void anEcKeyWithoutANamedCurveIsRefused() throws Exception {
    Path explicit = openssl("explicit.key", "ecparam", "-genkey", "-name", "prime256v1", "-noout");
    byte[] der = der(explicit);
    // Drop the [0] curve field (and the [1] public key after it): version and private value only.
    byte[] bare = new byte[2 + 3 + 2 + 32];
    bare[0] = 0x30;
    bare[1] = (byte) (bare.length - 2);
    System.arraycopy(der, 2, bare, 2, bare.length - 2);
    Path file = pem("bare.key", "EC PRIVATE KEY", bare);

    assertThatThrownBy(() -> PemFiles.privateKey(file))
        .hasMessage(
            file
                + ": the EC PRIVATE KEY names no curve;"
                + " write it with openssl ec -param_enc named_curve");
  }

  @Test
  void truncatedOversizedOrWronglyTypedDerIsRefusedNamingTheFile() throws Exception {
    byte[] rsa = der(openssl("rsa.key", "genrsa", "-traditional", "2048"));
    byte[] truncated = Arrays.copyOf(rsa, 40);
    byte[] ecTruncated =
        Arrays.copyOf(
            der(openssl("ec.key", "ecparam", "-genkey", "-name", "prime256v1", "-noout")), 20);
    byte[] hugeLength = {0x30, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x02};
    byte[] notASequence = {0x04, 0x01, 0x00};

    assertThatThrownBy(() -> PemFiles.privateKey(pem("t.key", "RSA PRIVATE KEY", truncated)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageStartingWith(dir.resolve("t.key").toString());
    assertThatThrownBy(() -> PemFiles.privateKey(pem("e.key", "EC PRIVATE KEY", ecTruncated)))
        .hasMessage(dir.resolve("e.key") + ": the key's DER is truncated");
    assertThatThrownBy(() -> PemFiles.privateKey(pem("h.key", "EC PRIVATE KEY", hugeLength)))
        .hasMessage(dir.resolve("h.key") + ": the key's DER is truncated");
    assertThatThrownBy(() -> PemFiles.privateKey(pem("n.key", "RSA PRIVATE KEY", notASequence)))
        .hasMessage(dir.resolve("n.key") + ": an RSA PRIVATE KEY is not DER of the expected form");
    assertThatThrownBy(() -> PemFiles.privateKey(pem("w.key", "EC PRIVATE KEY", rsa)))
        .hasMessage(
            dir.resolve("w.key")
                + ": the EC PRIVATE KEY's private value is not DER of the"
                + " expected form");
  }

  private Path pem(String name, String type, byte[] der) throws IOException {
    return Files.writeString(
        dir.resolve(name),
        "-----BEGIN "
            + type
            + "-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END "
            + type
            + "-----\n");
  }

  /** The DER of the last PEM block in {@code file}. */
  private static byte[] der(Path file) throws IOException {
    String text = Files.readString(file);
    int begin = text.lastIndexOf("-----BEGIN");
    String body = text.substring(text.indexOf('\n', begin) + 1, text.lastIndexOf("-----END"));
    return Base64.getMimeDecoder().decode(body);
  }

  /** Runs {@code openssl command -out name args}; the file it wrote. */
  private Path openssl(String name, String command, String... args) throws Exception {
    Path out = dir.resolve(name);
    List<String> line = new ArrayList<>(List.of("openssl", command, "-out", out.toString()));
    line.addAll(List.of(args));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    return out;
  }
}
