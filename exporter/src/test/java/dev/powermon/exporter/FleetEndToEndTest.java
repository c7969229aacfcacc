package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.fleet.ConfigServer;
import dev.powermon.exporter.fleet.ConfigValidator;
import dev.powermon.exporter.fleet.DeviceId;
import dev.powermon.exporter.fleet.DirectoryStore;
import dev.powermon.exporter.fleet.sync.ConfigClient;
import dev.powermon.exporter.fleet.sync.ConfigSync;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.web.ListenAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config server and an exporter, both in this JVM on ephemeral loopback ports, talking real HTTP: the
 * exporter starts from the server's config, falls back to its local file, and follows the server's
 * changes by polling.
 */
class FleetEndToEndTest {
  private static final String TOKEN = "fleet-token";
  private static final DeviceId DEVICE = new DeviceId("plug-1");
  private static final String LOCAL = "collectors:\n  steady:\n    enabled: true\n    watts: 12.5\n";
  private static final String CENTRAL = "collectors:\n  steady:\n    enabled: true\n    watts: 7\n";
  private static final String CHANGED = "collectors:\n  steady:\n    enabled: true\n    watts: 9\n";

  @TempDir Path dir;
  private final Map<String, CollectorProvider> providers = Providers.discover();
  private ConfigServer configServer;
  private Server exporter;
  private ConfigSync sync;
  private Path local;

  @BeforeEach
  void startConfigServer() throws Exception {
    configServer = ConfigServer.start(ListenAddress.parse("test", "127.0.0.1:0"),
        new DirectoryStore(dir.resolve("data")), new ConfigValidator(providers), TOKEN);
    local = dir.resolve("powermon.yml");
    Files.writeString(local, LOCAL);
  }

  @AfterEach
  void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (sync != null) {
      sync.close();
    }
    configServer.close();
  }

  @Test
  void theExporterStartsFromTheServersConfigAndKeepsItAsItsLocalCopy() throws Exception {
    String etag = put(CENTRAL);

    startExporter(configServerUrl());

    assertThat(scrape()).contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 7.0")
        .contains("powermon_config_source{source=\"central\"} 1.0")
        .contains("powermon_config_source{source=\"local\"} 0.0")
        .doesNotContain("powermon_config_server_last_success_timestamp_seconds 0.0");
    assertThat(Files.readString(local)).startsWith(CENTRAL);
    String list = Http.get(admin() + "/api/v1/metrics").body();
    assertThat(list).contains("\"source\":\"central\"").contains("\"etag\":" + new com.fasterxml.jackson.databind
        .ObjectMapper().writeValueAsString(etag));
  }

  @Test
  void withTheServerDownTheExporterStartsFromItsLocalFile() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    startExporter("http://127.0.0.1:" + closedPort);

    assertThat(scrape()).contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 12.5")
        .contains("powermon_config_source{source=\"local\"} 1.0")
        .contains("powermon_config_server_last_success_timestamp_seconds 0.0");
    assertThat(Files.readString(local)).startsWith(LOCAL);
    assertThat(Http.get(admin() + "/api/v1/metrics").body()).contains("\"source\":\"local\"")
        .doesNotContain("\"etag\"");
  }

  @Test
  void aChangePutOnTheServerReachesTheExporterWithinAPoll() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());

    put(CHANGED);

    String changed = "powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 9.0";
    assertThat(eventually(() -> scrape().contains(changed))).isTrue();
    assertThat(Files.readString(local)).startsWith(CHANGED);
    assertThat(scrape()).contains("powermon_config_last_reload_successful 1.0");
  }

  @Test
  void aConfigTheExporterCannotLoadIsNeverHandedToItAndTheRunningOneStays() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());
    String broken = "collectors:\n  steady:\n    watts: -3\n";

    // Through the API it is refused; written into the store behind the server's back, the exporter
    // refuses it itself.
    assertThat(send("PUT", broken).statusCode()).isEqualTo(400);
    Files.writeString(dir.resolve("data").resolve("plug-1.yaml"), broken);

    assertThat(eventually(() -> scrape().contains("powermon_config_last_reload_successful 0.0"))).isTrue();
    assertThat(scrape()).contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 7.0");
    assertThat(Files.readString(local)).startsWith(CENTRAL);
  }

  private void startExporter(String serverUrl) {
    ConfigClient client = new ConfigClient(URI.create(serverUrl), DEVICE, TOKEN, Duration.ofSeconds(2));
    sync = new ConfigSync(client, DEVICE, local, new ConfigValidator(providers), Duration.ofMillis(200));
    sync.fetchAtStart();
    exporter = Server.start(Cli.setup(providers, "--config.file=" + local, "--web.listen-address=127.0.0.1:0",
        "--web.admin-address=127.0.0.1:0"), sync);
    sync.startPolling(exporter::reload, exporter::configRefused);
  }

  private String configServerUrl() {
    return "http://127.0.0.1:" + configServer.port();
  }

  private String admin() {
    return "http://127.0.0.1:" + exporter.adminAddress().getPort();
  }

  private String scrape() throws Exception {
    return Http.get("http://127.0.0.1:" + exporter.port() + "/metrics").body();
  }

  private String put(String yaml) throws Exception {
    var r = send("PUT", yaml);
    assertThat(r.statusCode()).isBetween(200, 201);
    return r.headers().firstValue("ETag").orElseThrow();
  }

  private java.net.http.HttpResponse<String> send(String method, String yaml) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(URI.create(configServerUrl() + "/config/" + DEVICE))
            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(yaml, StandardCharsets.UTF_8))
            .build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /** Polls {@code condition} for up to 15 s (bounded), every 50 ms; whether it became true. */
  static boolean eventually(Check condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.holds();
  }

  interface Check {
    boolean holds() throws Exception;
  }
}
