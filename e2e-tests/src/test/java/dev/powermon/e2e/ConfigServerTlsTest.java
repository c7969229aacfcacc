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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code powermon config-server --web.config.file} on the real JAR, with certificates keytool
 * makes: TLS and basic auth beside the bearer token, a reload that rotates the certificate and the
 * users, and an exporter (the real JAR too) that fetches its config over TLS with {@code
 * --config.server.ca-file} and the token.
 */
class ConfigServerTlsTest {
  private static final String TOKEN = "fleet-token-e2e";
  private static final String USER = "operator";
  private static final String PASSWORD = "tls and basic auth";
  private static final String CENTRAL = "log:\n  level: info\n";

  @Test
  void tlsBasicAuthAndTokenThenAnExporterFetchesOverTls(@TempDir Path dir) throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    certs.authority("ca");
    certs.signed("server", "ca", false, null);
    certs.signed("server-ec", "ca", true, null);
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path web = dir.resolve("web.yml");
    writeWebConfig(web, "server", USER, PASSWORD);
    String address = "127.0.0.1:" + FreePort.pick(1).get(0);
    String base = "https://" + address;
    HttpClient trusting = client(certs.client("ca", null));

    try (ChildProcess server = configServer(dir, address, web, "--auth.token-file=" + token)) {
      awaitAnswer(trusting, base + "/config", basic(USER, PASSWORD), server);
      assertThat(server.output())
          .contains("TLS")
          .contains("bearer token or basic auth (1 user(s) of --web.config.file) required");

      // the token writes, a user reads; plain HTTP and an untrusted client are turned away
      assertThat(send(trusting, "PUT", base + "/config/box", bearer(TOKEN), CENTRAL).statusCode())
          .isEqualTo(201);
      assertThat(send(trusting, "GET", base + "/config/box", basic(USER, PASSWORD), null).body())
          .isEqualTo(CENTRAL);
      assertThat(
              send(trusting, "GET", base + "/config/box", basic(USER, "wrong"), null).statusCode())
          .isEqualTo(401);
      assertThatThrownBy(
              () ->
                  send(
                      HttpClient.newHttpClient(),
                      "GET",
                      "http://" + address + "/config/box",
                      bearer(TOKEN),
                      null))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(
              () ->
                  send(
                      HttpClient.newHttpClient(), "GET", base + "/config/box", bearer(TOKEN), null))
          .as("the JVM's roots do not trust the test CA")
          .isInstanceOf(IOException.class);

      // an exporter pointed at it over TLS runs the server's config and keeps it as its local copy
      assertExporterRunsTheServersConfig(dir, base, "--config.server.token-file=" + token);

      // a reload rotates the certificate (to EC) and the users, without a restart
      writeWebConfig(web, "server-ec", "someone-else", "new password");
      assertThat(send(trusting, "POST", base + "/-/reload", bearer(TOKEN), "").statusCode())
          .isEqualTo(200);
      HttpClient fresh = client(certs.client("ca", null)); // a new connection: a new handshake
      HttpResponse<String> after =
          send(fresh, "GET", base + "/config", basic("someone-else", "new password"), null);
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(
              ((X509Certificate) after.sslSession().orElseThrow().getPeerCertificates()[0])
                  .getPublicKey()
                  .getAlgorithm())
          .isEqualTo("EC");
      assertThat(send(trusting, "GET", base + "/config", basic(USER, PASSWORD), null).statusCode())
          .isEqualTo(401);

      // a broken web config keeps the running one, and says why
      Files.writeString(web, "basic_auth_users:\n  x: plaintext\n");
      HttpResponse<String> broken = send(trusting, "POST", base + "/-/reload", bearer(TOKEN), "");
      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(broken.body()).contains("not a bcrypt hash");
      assertThat(
              send(trusting, "GET", base + "/config", basic("someone-else", "new password"), null)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anExporterPresentsAClientCertificateAndABasicAuthUserWhenTheServerAsksForThem(
      @TempDir Path dir) throws Exception {
    TestCertificates certs = new TestCertificates(dir);
    certs.authority("ca");
    certs.signed("server", "ca", false, null);
    certs.signed("exporter", "ca", true, null);
    Path web = dir.resolve("web.yml");
    writeWebConfig(web, "server", USER, PASSWORD);
    Files.writeString(
        web,
        Files.readString(web)
            .replace(
                "  key_file: server.key\n",
                "  key_file: server.key\n  client_auth_type: RequireAndVerifyClientCert\n"
                    + "  client_ca_file: ca.pem\n"));
    Path password = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    String address = "127.0.0.1:" + FreePort.pick(1).get(0);
    String base = "https://" + address;
    HttpClient withCertificate = client(certs.client("ca", "exporter"));

    try (ChildProcess server = configServer(dir, address, web, "--auth.disabled")) {
      awaitAnswer(withCertificate, base + "/config", basic(USER, PASSWORD), server);
      assertThat(
              send(withCertificate, "PUT", base + "/config/box", basic(USER, PASSWORD), CENTRAL)
                  .statusCode())
          .isEqualTo(201);
      assertThatThrownBy(
              () ->
                  send(
                      client(certs.client("ca", null)),
                      "GET",
                      base + "/config/box",
                      basic(USER, PASSWORD),
                      null))
          .as("no client certificate")
          .isInstanceOf(IOException.class);

      assertExporterRunsTheServersConfig(
          dir,
          base,
          "--config.server.cert-file=" + dir.resolve("exporter.pem"),
          "--config.server.key-file=" + dir.resolve("exporter.key"),
          "--config.server.username=" + USER,
          "--config.server.password-file=" + password);
    }
  }

  @Test
  void aMissingCaFileIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path local = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");

    Command.Result r =
        Command.run(
            dir,
            java(
                "--config.file=" + local,
                "--config.server=https://127.0.0.1:" + FreePort.pick(1).get(0),
                "--config.server.ca-file=" + dir.resolve("missing.pem")));

    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output()).contains("--config.server.ca-file").doesNotContain("\tat ");
  }

  /**
   * Starts the exporter JAR against the server at {@code base} (trusting the test CA) with {@code
   * credentials}; it runs device box's config and keeps it as its local copy.
   */
  private static void assertExporterRunsTheServersConfig(
      Path dir, String base, String... credentials) throws Exception {
    Path local = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: warn\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--collector=host",
                "--config.server=" + base,
                "--config.server.ca-file=" + dir.resolve("ca.pem"),
                "--config.device-id=box"));
    args.addAll(List.of(credentials));
    try (PowermonJar exporter = PowermonJar.start(dir, local, args)) {
      assertThat(exporter.scrape()).contains("powermon_config_source{source=\"central\"} 1.0");
      assertThat(Files.readString(local)).startsWith(CENTRAL);
    }
  }

  /** The config-server JAR on {@code address} with {@code web} and {@code auth}, data in dir. */
  private static ChildProcess configServer(Path dir, String address, Path web, String auth)
      throws IOException {
    return ChildProcess.start(
        "config-server",
        java(
            "config-server",
            "--data-dir=" + dir.resolve("data"),
            "--web.listen-address=" + address,
            "--web.config.file=" + web,
            auth),
        dir);
  }

  private static void writeWebConfig(Path web, String cert, String user, String password)
      throws IOException {
    String hash = BCrypt.withDefaults().hashToString(10, password.toCharArray());
    Files.writeString(
        web,
        """
        tls_server_config:
          cert_file: %s.pem
          key_file: %s.key
        basic_auth_users:
          %s: %s
        """
            .formatted(cert, cert, user, hash));
  }

  private static List<String> java(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(PowermonJar.JVM_FLAGS);
    command.addAll(List.of("-jar", PowermonJar.jar().toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Waits (bounded, 60 s) until the server answers {@code url} with 200. */
  private static void awaitAnswer(
      HttpClient client, String url, String authorization, ChildProcess server) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      try {
        if (send(client, "GET", url, authorization, null).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the config server did not answer\n" + server.tail());
  }

  private static HttpClient client(javax.net.ssl.SSLContext tls) {
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> send(
      HttpClient client, String method, String url, String authorization, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", authorization)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
