package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jetson collector through the real exporter, off-board: a fake sysfs tree (Orin Nano, JetPack 6
 * hwmon layout) and a fake tegrastats script, named explicitly on the command line.
 */
class JetsonEndToEndTest {
  private static final String LINE =
      "02-01-2026 10:00:00 RAM 3300/7620MB (lfb 6x2MB) SWAP 0/3810MB (cached 0MB) CPU [30%@1510,10%@1510,off,off] "
          + "EMC_FREQ 7%@2133 GR3D_FREQ 45%@[612] NVDEC off cpu@60.5C gpu@-256C PMIC@100C "
          + "VDD_IN 9000mW/9000mW VDD_CPU_GPU_CV 1610mW/1605mW VDD_SOC 1250mW/1249mW";

  @TempDir Path dir;
  private Path config;
  private Server server;
  private String base;
  private String admin;

  @BeforeEach
  void start() throws Exception {
    Path sysfs = dir.resolve("sys");
    Path hwmon = sysfs.resolve("bus/i2c/devices/1-0040/hwmon/hwmon3");
    write(sysfs.resolve("bus/i2c/devices/1-0040/name"), "ina3221\n");
    channel(hwmon, 1, "VDD_IN", 5080, 1000); // 5.08 W
    channel(hwmon, 2, "VDD_CPU_GPU_CV", 5072, 164); // 0.831808 W
    channel(hwmon, 3, "VDD_SOC", 5076, 320); // 1.62432 W
    write(dir.resolve("proc/device-tree/model"), "NVIDIA Jetson Orin Nano Developer Kit\0");
    Path tegrastats = dir.resolve("tegrastats");
    write(dir.resolve("line.txt"), LINE + "\n");
    write(tegrastats, "#!/bin/sh\ni=0\nwhile [ \"$i\" -lt 600 ]; do cat \"$(dirname \"$0\")/line.txt\"; sleep 0.1;"
        + " i=$((i + 1)); done\n");
    Files.setPosixFilePermissions(tegrastats, PosixFilePermissions.fromString("rwx------"));
    config = dir.resolve("powermon.yml");
    write(config, "metrics:\n  jetson_temp_cpu_celsius: true\n");
    server = Server.start(Cli.setup(Providers.discover(),
        "--config.file=" + config,
        "--collector", "jetson",
        "--collector.jetson.sysfs=" + sysfs,
        "--collector.jetson.tegrastats=" + tegrastats,
        "--collector.jetson.interval=100ms",
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
  void servesRailsFromSysfsAndTheRestFromTegrastats() throws Exception {
    String scrape = scrapeOnceTegrastatsHasPrinted();
    String labels = "{device_type=\"NVIDIA Jetson Orin Nano Developer Kit\",hostname=\"";

    assertThat(scrape)
        .contains("powermon_collector_success{collector=\"jetson\"} 1.0")
        .contains("jetson_power_vdd_in_watts" + labels) // the input rail: on by default
        .contains("} 5.08\n") // from sysfs, not the line's 9000 mW
        .contains("domain=\"total\",source=\"jetson\"} 5.08")
        .contains("jetson_temp_cpu_celsius" + labels) // turned on in the table
        .contains("} 60.5\n")
        .contains("jetson_cpu_avg_usage_percent" + labels)
        .contains("} 20.0\n") // (30 + 10) / 2
        .contains("jetson_gpu_freq_hertz" + labels)
        .contains("} 6.12E8\n")
        .contains("jetson_ram_used_bytes" + labels)
        .doesNotContain("jetson_power_vdd_soc_watts") // discovered: off until the operator says so
        .doesNotContain("jetson_temp_gpu_celsius") // offline sensor
        .doesNotContain("jetson_temp_pmic_celsius");
    assertThat(Promtool.checkMetrics(scrape)).isEmpty();
  }

  @Test
  void discoveredFamiliesAreWrittenToTheTableAsFalse() throws Exception {
    scrapeOnceTegrastatsHasPrinted();

    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.readString(config).contains("jetson_engine_nvdec_active: false") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(config))
        .contains("  jetson_temp_cpu_celsius: true\n")
        .contains("  jetson_power_vdd_soc_watts: false\n")
        .contains("  jetson_cpu_core0_usage_percent: false\n")
        .contains("  jetson_engine_nvdec_active: false\n")
        .contains("  jetson_power_vdd_in_watts: true\n");
    assertThat(Http.get(admin + "/api/v1/metrics").body())
        .contains("{\"name\":\"jetson_power_vdd_soc_watts\",\"enabled\":false,");
  }

  private String scrapeOnceTegrastatsHasPrinted() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String scrape = Http.get(base + "/metrics").body();
    while (!scrape.contains("jetson_temp_cpu_celsius") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = Http.get(base + "/metrics").body();
    }
    return scrape;
  }

  private static void channel(Path hwmon, int n, String label, long millivolts, long milliamps) throws IOException {
    write(hwmon.resolve("in" + n + "_label"), label + "\n");
    write(hwmon.resolve("in" + n + "_input"), millivolts + "\n");
    write(hwmon.resolve("curr" + n + "_input"), milliamps + "\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
