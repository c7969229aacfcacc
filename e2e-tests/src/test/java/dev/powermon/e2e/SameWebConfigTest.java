package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One web config file, the one docs/security.md shows, for Debian's node_exporter and powermon: TLS
 * with a PKCS#1 key as openssl writes it ({@code genrsa -traditional}) and bcrypt basic auth. A
 * real Prometheus scrapes both with one {@code tls_config} and one {@code basic_auth}; both targets
 * are up.
 */
class SameWebConfigTest {
  private static final String NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";
  private static final String PASSWORD = "one password for both";

  @Test
  void nodeExporterAndPowermonServeTheSameFile(@TempDir Path dir) throws Exception {
    openssl(dir, "genrsa", "-traditional", "-out", "server.key", "2048");
    openssl(
        dir,
        "req",
        "-x509",
        "-new",
        "-key",
        "server.key",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-days",
        "2",
        "-out",
        "server.crt");
    assertThat(Files.readString(dir.resolve("server.key")))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    String hash = BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray());
    Path web =
        Files.writeString(
            dir.resolve("web.yml"),
            """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              min_version: TLS12
            http_server_config:
              headers:
                Strict-Transport-Security: max-age=31536000
            basic_auth_users:
              prometheus: %s
            """
                .formatted(hash));
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD);
    String node = "127.0.0.1:" + FreePort.pick();

    try (ChildProcess nodeExporter =
            ChildProcess.start(
                "node_exporter",
                List.of(
                    NODE_EXPORTER,
                    "--web.listen-address=" + node,
                    "--web.config.file=" + web,
                    "--collector.disable-defaults",
                    "--collector.loadavg"),
                dir);
        PowermonJar powermon =
            PowermonJar.startSecured(
                dir,
                config,
                List.of(
                    "--collector=host",
                    "--web.config.file=" + web,
                    "--web.admin.config.file=" + Files.writeString(dir.resolve("admin.yml"), "")));
        PrometheusServer prometheus =
            PrometheusServer.start(
                """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: both
                    scheme: https
                    tls_config: {ca_file: %s}
                    basic_auth: {username: prometheus, password_file: %s}
                    static_configs: [{targets: ['%s', '%s']}]
                """
                    .formatted(dir.resolve("server.crt"), passwordFile, node, powermon.target()),
                Files.createDirectories(dir.resolve("prom")))) {
      Map<String, String> up = awaitBothUp(prometheus);
      System.out.printf("one web config (TLS with a PKCS#1 key, bcrypt basic auth): up %s%n", up);
      assertThat(up)
          .as(prometheus.log() + "\n" + nodeExporter.tail() + "\n" + powermon.log())
          .containsEntry(node, "1")
          .containsEntry(powermon.target(), "1");
    }
  }

  /** up{job="both"} per instance, once both are 1 or after 60 s. */
  private static Map<String, String> awaitBothUp(PrometheusServer prometheus) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    Map<String, String> up = new TreeMap<>();
    while (Instant.now().isBefore(deadline)) {
      up.clear();
      for (JsonNode r : prometheus.api.query("up{job=\"both\"}")) {
        up.put(r.path("metric").path("instance").asText(), r.path("value").get(1).asText());
      }
      if (up.size() == 2 && up.values().stream().allMatch("1"::equals)) {
        return up;
      }
      Thread.sleep(500);
    }
    return up;
  }

  private static void openssl(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
  }
}
