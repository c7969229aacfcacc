package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.testcollectors.BrokenProvider;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter over real HTTP on loopback, with the test collectors of this module. */
class ServerTest {
  private static final String CONFIG =
      """
      # the operator's own comment
      collectors:
        steady:
          enabled: true
          watts: 12.5
      metrics:
        # kept on purpose
        powermon_power_watts: true
      """;

  @TempDir Path dir;
  private Path config;
  private Server server;
  private String base;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    config = dir.resolve("powermon.yml");
    Files.writeString(config, CONFIG);
    server =
        Server.start(
            Cli.setup(
                Providers.discover(),
                "--config.file=" + config,
                "--collector",
                "broken,hanging",
                "--collector.broken.deadline=1s",
                "--collector.hanging.deadline=1s",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=127.0.0.1:0"));
    base = "http://127.0.0.1:" + server.port();
    admin = "http://127.0.0.1:" + server.adminAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aBrokenAndAHungCollectorCostOnlyTheirOwnSeries() throws Exception {
    HttpResponse<String> scrape = Http.get(base + "/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 12.5")
        .contains(
            "powermon_energy_joules_total{device=\"steady\",domain=\"total\",source=\"steady\"} 1000.0")
        .contains("powermon_collector_success{collector=\"steady\"} 1.0")
        .contains("powermon_collector_success{collector=\"broken\"} 0.0")
        .contains("powermon_collector_success{collector=\"hanging\"} 0.0")
        .contains("powermon_build_info{java_version=")
        .contains("process_resident_memory_bytes ")
        .doesNotContain("steady_hidden_ratio") // off by default
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    // A second scrape while the hung call is still running must not pile up another call.
    assertThat(Http.get(base + "/metrics").body())
        .contains("powermon_collector_success{collector=\"hanging\"} 0.0");
  }

  @Test
  void theExpositionPassesPromtool() throws Exception {
    assertThat(Promtool.checkMetrics(Http.get(base + "/metrics").body())).isEmpty();
  }

  @Test
  void theLandingPageShowsCollectorsErrorsAndPowerWithoutAScrape() throws Exception {
    HttpResponse<String> page = Http.get(base + "/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body())
        .contains("powermon")
        .contains(BrokenProvider.MESSAGE)
        .contains("<td class=\"num watts\">12.50</td>")
        .containsPattern("<p class=\"total\" id=\"total\">\\d+\\.\\d\\d W (measured|estimated), ")
        .contains("href=\"/metrics\"")
        .contains("fetch(\"/api/v1/status\"")
        .doesNotContain("src=\"http");
  }

  @Test
  void theStatusIsJsonWithEveryCollectorAndPowerRow() throws Exception {
    HttpResponse<String> status = Http.get(base + "/api/v1/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.body());
    assertThat(json.path("collectors").findValuesAsText("name"))
        .contains("steady", "broken", "hanging");
    assertThat(json.path("collectors"))
        .filteredOn(c -> c.path("name").asText().equals("broken"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.path("ok").asBoolean()).isFalse();
              assertThat(c.path("error").asText()).contains(BrokenProvider.MESSAGE);
            });
    assertThat(json.path("power"))
        .filteredOn(p -> p.path("source").asText().equals("steady"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path("watts").asDouble()).isEqualTo(12.5);
              assertThat(p.path("domain").asText()).isEqualTo("total");
              assertThat(p.path("trace").isArray())
                  .isTrue(); // steady hands no readings: no window to draw
            });
    assertThat(Http.post(base + "/api/v1/status", "x").statusCode()).isEqualTo(405);
  }

  @Test
  void otherPathsAre404AndHealthAnswers() throws Exception {
    assertThat(Http.get(base + "/nope").statusCode()).isEqualTo(404);
    assertThat(Http.get(base + "/-/reload").statusCode())
        .isEqualTo(404); // reload lives on the admin port
    assertThat(Http.get(base + "/-/healthy").body()).isEqualTo("powermon is Healthy.\n");
    assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(200);
    assertThat(Http.post(base + "/", "x").statusCode()).isEqualTo(405);
    assertThat(Http.get(base + "/probe?target=127.0.0.1").statusCode())
        .isEqualTo(404); // no multi-target collector
  }

  @Test
  void aFamilyToggledThroughTheAdminApiLeavesTheNextScrapeAndTheFile() throws Exception {
    Http.get(base + "/metrics"); // discovery, written to the file in the background
    awaitFileContains("  steady_temperature_celsius: true\n");
    assertThat(Http.get(admin + "/api/v1/metrics").body())
        .contains(
            "{\"name\":\"steady_temperature_celsius\",\"enabled\":true,\"decided_by\":\"table\",\"collectors\":[\"steady\"]}");

    HttpResponse<String> reply =
        Http.post(
            admin + "/api/v1/metrics",
            "{\"steady_temperature_celsius\": false, \"steady_hidden_ratio\": true}");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"changed\":{\"steady_temperature_celsius\":false,\"steady_hidden_ratio\":true},\"persisted\":true}\n");
    String scrape = Http.get(base + "/metrics").body();
    assertThat(scrape)
        .doesNotContain("steady_temperature_celsius")
        .contains("steady_hidden_ratio 0.25");
    assertThat(Files.readString(config))
        .startsWith("# the operator's own comment\n")
        .contains("  # kept on purpose\n  powermon_power_watts: true\n")
        .contains("  steady_temperature_celsius: false\n")
        .contains("  steady_hidden_ratio: true\n");
  }

  private void awaitFileContains(String text) throws Exception {
    for (int i = 0; i < 200 && !Files.readString(config).contains(text); i++) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(config)).contains(text);
  }

  @Test
  void theAdminApiRefusesUnknownFamiliesAndBadBodies() throws Exception {
    Http.get(base + "/metrics");
    HttpResponse<String> unknown = Http.post(admin + "/api/v1/metrics", "{\"nope_watts\": true}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown metric families: nope_watts\"}\n");
    assertThat(
            Http.post(admin + "/api/v1/metrics", "{\"steady_temperature_celsius\": \"no\"}")
                .statusCode())
        .isEqualTo(400);
    assertThat(Http.post(admin + "/api/v1/metrics", "[1,").statusCode()).isEqualTo(400);
    assertThat(
            Http.post(admin + "/api/v1/metrics", "{\"a\":" + "1".repeat(70_000) + "}").statusCode())
        .isEqualTo(413);
  }

  @Test
  void aBrokenFileOnReloadKeepsTheRunningConfig() throws Exception {
    Files.writeString(config, "collectors:\n  steady:\n    watts: [oops\n");

    HttpResponse<String> reload = Http.post(admin + "/-/reload", "");

    assertThat(reload.statusCode()).isEqualTo(500);
    assertThat(reload.body()).contains("\"status\":\"failed\"").contains("powermon.yml:4:1");
    String scrape = Http.get(base + "/metrics").body();
    assertThat(scrape)
        .contains("powermon_config_last_reload_successful 0.0")
        .contains(
            "powermon_power_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 12.5");
  }

  @Test
  void aGoodReloadReopensCollectorsWhoseSettingsChanged() throws Exception {
    Files.writeString(config, CONFIG.replace("watts: 12.5", "watts: 20"));

    assertThat(Http.post(admin + "/-/reload", "").body()).isEqualTo("{\"status\":\"reloaded\"}\n");

    String scrape = Http.get(base + "/metrics").body();
    // the reopened collector reads 20 W: the window's highest reading shows it at once, while the
    // 10-second mean still weighs in the readings of 12.5 W taken before the reload
    assertThat(scrape)
        .contains("powermon_config_last_reload_successful 1.0")
        .contains(
            "powermon_power_window_max_watts{device=\"steady\",domain=\"total\",source=\"steady\"} 20.0");
  }

  @Test
  void aTakenPortIsOneLineThatNamesItAndTheSameHostWithAFreePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  Server.start(
                      Cli.setup(
                          Providers.discover(),
                          "--collector",
                          "steady",
                          "--web.admin-address=off",
                          "--web.listen-address=127.0.0.1:" + taken.getLocalPort())))
          .isInstanceOf(OperatorError.class)
          .hasMessageMatching(
              "cannot listen on 127\\.0\\.0\\.1:"
                  + taken.getLocalPort()
                  + " \\(--web.listen-address\\):"
                  + " address already in use; choose a free port with --web.listen-address=127\\.0\\.0\\.1:\\d+")
          .extracting(e -> ((OperatorError) e).exitCode())
          .isEqualTo(1);
    }
  }

  @Test
  void aTakenAdminPortFailsLikeTheMainOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(
              () ->
                  Server.start(
                      Cli.setup(
                          Providers.discover(),
                          "--collector",
                          "steady",
                          "--web.listen-address=127.0.0.1:0",
                          "--web.admin-address=127.0.0.1:" + taken.getLocalPort())))
          .isInstanceOf(OperatorError.class)
          .hasMessageMatching(
              "cannot listen on 127\\.0\\.0\\.1:"
                  + taken.getLocalPort()
                  + " \\(--web.admin-address\\):"
                  + " address already in use; choose a free port with --web.admin-address=127\\.0\\.0\\.1:\\d+,"
                  + " or --web.admin-address=off");
    }
  }
}
