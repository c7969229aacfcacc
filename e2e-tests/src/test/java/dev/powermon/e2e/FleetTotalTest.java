package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped fleet rules on what the real JAR exports (docs/fleet-model.md): this host runs RAPL
 * and a Jetson, both component meters, and the simulated strip's outlet "NAS" is declared to feed
 * it. The fleet total is then the wall meters alone (the strip and the plug), never the host's own
 * meters on top, and every power total the JAR serves has a meter class.
 */
class FleetTotalTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** The simulator's HS300 outlet the test declares as this host's supply. */
  private static final String OUTLET = "NAS";

  @Test
  void aHostOnAStripOutletIsCountedOnceAtTheWall(@TempDir Path dir) throws Exception {
    // The exporter names its host InetAddress.getLocalHost(): it runs on this machine.
    String host = InetAddress.getLocalHost().getHostName();
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    try (PowercapTree rapl = PowercapTree.start(dir.resolve("sys"));
        KasaSimulator kasa = KasaSimulator.start(dir)) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--collector=rapl,jetson,kasa",
                  "--collector.rapl.sysfs=" + rapl.sysfs(),
                  "--collector.jetson.tegrastats=" + FakeTegrastats.write(dir),
                  "--collector.jetson.sysfs=" + Files.createDirectories(dir.resolve("jetson-sys")),
                  "--collector.kasa.poll-interval=1s",
                  "--collector.kasa.powers=" + OUTLET + "=" + host));
      kasa.targets().forEach(t -> args.add("--collector.kasa.target=" + t));
      try (PowermonJar powermon = PowermonJar.start(dir, config, args);
          PrometheusServer prometheus =
              PrometheusServer.start(PrometheusConfig.powermonJob(powermon.target()), dir)) {
        PrometheusApi api = prometheus.api;
        String covered =
            "instance:powermon_meter_covers:count{instance=\"" + powermon.target() + "\"} == 1";
        await(api, covered, powermon);

        // Only wall meters are counted: the host's RAPL and Jetson totals are inside the outlet.
        assertThat(values(api, "count by (class) (device:powermon_power_watts:counted)", "class"))
            .as("counted series per class")
            .containsOnlyKeys("wall");
        assertThat(values(api, "count by (source) (device:powermon_power_watts:counted)", "source"))
            .as("counted series per source")
            .containsOnlyKeys("kasa");
        // Its own best total is still recorded (for its alerts): RAPL package + dram 23 W, plus the
        // Jetson.
        assertThat(values(api, "instance:powermon_power_watts:sum", "instance"))
            .hasEntrySatisfying(powermon.target(), w -> assertThat(w).isGreaterThan(23.0));
        // The fleet total is the Kasa totals (plug and strip) once: not plus the host's meters.
        await(
            api,
            "abs(fleet:powermon_power_watts:sum"
                + " - scalar(sum(powermon_power_watts{source=\"kasa\",domain=\"total\"}))) < 0.01",
            powermon);
        assertThat(api.query("fleet:powermon_power_watts:estimated_sum == 0"))
            .as("nothing estimated")
            .hasSize(1);
        // Every power total the JAR serves has a class, so no source is left out of the fleet
        // total.
        assertThat(
                api.query(
                    "powermon_power_watts{domain=\"total\"}"
                        + " unless on (job, instance, source) powermon_source_info"))
            .as("totals without a class")
            .isEmpty();
      }
    }
  }

  /** Waits until {@code expr} returns a series; fails with the exporter's log. */
  private static void await(PrometheusApi api, String expr, PowermonJar powermon) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (api.query(expr).isEmpty()) {
      assertThat(Instant.now())
          .withFailMessage(
              () -> "no result for " + expr + " within " + TIMEOUT + "\n" + powermon.log())
          .isBefore(deadline);
      Thread.sleep(500);
    }
  }

  /** Each series' {@code label} value to its value. */
  private static Map<String, Double> values(PrometheusApi api, String expr, String label)
      throws Exception {
    Map<String, Double> out = new TreeMap<>();
    for (JsonNode s : api.query(expr)) {
      out.put(s.path("metric").path(label).asText(), s.path("value").get(1).asDouble());
    }
    return out;
  }
}
