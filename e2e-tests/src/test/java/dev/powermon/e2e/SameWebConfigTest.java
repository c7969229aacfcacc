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
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One web config file, the one docs/security.md shows (paths and hash swapped for the test's), for
 * Debian's node_exporter and powermon: TLS with a PKCS#1 key as openssl writes it ({@code genrsa
 * -traditional}) and bcrypt basic auth. A real Prometheus scrapes both with one {@code tls_config}
 * and one {@code basic_auth}; both targets are up.
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
    Path web = Files.writeString(dir.resolve("web.yml"), documentedWebConfig(hash));
    Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD);
    String node = "127.0.0.1:" + FreePort.pick(1).get(0);

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
        PowermonJar powermon = PowermonJar.startBehindWebConfig(dir, web);
        PrometheusServer prometheus =
            PrometheusServer.start(
                "global: {scrape_interval: 1s}\n"
                    + documented("scrape_configs:")
                        .replace(
                            "/etc/prometheus/powermon-ca.crt", dir.resolve("server.crt").toString())
                        .replace("/etc/prometheus/powermon.password", passwordFile.toString())
                        .replace(
                            "['host.example.org:9100']",
                            "['" + node + "', '" + powermon.target() + "']"),
                Files.createDirectories(dir.resolve("prom")))) {
      Map<String, String> up = awaitBothUp(prometheus);
      System.out.printf("one web config (TLS with a PKCS#1 key, bcrypt basic auth): up %s%n", up);
      assertThat(up)
          .as(prometheus.log() + "\n" + nodeExporter.tail() + "\n" + powermon.log())
          .containsEntry(node, "1")
          .containsEntry(powermon.target(), "1");
    }
  }

  /**
   * The web config file docs/security.md shows, as written, with the certificate files of this test
   * and a hash of this test's password.
   */
  private static String documentedWebConfig(String hash) throws Exception {
    String ours =
        documented("# web.yml")
            .replace("/etc/powermon/tls/server.crt", "server.crt")
            .replace("/etc/powermon/tls/server.key", "server.key")
            .replaceAll(
                "(?m)^(  prometheus: )\\$2y\\$\\S+$", "$1" + Matcher.quoteReplacement(hash));
    assertThat(ours).contains("cert_file: server.crt", "key_file: server.key", hash);
    return ours;
  }

  /** The YAML block of docs/security.md whose first line starts with {@code firstLine}. */
  private static String documented(String firstLine) throws Exception {
    String doc = Files.readString(Repo.root().resolve("docs/security.md"));
    int start = doc.indexOf("```yaml\n" + firstLine);
    assertThat(start).as("docs/security.md shows " + firstLine).isNotNegative();
    return doc.substring(doc.indexOf('\n', start) + 1, doc.indexOf("```", start + 7));
  }

  /** up{job="powermon"} per instance, once both are 1 or after 60 s. */
  private static Map<String, String> awaitBothUp(PrometheusServer prometheus) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    Map<String, String> up = new TreeMap<>();
    while (Instant.now().isBefore(deadline)) {
      up.clear();
      for (JsonNode r : prometheus.api.query("up{job=\"powermon\"}")) {
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
