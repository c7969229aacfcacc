package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.push.ReceiverProcess;
import dev.powermon.exporter.runtime.Providers;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter pushing to a real VictoriaMetrics (Debian package victoria-metrics) through both its
 * remote-write and its InfluxDB v2 endpoints at once; each sample is read back with its own
 * timestamp.
 */
class VictoriaMetricsEndToEndTest {
  @TempDir Path dir;

  @Test
  void remoteWriteAndLineProtocolBothArriveWithTheSameTimestampsAndValues() throws Exception {
    try (ReceiverProcess vm = ReceiverProcess.victoriaMetrics(dir);
        Server server =
            Server.start(
                Cli.setup(
                    Providers.discover(),
                    "--collector",
                    "steady",
                    "--web.listen-address=127.0.0.1:0",
                    "--web.admin-address=off",
                    "--push.remote-write.url=" + vm.writeUrl(),
                    "--push.influx.url=" + vm.url(""),
                    "--push.influx.org=home",
                    "--push.influx.bucket=power",
                    "--push.instance=test-box",
                    "--push.interval=100ms"))) {
      String remoteWrite =
          "powermon_power_watts{job=\"powermon\",instance=\"test-box\",source=\"steady\",domain=\"total\"}";
      String lineProtocol =
          "power_watts{host=\"test-box\",source=\"steady\",domain=\"total\",device=\"steady\"}";
      TreeMap<Long, Double> pushed = new TreeMap<>();
      TreeMap<Long, Double> written = new TreeMap<>();
      for (int i = 0; i < 600 && (pushed.size() < 3 || written.size() < 3); i++) { // bounded: 60 s
        Thread.sleep(100);
        pushed = vm.exported(remoteWrite);
        written = vm.exported(lineProtocol);
      }

      assertThat(pushed).hasSizeGreaterThanOrEqualTo(3);
      assertThat(pushed.values()).containsOnly(12.5);
      assertThat(written.values()).containsOnly(12.5);
      // One push tick feeds both targets: what arrived through both has the same timestamps.
      TreeMap<Long, Double> both = new TreeMap<>(written);
      both.keySet().retainAll(pushed.keySet());
      assertThat(both).hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
