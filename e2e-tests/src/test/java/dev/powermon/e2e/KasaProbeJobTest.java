package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commented Kasa /probe job of prometheus.yml works once uncommented next to the powermon job:
 * one instance per plug, with its readings.
 */
class KasaProbeJobTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void eachPlugIsScrapedThroughTheProbeEndpoint(@TempDir Path dir) throws Exception {
    try (KasaSimulator kasa = KasaSimulator.start(dir)) {
      List<String> args = new ArrayList<>(List.of("--collector=kasa"));
      kasa.targets().forEach(t -> args.add("--collector.kasa.target=" + t));
      Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
      try (PowermonJar powermon = PowermonJar.start(dir, config, args);
          PrometheusServer prometheus =
              PrometheusServer.start(
                  PrometheusConfig.withKasaProbeJob(powermon.target(), kasa.targets()), dir)) {
        String query =
            "powermon_probe_success{job=\"kasa\"} == 1 and on(instance) kasa_device_power_watts{job=\"kasa\"}";
        Instant deadline = Instant.now().plus(TIMEOUT);
        List<JsonNode> answering = prometheus.api.query(query);
        while (answering.size() < kasa.targets().size() && Instant.now().isBefore(deadline)) {
          Thread.sleep(500);
          answering = prometheus.api.query(query);
        }
        assertThat(answering)
            .withFailMessage(
                () ->
                    "plugs not probed within "
                        + TIMEOUT
                        + "\n"
                        + powermon.log()
                        + "\n"
                        + prometheus.log())
            .extracting(s -> s.path("metric").path("instance").asText())
            .containsExactlyInAnyOrderElementsOf(kasa.targets());
      }
    }
  }
}
