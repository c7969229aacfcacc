package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --web.config.file} on the real JAR, with certificates keytool makes: a real Prometheus
 * scrapes over TLS with basic auth; wrong and missing passwords, TLS 1.1, client certificates from
 * another CA or expired are refused; a broken file on reload keeps the running settings; a rotated
 * certificate is served after a reload without a restart; a changed file is read without a signal.
 */
class WebConfigTest {
  private static final String USER = "prometheus";
  private static final String PASSWORD = "correct horse battery staple";

  @Test
  void tlsAndBasicAuthThenClientCertificatesAfterAReload(@TempDir Path dir) throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    certs.authority("ca");
    certs.authority("other-ca");
    certs.signed("server", "ca", false, null);
    certs.signed("server-ec", "ca", true, null);
    certs.signed("client", "ca", true, null);
    certs.signed("stranger", "other-ca", true, null);
    certs.signed("expired", "ca", true, "-3d");
    String hash = BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray());
    Path web =
        Files.writeString(
            dir.resolve("web.yml"),
            """
        tls_server_config:
          cert_file: server.pem
          key_file: server.key
          min_version: TLS12
        http_server_config:
          headers:
            X-Frame-Options: deny
        basic_auth_users:
          %s: %s
        """
                .formatted(USER, hash));

    try (PowermonJar powermon = PowermonJar.startBehindWebConfig(dir, web)) {
      String url = "https://" + powermon.target() + "/metrics";
      HttpClient trusting = client(certs.client("ca", null));

      // a real Prometheus with its own scrape_config
      try (PrometheusServer prometheus =
          PrometheusServer.start(
              """
          global: {scrape_interval: 1s}
          scrape_configs:
            - job_name: powermon
              scheme: https
              tls_config: {ca_file: %s}
              basic_auth: {username: %s, password: '%s'}
              static_configs: [{targets: ['%s']}]
          """
                  .formatted(dir.resolve("ca.pem"), USER, PASSWORD, powermon.target()),
              Files.createDirectories(dir.resolve("prom")))) {
        assertThat(awaitUp(prometheus)).as(prometheus.log()).isEqualTo("1");
      }

      HttpResponse<String> good =
          trusting.send(get(url, USER, PASSWORD), HttpResponse.BodyHandlers.ofString());
      assertThat(good.statusCode()).isEqualTo(200);
      assertThat(good.headers().firstValue("X-Frame-Options")).hasValue("deny");
      assertThat(
              trusting
                  .send(get(url, USER, "wrong"), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      assertThat(
              trusting
                  .send(get(url, "nobody", PASSWORD), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> none =
          trusting.send(get(url, null, null), HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Basic realm=\"powermon\"");
      assertThat(openssl(powermon.target(), "-tls1_1"))
          .as("TLS 1.1 with min_version TLS12")
          .isNotZero();
      assertThat(openssl(powermon.target(), "-tls1_2")).as("TLS 1.2").isZero();
      long cached = timeScrapes(trusting, url);

      // a broken file keeps the running settings
      Files.writeString(
          web, "tls_server_config:\n  cert_file: server.pem\n  key_file: server.key\n  typo: 1\n");
      assertThat(reload(powermon)).isEqualTo(500);
      assertThat(
              trusting.send(get(url, USER, PASSWORD), HttpResponse.BodyHandlers.ofString()).body())
          .contains("powermon_web_config_last_reload_successful 0.0");

      // client certificates from the CA, and a rotated (EC) server certificate, without a restart
      Files.writeString(
          web,
          """
          tls_server_config:
            cert_file: server-ec.pem
            key_file: server-ec.key
            client_auth_type: RequireAndVerifyClientCert
            client_ca_file: ca.pem
            client_allowed_sans: [client, expired]
          """);
      assertThat(reload(powermon)).isEqualTo(200);
      HttpResponse<String> withCert =
          client(certs.client("ca", "client"))
              .send(get(url, null, null), HttpResponse.BodyHandlers.ofString());
      assertThat(withCert.statusCode()).isEqualTo(200);
      assertThat(withCert.body()).contains("powermon_web_config_last_reload_successful 1.0");
      assertThat(
              ((X509Certificate) withCert.sslSession().orElseThrow().getPeerCertificates()[0])
                  .getPublicKey()
                  .getAlgorithm())
          .isEqualTo("EC");
      for (String refused : List.of("stranger", "expired")) {
        assertThatThrownBy(
                () ->
                    client(certs.client("ca", refused))
                        .send(get(url, null, null), HttpResponse.BodyHandlers.ofString()))
            .as(refused)
            .isInstanceOf(IOException.class);
      }
      // a new connection: settings apply to connections made after the reload
      assertThatThrownBy(
              () ->
                  client(certs.client("ca", null))
                      .send(get(url, null, null), HttpResponse.BodyHandlers.ofString()))
          .as("no client certificate")
          .isInstanceOf(IOException.class);
      System.out.printf(
          "web config: 20 scrapes with cached good credentials took %d ms in all%n", cached);
    }
  }

  @Test
  void aChangedFileIsReadWithoutASignal(@TempDir Path dir) throws Exception {
    Path web = Files.writeString(dir.resolve("web.yml"), users(PASSWORD));
    try (PowermonJar powermon = PowermonJar.startBehindWebConfig(dir, web)) {
      String url = "http://" + powermon.target() + "/metrics";
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThat(status(plain, url, PASSWORD)).isEqualTo(200);

      Files.writeString(web, users("rotated"));
      Instant deadline = Instant.now().plusSeconds(15); // the file is looked at every second
      while (status(plain, url, "rotated") != 200 && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }

      assertThat(status(plain, url, "rotated")).as(powermon.log()).isEqualTo(200);
      assertThat(status(plain, url, PASSWORD)).isEqualTo(401);
      assertThat(powermon.output()).contains("web config changed on disk");
    }
  }

  private static String users(String password) {
    return "basic_auth_users:\n  "
        + USER
        + ": "
        + BCrypt.withDefaults().hashToString(4, password.toCharArray())
        + "\n";
  }

  private static int status(HttpClient client, String url, String password) throws Exception {
    return client
        .send(get(url, USER, password), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String awaitUp(PrometheusServer prometheus) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    String up = "";
    while (Instant.now().isBefore(deadline)) {
      List<com.fasterxml.jackson.databind.JsonNode> r =
          prometheus.api.query("up{job=\"powermon\"}");
      if (!r.isEmpty()) {
        up = r.get(0).path("value").get(1).asText();
        if (up.equals("1")) {
          return up;
        }
      }
      Thread.sleep(500);
    }
    return up;
  }

  private static long timeScrapes(HttpClient client, String url) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      assertThat(
              client
                  .send(get(url, USER, PASSWORD), HttpResponse.BodyHandlers.discarding())
                  .statusCode())
          .isEqualTo(200);
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  private static int reload(PowermonJar powermon) throws Exception {
    return RawHttp.status(powermon.adminTarget(), RawHttp.withBody("POST", "/-/reload", ""));
  }

  /**
   * openssl s_client's exit code for a handshake at {@code version} (security level 0, so 1.1 is
   * tried).
   */
  private static int openssl(String target, String version) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl", "s_client", "-connect", target, version, "-cipher", "DEFAULT@SECLEVEL=0")
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static HttpClient client(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpRequest get(String url, String user, String password) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (user != null) {
      b.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return b.build();
  }
}
