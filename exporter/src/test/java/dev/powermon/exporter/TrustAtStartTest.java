package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.testcollectors.InventiveProvider;
import dev.powermon.exporter.testcollectors.UnreadyProvider;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator can trust from the moment powermon is up: the metric table is whole before the
 * first scrape, typos in it are named, a collector asked for but unable to run says so at once, and
 * a device that invents names cannot grow the table without bound.
 */
class TrustAtStartTest {
  @TempDir Path dir;
  private final LogCapture log = new LogCapture();
  private Path config;
  private Server server;
  private String base;
  private String admin;

  private void start(String configText, String... args) throws Exception {
    config = Files.writeString(dir.resolve("powermon.yml"), configText);
    List<String> all =
        new ArrayList<>(
            List.of(
                "--config.file=" + config,
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=127.0.0.1:0"));
    all.addAll(List.of(args));
    server = Server.start(Cli.setup(Providers.discover(), all.toArray(String[]::new)));
    base = "http://127.0.0.1:" + server.port();
    admin = "http://127.0.0.1:" + server.adminAddress().getPort();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    log.close();
  }

  @Test
  void theAdminListAndTheFileAreWholeBeforeTheFirstScrape() throws Exception {
    start("collectors:\n  steady:\n    watts: 12.5\n");

    // No scrape yet: the collection at startup put every family in the table and the file.
    assertThat(Http.get(admin + "/api/v1/metrics").body())
        .contains(
            "{\"name\":\"steady_temperature_celsius\",\"enabled\":true,\"decided_by\":\"table\","
                + "\"collectors\":[\"steady\"]}")
        .contains("{\"name\":\"powermon_power_watts\",")
        .contains("{\"name\":\"powermon_collector_success\",");
    assertThat(Files.readString(config))
        .contains("  steady_temperature_celsius: true\n")
        .contains("  steady_hidden_ratio: false\n")
        .contains("  powermon_power_watts: true\n");
    assertThat(Http.get(base + "/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void aTypoInTheTableIsNamedAtLoadAndAtReload() throws Exception {
    start("collectors:\n  steady: {}\nmetrics:\n  powermon_power_watt: false\n");

    assertThat(log.messages())
        .contains(
            config
                + ": metrics.powermon_power_watt names a family no collector"
                + " declares or emits; did you mean powermon_power_watts?");
    assertThat(Http.get(admin + "/api/v1/metrics").body())
        .contains(
            "{\"name\":\"powermon_power_watt\",\"enabled\":false,\"decided_by\":\"table\",\"collectors\":[],"
                + "\"unknown\":true}");
    assertThat(count("\"unknown\":true", Http.get(admin + "/api/v1/metrics").body())).isEqualTo(1);

    Files.writeString(
        config, "collectors:\n  steady: {}\nmetrics:\n  steady_temperature_celsus: false\n");
    assertThat(Http.post(admin + "/-/reload", "").statusCode()).isEqualTo(200);

    assertThat(log.messages())
        .contains(
            config
                + ": metrics.steady_temperature_celsus names a family no"
                + " collector declares or emits; did you mean steady_temperature_celsius?");
  }

  @Test
  void theAdminApiRefusesATypoThatIsNotInTheFile() throws Exception {
    start("collectors:\n  steady: {}\n");

    HttpResponse<String> typo =
        Http.post(admin + "/api/v1/metrics", "{\"powermon_power_watt\": true}");

    assertThat(typo.statusCode()).isEqualTo(400);
    assertThat(typo.body())
        .isEqualTo(
            "{\"error\":\"unknown metric families: powermon_power_watt (did you mean powermon_power_watts?)\"}\n");
    assertThat(Files.readString(config)).doesNotContain("powermon_power_watt:");
  }

  @Test
  void aCollectorAskedForOnlyThroughItsSettingShowsWhyItCannotRun() throws Exception {
    start("log:\n  level: info\n", "--collector.unready.path=/host/sys");

    // Logged at startup, before any scrape, with the probe's hint.
    assertThat(log.messages())
        .contains("collector=unready collector failing: cannot start: " + UnreadyProvider.HINT);
    String scrape = Http.get(base + "/metrics").body();
    assertThat(scrape)
        .contains("powermon_collector_success{collector=\"unready\"} 0.0")
        .contains("powermon_collector_success{collector=\"steady\"} 1.0"); // named ones add to the
    // defaults
    assertThat(Http.get(base + "/").body())
        .contains("<th colspan=\"2\">unready</th>")
        .contains(UnreadyProvider.HINT);
  }

  @Test
  void familiesACollectorInventsAreCappedCountedAndNeverWritten() throws Exception {
    start("log:\n  level: info\n", "--collector=inventive");

    Http.get(base + "/metrics");
    String scrape = Http.get(base + "/metrics").body();

    // Three collections of 150 new names each (startup, two scrapes): 256 taken in, 450 - 256
    // refused.
    int over = 3 * InventiveProvider.PER_COLLECTION - MetricTable.DISCOVERY_CAP;
    assertThat(scrape)
        .contains(
            "powermon_discovered_families_dropped_total{collector=\"inventive\"} " + over + ".0");
    assertThat(count("\"name\":\"inventive_sensor_", Http.get(admin + "/api/v1/metrics").body()))
        .isEqualTo(MetricTable.DISCOVERY_CAP);
    assertThat(count("inventive_sensor_\\d+_celsius \\d", scrape))
        .isEqualTo(0); // none served in the third
    server.close(); // waits for the table's background write
    server = null;
    assertThat(count("  inventive_sensor_\\d+_celsius: true", Files.readString(config)))
        .isEqualTo(MetricTable.DISCOVERY_CAP);
  }

  private static int count(String regex, String text) {
    return (int) Pattern.compile(regex).matcher(text).results().count();
  }
}
