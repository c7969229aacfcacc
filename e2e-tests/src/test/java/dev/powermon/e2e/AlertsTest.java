package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped alerts match what the real JAR exports when things break: a RAPL tree that is not
 * there, a tegrastats that cannot start, a Kasa plug that refuses connections, an exporter that is
 * down. Each raises its alert (pending: the for-durations are minutes) and nothing else does.
 */
class AlertsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void eachBrokenSourceRaisesItsAlert(@TempDir Path dir) throws Exception {
    try (FreePort.DeadPort plug = new FreePort.DeadPort();
        FreePort.DeadPort exporter = new FreePort.DeadPort()) {
      raiseEach(dir, plug.address(), exporter.address());
    }
  }

  /** Each alert's cause set up: a plug and an exporter at addresses that refuse connections. */
  private static void raiseEach(Path dir, String deadPlug, String deadExporter) throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    // rapl is asked for by its setting alone (intent counts as naming), as the container line does.
    // disable-defaults: named collectors add to the defaults, and host's estimate is not what this
    // test is about
    List<String> args =
        List.of(
            "--collector=jetson,kasa",
            "--collector.disable-defaults",
            "--collector.rapl.sysfs=" + empty,
            "--collector.jetson.sysfs=" + empty,
            "--collector.jetson.tegrastats=" + empty.resolve("tegrastats"),
            "--collector.kasa.target=" + deadPlug);
    Set<String> expected =
        new TreeSet<>(
            Set.of(
                "PowermonRaplUnreadable collector=rapl",
                "PowermonCollectorFailing collector=jetson",
                "PowermonKasaDeviceUnreachable device_id=" + deadPlug,
                "PowermonExporterDown instance=" + deadExporter));

    try (PowermonJar powermon = PowermonJar.start(dir, config, args);
        PrometheusServer prometheus =
            PrometheusServer.start(
                PrometheusConfig.powermonJob(powermon.target(), deadExporter), dir)) {
      Instant deadline = Instant.now().plus(TIMEOUT);
      Set<String> raised = raised(prometheus);
      while (!raised.equals(expected) && Instant.now().isBefore(deadline)) {
        Thread.sleep(1000);
        raised = raised(prometheus);
      }
      assertThat(raised).as("alerts raised\n" + powermon.log()).isEqualTo(expected);
    }
  }

  /** Each alert as "name label=value", with the label that says what broke. */
  private static Set<String> raised(PrometheusServer prometheus) throws Exception {
    Set<String> out = new TreeSet<>();
    for (JsonNode alert : prometheus.api.query("ALERTS")) {
      JsonNode m = alert.path("metric");
      String name = m.path("alertname").asText();
      String key =
          switch (name) {
            case "PowermonKasaDeviceUnreachable" -> "device_id";
            case "PowermonExporterDown" -> "instance";
            default -> "collector";
          };
      out.add(name + " " + key + "=" + m.path(key).asText());
    }
    return out;
  }
}
