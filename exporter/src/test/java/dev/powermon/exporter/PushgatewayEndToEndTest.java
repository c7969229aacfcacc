package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.ReceiverProcess;
import dev.powermon.exporter.runtime.Providers;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter replacing its group on a real Pushgateway (Debian package prometheus-pushgateway).
 */
class PushgatewayEndToEndTest {
  private static final String POWER =
      "powermon_power_watts{device=\"steady\",domain=\"total\",instance=\"test-box\",job=\"powermon\",source=\"steady\"} 12.5";

  @TempDir Path dir;

  @Test
  void theReadingsAreReadBackFromTheGroupOfThisInstance() throws Exception {
    try (ReceiverProcess gateway = ReceiverProcess.pushgateway(dir);
        Server server =
            Server.start(
                Cli.setup(
                    Providers.discover(),
                    "--collector",
                    "steady",
                    "--web.listen-address=127.0.0.1:0",
                    "--web.admin-address=off",
                    "--push.pushgateway.url=" + gateway.url(""),
                    "--push.instance=test-box",
                    "--push.interval=100ms"))) {
      String metrics = "";
      for (int i = 0; i < 600 && !metrics.contains(POWER); i++) { // bounded: 60 s
        Thread.sleep(100);
        metrics = gateway.text("/metrics");
      }

      assertThat(metrics)
          .contains(POWER)
          .contains(
              "powermon_energy_joules_total{device=\"steady\",domain=\"total\",instance=\"test-box\",job=\"powermon\","
                  + "source=\"steady\"} 1000")
          .contains("push_time_seconds{instance=\"test-box\",job=\"powermon\"}");
      // the gateway may hold the push before the pusher counted its answer: bounded, 10 s
      Pattern sent =
          Pattern.compile(
              "powermon_push_samples_sent_total\\{target=\""
                  + Pattern.quote(gateway.url(""))
                  + "\"} [1-9]");
      String own = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
      for (int i = 0; i < 100 && !sent.matcher(own).find(); i++) {
        Thread.sleep(100);
        own = Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
      }
      assertThat(own)
          .containsPattern(
              "powermon_push_samples_sent_total\\{target=\"" + gateway.url("") + "\"} [1-9]");
    }
  }
}
