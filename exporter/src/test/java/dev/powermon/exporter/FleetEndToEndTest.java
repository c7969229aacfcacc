package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.fleet.ConfigServer;
import dev.powermon.exporter.fleet.ConfigStore;
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
 * A config server and an exporter, both in this JVM on ephemeral loopback ports, talking real HTTP:
 * the exporter starts from the server's config, falls back to its local file, and follows the
 * server's changes by polling.
 */
class FleetEndToEndTest {
  private static final String TOKEN = "fleet-token";
  private static final DeviceId DEVICE = new DeviceId("plug-1");
  private static final String LOCAL =
      "collectors:\n  steady:\n    enabled: true\n    watts: 12.5\n";
  private static final String CENTRAL = "collectors:\n  steady:\n    enabled: true\n    watts: 7\n";
  private static final String CHANGED = "collectors:\n  steady:\n    enabled: true\n    watts: 9\n";

  @TempDir Path dir;
  private final Map<String, CollectorProvider> providers = Providers.discover();
  private ConfigServer configServer;
  private ConfigStore serverStore; // the running server's: a write through it takes its lock
  private Server exporter;
  private ConfigSync sync;
  private Path local;

  /** The store under test, a new one over the same data each call; the etcd suite overrides it. */
  ConfigStore store() throws Exception {
    return new DirectoryStore(dir.resolve("data"));
  }

  @BeforeEach
  void startConfigServer() throws Exception {
    startConfigServer(0);
    local = dir.resolve("powermon.yml");
    Files.writeString(local, LOCAL);
  }

  private void startConfigServer(int port) throws Exception {
    serverStore = store();
    configServer =
        ConfigServer.start(
            ListenAddress.parse("test", "127.0.0.1:" + port),
            serverStore,
            new ConfigValidator(providers),
            TOKEN);
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

    assertThat(scrape())
        .contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 7.0")
        .contains("powermon_config_source{source=\"central\"} 1.0")
        .contains("powermon_config_source{source=\"local\"} 0.0")
        .doesNotContain("powermon_config_server_last_success_timestamp_seconds 0.0");
    assertThat(Files.readString(local)).startsWith(CENTRAL);
    String list = Http.get(admin() + "/api/v1/metrics").body();
    assertThat(list)
        .contains("\"source\":\"central\"")
        .contains(
            "\"etag\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(etag));
  }

  @Test
  void withTheServerDownTheExporterStartsFromItsLocalFile() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    startExporter("http://127.0.0.1:" + closedPort);

    assertThat(scrape())
        .contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 12.5")
        .contains("powermon_config_source{source=\"local\"} 1.0")
        .contains("powermon_config_server_last_success_timestamp_seconds 0.0");
    assertThat(Files.readString(local)).startsWith(LOCAL);
    assertThat(Http.get(admin() + "/api/v1/metrics").body())
        .contains("\"source\":\"local\"")
        .doesNotContain("\"etag\"");
  }

  @Test
  void aChangePutOnTheServerReachesTheExporterWithinAPoll() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());

    put(CHANGED);

    String changed =
        "powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 9.0";
    assertThat(eventually(() -> scrape().contains(changed))).isTrue();
    assertThat(Files.readString(local)).startsWith(CHANGED);
    assertThat(scrape()).contains("powermon_config_last_reload_successful 1.0");
  }

  @Test
  void aConfigTheExporterCannotLoadIsNeverHandedToItAndTheRunningOneStays() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());
    String running = settled();
    String broken = running.replace("watts: 7", "watts: -3");

    // Through the API it is refused; written into the store behind the API's back, the exporter
    // refuses it itself.
    assertThat(send("PUT", broken).statusCode()).isEqualTo(400);
    serverStore.put(DEVICE, broken.getBytes(StandardCharsets.UTF_8), null);

    assertThat(eventually(() -> scrape().contains("powermon_config_last_reload_successful 0.0")))
        .isTrue();
    // the running config's 7 W (the window's highest reading: the mean may round to 6.999…)
    assertThat(scrape())
        .contains(
            "powermon_power_window_max_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 7.0");
    assertThat(Files.readString(local)).startsWith(CENTRAL).doesNotContain("-3");

    // A change made now is queued, and not written over the refused version: after a poll that
    // came later (it sends first, then fetches) the broken version is still what the server holds.
    assertThat(
            Http.post(admin() + "/api/v1/metrics", "{\"powermon_energy_joules_total\": false}")
                .statusCode())
        .isEqualTo(200);
    double answeredBefore = lastAnswer();
    assertThat(eventually(() -> lastAnswer() > answeredBefore)).isTrue();
    assertThat(storedIs(broken)).isTrue();
    assertThat(scrape())
        .contains("powermon_config_server_pending_changes 1.0")
        .contains("powermon_config_last_reload_successful 0.0");

    // The operator fixes it: the queued change is merged onto the fix, and the exporter runs both.
    String fixed = broken.replace("watts: -3", "watts: 8");
    put(fixed);

    assertThat(
            eventually(
                () ->
                    get().contains("powermon_energy_joules_total: false")
                        && get().contains("watts: 8")))
        .as(get())
        .isTrue();
    assertThat(
            eventually(
                () ->
                    scrape() // the window's highest reading: the mean may round to 7.999…
                        .contains(
                            "powermon_power_window_max_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 8.0")))
        .isTrue();
    assertThat(scrape())
        .contains("powermon_config_last_reload_successful 1.0")
        .contains("powermon_config_server_pending_changes 0.0")
        .doesNotContain("powermon_energy_joules_total{");
  }

  @Test
  void aReloadFetchesFromTheServerFirst() throws Exception {
    put(CENTRAL);
    startExporter(
        configServerUrl(), Duration.ofHours(1)); // no poll during the test: only the reload fetches
    put(CHANGED);

    assertThat(Http.post(admin() + "/-/reload", "").statusCode()).isEqualTo(200);

    assertThat(
            eventually(
                () ->
                    scrape()
                        .contains(
                            "powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 9.0")))
        .isTrue();
    assertThat(Files.readString(local)).startsWith(CHANGED);
  }

  @Test
  void anAdminToggleWhileTheServerIsDownReachesItWhenItComesBack() throws Exception {
    int port = toggleWithTheServerDown();
    assertThat(dir.resolve("powermon.yml.sync-pending")).exists(); // queued, persisted

    startConfigServer(port);

    assertThat(eventually(() -> get().contains("powermon_energy_joules_total: false"))).isTrue();
    assertThat(eventually(() -> !Files.exists(dir.resolve("powermon.yml.sync-pending")))).isTrue();
    assertThat(get()).contains("watts: 7"); // the rest of the server's version is kept
  }

  @Test
  void aToggleMadeWhileTheServerIsDownSurvivesARestartAndReachesTheServerWhenItReturns()
      throws Exception {
    int port = toggleWithTheServerDown();

    exporter.close();
    sync.close();
    startExporter("http://127.0.0.1:" + port); // still down: from the local file, toggle and all

    assertThat(scrape())
        .contains("powermon_config_source{source=\"local\"} 1.0")
        .contains("powermon_config_server_pending_changes 1.0")
        .doesNotContain("powermon_energy_joules_total{");

    startConfigServer(port);

    assertThat(eventually(() -> get().contains("powermon_energy_joules_total: false"))).isTrue();
    assertThat(get()).contains("watts: 7");
    assertThat(
            eventually(() -> scrape().contains("powermon_config_source{source=\"central\"} 1.0")))
        .isTrue();
    assertThat(scrape())
        .contains("powermon_config_server_pending_changes 0.0")
        .doesNotContain("powermon_energy_joules_total{");
  }

  @Test
  void aToggleQueuedAcrossARestartIsInForceFromTheStartWhenTheServerIsBackFirst() throws Exception {
    int port = toggleWithTheServerDown();
    exporter.close();
    sync.close();
    startConfigServer(port);

    startExporter(configServerUrl());

    // sent and merged by the start's fetch, before the first scrape
    assertThat(get()).contains("powermon_energy_joules_total: false").contains("watts: 7");
    assertThat(scrape())
        .contains("powermon_config_source{source=\"central\"} 1.0")
        .contains("powermon_config_server_pending_changes 0.0")
        .doesNotContain("powermon_energy_joules_total{");
  }

  @Test
  void anOperatorChangeMadeAfterAQueuedToggleWinsAcrossARestart() throws Exception {
    int port = toggleWithTheServerDown();
    long toggled = System.currentTimeMillis();
    exporter.close();
    sync.close();
    startConfigServer(port);
    assertThat(get()).contains("  powermon_energy_joules_total: true\n");
    // The server's change times have whole seconds: the operator's edit comes a second later.
    assertThat(eventually(() -> System.currentTimeMillis() / 1000 > toggled / 1000 + 1)).isTrue();
    operatorEdit("  powermon_energy_joules_total: true\n", ""); // the operator removes the line

    startExporter(configServerUrl());

    // The later removal stands (the family is back at its default), the earlier toggle does not.
    assertThat(scrape()).contains("powermon_energy_joules_total{");
    assertThat(eventually(() -> scrape().contains("powermon_config_server_pending_changes 0.0")))
        .isTrue();
    assertThat(get()).doesNotContain("powermon_energy_joules_total: false");
  }

  @Test
  void twoExportersAndAnOperatorEditingOneDeviceLoseNoAcknowledgedChange() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());
    Path otherLocal = dir.resolve("other.yml");
    Files.writeString(otherLocal, LOCAL);
    ConfigClient otherClient =
        new ConfigClient(URI.create(configServerUrl()), DEVICE, TOKEN, Duration.ofSeconds(2));
    try (ConfigSync otherSync =
        new ConfigSync(
            otherClient,
            DEVICE,
            otherLocal,
            new ConfigValidator(providers),
            Duration.ofMillis(200))) {
      otherSync.fetchAtStart();
      Server other =
          Server.start(
              Cli.setup(
                  providers,
                  "--config.file=" + otherLocal,
                  "--web.listen-address=127.0.0.1:0",
                  "--web.admin-address=127.0.0.1:0"),
              otherSync);
      try {
        otherSync.startPolling(other::reloadFile, other::configRefused);
        String otherAdmin = "http://127.0.0.1:" + other.adminAddress().getPort();

        // At once: exporter A turns one family off, exporter B one on, the operator changes a
        // setting.
        assertThat(
                Http.post(admin() + "/api/v1/metrics", "{\"powermon_energy_joules_total\": false}")
                    .statusCode())
            .isEqualTo(200);
        assertThat(
                Http.post(otherAdmin + "/api/v1/metrics", "{\"steady_hidden_ratio\": true}")
                    .statusCode())
            .isEqualTo(200);
        operatorEdit("watts: 7", "watts: 8");

        assertThat(
                eventually(
                    () -> {
                      String now = get();
                      return now.contains("powermon_energy_joules_total: false")
                          && now.contains("steady_hidden_ratio: true")
                          && now.contains("watts: 8");
                    }))
            .as(get())
            .isTrue();
        // Both exporters end up running the merged version.
        assertThat(
                eventually(
                    () ->
                        scrape().contains("steady_hidden_ratio")
                            && Http.get("http://127.0.0.1:" + other.port() + "/metrics")
                                .body()
                                .contains(
                                    "{device=\"steady\",domain=\"total\",source=\"steady\"} 8.0")))
            .isTrue();
      } finally {
        other.close();
      }
    }
  }

  /**
   * An operator's edit as a script does it: fetch, change, PUT with If-Match, again on 412
   * (bounded).
   */
  private void operatorEdit(String from, String to) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      var current = send("GET", null);
      var put =
          sendIfMatch(
              current.body().replace(from, to), current.headers().firstValue("ETag").orElseThrow());
      if (put.statusCode() == 200) {
        return;
      }
      assertThat(put.statusCode()).isEqualTo(412);
    }
    throw new AssertionError("the operator's edit lost 20 races in a row");
  }

  private String get() throws Exception {
    return send("GET", null).body();
  }

  private void startExporter(String serverUrl) {
    startExporter(serverUrl, Duration.ofMillis(200));
  }

  private void startExporter(String serverUrl, Duration pollInterval) {
    ConfigClient client =
        new ConfigClient(URI.create(serverUrl), DEVICE, TOKEN, Duration.ofSeconds(2));
    sync = new ConfigSync(client, DEVICE, local, new ConfigValidator(providers), pollInterval);
    sync.fetchAtStart();
    exporter =
        Server.start(
            Cli.setup(
                providers,
                "--config.file=" + local,
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=127.0.0.1:0"),
            sync);
    sync.startPolling(exporter::reloadFile, exporter::configRefused);
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
    return send(method, yaml, null);
  }

  private java.net.http.HttpResponse<String> sendIfMatch(String yaml, String etag)
      throws Exception {
    return send("PUT", yaml, etag);
  }

  private java.net.http.HttpResponse<String> send(String method, String yaml, String ifMatch)
      throws Exception {
    var b =
        java.net.http.HttpRequest.newBuilder(URI.create(configServerUrl() + "/config/" + DEVICE))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                yaml == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(
                        yaml, StandardCharsets.UTF_8));
    if (ifMatch != null) {
      b.header("If-Match", ifMatch);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Starts the exporter from the server's config, waits for its first write-back, stops the server
   * and turns a family off through the admin API; the server's port, to start it again on.
   */
  private int toggleWithTheServerDown() throws Exception {
    put(CENTRAL);
    startExporter(configServerUrl());
    settled();
    int port = configServer.port();
    configServer.close();
    assertThat(
            Http.post(admin() + "/api/v1/metrics", "{\"powermon_energy_joules_total\": false}")
                .statusCode())
        .isEqualTo(200);
    return port;
  }

  /**
   * Waits until the exporter's first write-back (the families it discovered) is on the server and
   * the exporter runs that version; returns it.
   */
  private String settled() throws Exception {
    assertThat(
            eventually(
                () -> {
                  var current = send("GET", null);
                  String tag = current.headers().firstValue("ETag").orElse("");
                  return current.body().contains("metrics:")
                      && scrape().contains("powermon_config_server_pending_changes 0.0")
                      && Http.get(admin() + "/api/v1/metrics")
                          .body()
                          .contains(tag.replace("\"", ""));
                }))
        .isTrue();
    return get();
  }

  /** powermon_config_server_last_success_timestamp_seconds: when the server last answered. */
  private double lastAnswer() throws Exception {
    return scrape()
        .lines()
        .filter(l -> l.startsWith("powermon_config_server_last_success_timestamp_seconds "))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1)))
        .findFirst()
        .orElseThrow();
  }

  private boolean storedIs(String yaml) throws Exception {
    return serverStore
        .get(DEVICE)
        .map(c -> new String(c.yaml(), StandardCharsets.UTF_8).equals(yaml))
        .orElse(false);
  }

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
