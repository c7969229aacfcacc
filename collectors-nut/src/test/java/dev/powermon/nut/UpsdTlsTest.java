package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS against Debian's real upsd, serving a certificate from its NSS database. */
class UpsdTlsTest {
  @TempDir static Path dir;
  static UpsdCertificate certificate;
  static Upsd withTls;
  static Upsd plain;

  @BeforeAll
  static void start() throws Exception {
    certificate = UpsdCertificate.create(dir.resolve("cert"));
    withTls =
        new Upsd(
                Files.createDirectories(dir.resolve("tls")),
                Map.of("rack", "ups.status: OL\nups.realpower: 321\n"))
            .tls(certificate.nssDir(), UpsdCertificate.IDENT, UpsdCertificate.DB_PASSWORD)
            .start();
    plain =
        new Upsd(
                Files.createDirectories(dir.resolve("plain")),
                Map.of("rack", "ups.status: OL\nups.realpower: 5\n"))
            .start();
  }

  @AfterAll
  static void stop() throws Exception {
    withTls.close();
    plain.close();
  }

  private static TestContext context(Upsd upsd, Path caFile) {
    return TestContext.forProvider(new NutProvider())
        .setting("target", upsd.target())
        .setting("interval", "1h")
        .setting("starttls", "true")
        .setting("ca-file", caFile.toString())
        .build();
  }

  @Test
  void readsOverTlsWhenTheCertificateChainsToTheCaFile() throws Exception {
    try (TestContext ctx = context(withTls, certificate.pem());
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_nut_scrape_success", "target", withTls.target()))
          .isEqualTo(1);
      assertThat(ctx.readings("nut").last("rack@" + withTls.target(), "total").watts())
          .isCloseTo(321, within(1e-9));
    }
  }

  @Test
  void aCertificateFromAnotherIssuerIsRefused() throws Exception {
    UpsdCertificate other = UpsdCertificate.create(dir.resolve("other"));
    try (TestContext ctx = context(withTls, other.pem());
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_nut_scrape_success", "target", withTls.target()))
          .isEqualTo(0);
      assertThat(ctx.readings("nut").all()).isEmpty();
      assertThat(c.summary())
          .singleElement()
          .asString()
          .contains(
              "unreachable: TLS with upsd failed: its certificate does not chain to collectors.nut.ca-file");
    }
  }

  @Test
  void aUpsdWithoutACertificateFailsInsteadOfAnsweringInPlainText() throws Exception {
    try (TestContext ctx = context(plain, certificate.pem());
        NutCollector c = NutCollector.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_nut_scrape_success", "target", plain.target()))
          .isEqualTo(0);
      assertThat(c.summary())
          .singleElement()
          .asString()
          .contains("ERR FEATURE-NOT-CONFIGURED to STARTTLS");
    }
  }
}
