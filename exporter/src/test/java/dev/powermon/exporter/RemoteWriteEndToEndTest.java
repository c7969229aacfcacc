package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.ReceiverProcess;
import dev.powermon.exporter.runtime.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter pushing its regular collection to a real Prometheus with remote-write, read back by
 * PromQL.
 */
class RemoteWriteEndToEndTest {
  @TempDir Path dir;

  @Test
  void theSteadyReadingsArriveWithInstanceAndJobAtEveryPush() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "not-checked-by-prometheus\n");
    Files.createDirectories(dir.resolve("prometheus"));
    try (ReceiverProcess prometheus = ReceiverProcess.prometheus(dir.resolve("prometheus"));
        Server server =
            Server.start(
                Cli.setup(
                    Providers.discover(),
                    "--collector",
                    "steady",
                    "--web.listen-address=127.0.0.1:0",
                    "--web.admin-address=off",
                    "--push.remote-write.url=" + prometheus.writeUrl(),
                    "--push.interval=100ms",
                    "--push.instance=test-box",
                    "--push.remote-write.header=X-Scope-OrgID=tenant-1",
                    "--push.remote-write.bearer-token-file=" + token))) {
      String series =
          "powermon_power_watts{job=\"powermon\",instance=\"test-box\",source=\"steady\",domain=\"total\"}";
      TreeMap<Long, Double> power = new TreeMap<>();
      for (int i = 0; i < 600 && power.size() < 3; i++) { // bounded: 60 s
        Thread.sleep(100);
        power = prometheus.samples(series);
      }

      assertThat(power).hasSizeGreaterThanOrEqualTo(3); // one per push, each with its own timestamp
      assertThat(power.values()).containsOnly(12.5);
      assertThat(
              value(
                  prometheus,
                  "powermon_energy_joules_total{instance=\"test-box\",device=\"steady\"}"))
          .isEqualTo(1000.0);
      assertThat(
              value(
                  prometheus, "powermon_collector_success{job=\"powermon\",collector=\"steady\"}"))
          .isEqualTo(1.0);
      assertThat(value(prometheus, "powermon_build_info{job=\"powermon\"}")).isEqualTo(1.0);
      String scrape = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
      assertThat(scrape)
          .contains(
              "powermon_push_samples_dropped_total{reason=\"queue_full\",target=\""
                  + prometheus.writeUrl()
                  + "\"} 0.0")
          .containsPattern(
              "powermon_push_samples_sent_total\\{target=\"" + prometheus.writeUrl() + "\"} [1-9]");
      assertThat(Promtool.checkMetrics(scrape)).isEmpty();
    }
  }

  private static double value(ReceiverProcess prometheus, String selector) throws Exception {
    JsonNode result = prometheus.query(selector);
    assertThat(result).as(selector).hasSize(1);
    return Double.parseDouble(result.get(0).get("value").get(1).asText());
  }
}
