package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The rapl collector as shipped in the JAR: served over HTTP from a kernel-shaped powercap tree.
 */
class RaplEndToEndTest {
  /**
   * Labels are sorted; device (the host name) comes first and is left out of the match. RAPL's
   * declared extra labels are on every series, empty where they do not apply.
   */
  private static final String TOTAL = "domain=\"total\",socket=\"\",source=\"rapl\"} ";

  @TempDir Path sys;

  @Test
  void servesWrapSafeEnergyAndDropsTheMmioDuplicate() throws Exception {
    zone("intel-rapl:0", "package-0", 95_000_000, 100_000_000); // wraps at 100 J
    zone("intel-rapl:0:0", "dram", 1_000_000, 65_532_610_987L);
    zone("intel-rapl-mmio:0", "package-0", 95_000_000, 100_000_000);
    try (Server server =
        Server.start(
            Cli.setup(
                Providers.discover(),
                "--collector",
                "rapl",
                "--collector.rapl.sysfs=" + sys,
                "--collector.rapl.interval=20ms",
                "--collector.rapl.deadline=5s",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=off"))) {
      String base = "http://127.0.0.1:" + server.port() + "/metrics";
      assertThat(Http.get(base).body())
          .contains("powermon_collector_success{collector=\"rapl\"} 1.0");

      energy("intel-rapl:0", 3_000_000); // (100 - 95) + 3 = +8 J across the wrap
      energy("intel-rapl-mmio:0", 3_000_000);
      energy("intel-rapl:0:0", 3_000_000); // +2 J
      String body = "";
      for (int i = 0; i < 1500 && !body.contains(TOTAL + "10.0"); i++) { // bounded: 30 s
        Thread.sleep(20);
        body = Http.get(base).body();
      }
      // total = package + dram = 8 + 2 J; the mmio copy of package-0 is listed, not counted
      assertThat(body)
          .contains(TOTAL + "10.0")
          .contains("domain=\"package\",socket=\"0\",source=\"rapl\"} 8.0")
          .contains("powermon_rapl_wraps_total{rapl_zone=\"intel-rapl:0\"} 1.0")
          .contains("rapl_zone=\"intel-rapl-mmio:0\",socket=\"0\",state=\"duplicate\"");
      assertThat(Promtool.checkMetrics(body)).isEmpty();
    }
  }

  @Test
  void probeWithoutPowercapSaysSoPlainly() {
    StringWriter out = new StringWriter();
    CommandLine cl = Cli.commandLine(Providers.discover());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(out, true));
    assertThat(cl.execute("probe", "--collector", "rapl", "--collector.rapl.sysfs=" + sys))
        .isEqualTo(1);
    assertThat(out.toString()).contains("exposes no RAPL zones");
  }

  /**
   * A zone as the kernel lays it out: nested real directory, relative symlink in class/powercap.
   */
  private void zone(String id, String name, long energyUj, long maxUj) throws Exception {
    String controlType = id.substring(0, id.indexOf(':'));
    Path dir = sys.resolve("devices/virtual/powercap").resolve(controlType);
    for (int end = id.indexOf(':', controlType.length() + 1); ; end = id.indexOf(':', end + 1)) {
      dir = dir.resolve(end < 0 ? id : id.substring(0, end));
      if (end < 0) {
        break;
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("name"), name + "\n");
    Files.writeString(dir.resolve("max_energy_range_uj"), maxUj + "\n");
    Files.writeString(dir.resolve("energy_uj"), energyUj + "\n");
    Path link = sys.resolve("class/powercap").resolve(id);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, link.getParent().relativize(dir));
  }

  private void energy(String id, long energyUj) throws Exception {
    Path file = sys.resolve("class/powercap").resolve(id).resolve("energy_uj");
    Path tmp = file.resolveSibling("energy_uj.tmp");
    Files.writeString(tmp, energyUj + "\n");
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
