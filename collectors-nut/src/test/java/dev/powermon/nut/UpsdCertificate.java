package dev.powermon.nut;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1, made with openssl, as a PEM file for the client to trust
 * and in an NSS database for Debian's upsd (certutil and pk12util, Debian's libnss3-tools).
 */
final class UpsdCertificate {
  static final String IDENT = "upsd";
  static final String DB_PASSWORD = "nss-db-pw";

  private final Path pem;
  private final Path nssDir;

  private UpsdCertificate(Path pem, Path nssDir) {
    this.pem = pem;
    this.nssDir = nssDir;
  }

  static UpsdCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path key = dir.resolve("key.pem");
    Path pem = dir.resolve("cert.pem");
    run(
        dir,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        pem.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1");
    Path p12 = dir.resolve("upsd.p12");
    run(
        dir,
        "openssl",
        "pkcs12",
        "-export",
        "-in",
        pem.toString(),
        "-inkey",
        key.toString(),
        "-out",
        p12.toString(),
        "-name",
        IDENT,
        "-passout",
        "pass:p12");
    Path nss = Files.createDirectories(dir.resolve("nss"));
    Path password = Files.writeString(dir.resolve("nss-password"), DB_PASSWORD + "\n");
    run(dir, "certutil", "-N", "-d", "sql:" + nss, "-f", password.toString());
    run(
        dir,
        "pk12util",
        "-i",
        p12.toString(),
        "-d",
        "sql:" + nss,
        "-k",
        password.toString(),
        "-W",
        "p12");
    return new UpsdCertificate(pem, nss);
  }

  Path pem() {
    return pem;
  }

  Path nssDir() {
    return nssDir;
  }

  private static void run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(command[0] + ".log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException(
          String.join(" ", command) + " failed; see " + dir.resolve(command[0] + ".log"));
    }
  }
}
