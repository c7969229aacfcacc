package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import picocli.CommandLine;

/** The host collector shipped in the exporter, reading this machine through OSHI over real HTTP. */
@EnabledOnOs(OS.LINUX)
class HostCollectorEndToEndTest {

  private static String scrape(String... flags) throws Exception {
    String[] args = new String[flags.length + 2];
    args[0] = "--web.listen-address=127.0.0.1:0";
    args[1] = "--web.admin-address=off";
    System.arraycopy(flags, 0, args, 2, flags.length);
    try (Server server = Server.start(Cli.setup(Providers.discover(), args))) {
      return Http.get("http://127.0.0.1:" + server.port() + "/metrics").body();
    }
  }

  @Test
  void servesHostMetricsAndALabelledEstimateThatPassPromtool() throws Exception {
    String body = scrape("--collector", "host");
    assertThat(body)
        .contains("powermon_collector_success{collector=\"host\"} 1.0")
        .contains("powermon_host_cpu_utilization_ratio ")
        .contains("powermon_host_memory_total_bytes ")
        .contains("powermon_host_network_receive_bytes_total{interface=\"lo\"} ")
        .contains("powermon_host_cpu_info{")
        .containsPattern(
            "powermon_power_watts\\{device=\"[^\"]+\",domain=\"total\",source=\"estimate\"} ")
        .containsPattern(
            "powermon_energy_joules_total\\{device=\"[^\"]+\",domain=\"total\",source=\"estimate\"} ");
    assertThat(Promtool.checkMetrics(body)).isEmpty();
  }

  @Test
  void estimateOffLeavesTheUnifiedFamiliesOut() throws Exception {
    String body = scrape("--collector", "host", "--collector.host.estimate=off");
    assertThat(body)
        .contains("powermon_host_cpu_utilization_ratio ")
        .doesNotContain("source=\"estimate\"");
  }

  @Test
  void probeTableShowsTheHostAndTheEstimate() {
    StringWriter out = new StringWriter();
    CommandLine cl = Cli.commandLine(Providers.discover());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cl.execute("probe", "--collector", "host", "--collector.host.tdp-watts=65"))
        .isZero();
    assertThat(out.toString()).contains("logical CPUs").contains("source=\"estimate\"");
  }
}
