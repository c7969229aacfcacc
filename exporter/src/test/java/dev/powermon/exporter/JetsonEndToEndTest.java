package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jetson collector through the real exporter, off-board: a fake sysfs tree (Orin Nano, JetPack
 * 6 hwmon layout) and a fake tegrastats script, named explicitly on the command line.
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

  /** Starts the exporter on a fake Orin Nano from a config file with no metric table. */
  private void start(String... extraArgs) throws Exception {
    start(false, extraArgs);
  }

  /**
   * With {@code silent}, the INA monitors are absent and tegrastats prints one line, then nothing.
   */
  private void start(boolean silent, String... extraArgs) throws Exception {
    Path sysfs = dir.resolve("sys");
    Path hwmon = sysfs.resolve("bus/i2c/devices/1-0040/hwmon/hwmon3");
    write(sysfs.resolve("bus/i2c/devices/1-0040/name"), "ina3221\n");
    channel(hwmon, 1, "VDD_IN", 5080, 1000); // 5.08 W
    channel(hwmon, 2, "VDD_CPU_GPU_CV", 5072, 164); // 0.831808 W
    channel(hwmon, 3, "VDD_SOC", 5076, 320); // 1.62432 W
    write(dir.resolve("proc/device-tree/model"), "NVIDIA Jetson Orin Nano Developer Kit\0");
    Path tegrastats = dir.resolve("tegrastats");
    write(dir.resolve("line.txt"), LINE + "\n");
    write(
        tegrastats,
        silent
            ? "#!/bin/sh\ncat \"$(dirname \"$0\")/line.txt\"\nexec sleep 600\n"
            : "#!/bin/sh\ni=0\nwhile [ \"$i\" -lt 600 ]; do cat \"$(dirname \"$0\")/line.txt\"; sleep 0.1;"
                + " i=$((i + 1)); done\n");
    Files.setPosixFilePermissions(tegrastats, PosixFilePermissions.fromString("rwx------"));
    config = dir.resolve("powermon.yml");
    write(config, "log:\n  level: info\n");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--config.file=" + config,
                "--collector",
                "jetson",
                "--collector.jetson.sysfs=" + (silent ? dir.resolve("no-sys") : sysfs),
                "--collector.jetson.tegrastats=" + tegrastats,
                "--collector.jetson.interval=100ms",
                "--web.listen-address=127.0.0.1:0",
                "--web.admin-address=127.0.0.1:0"));
    args.addAll(List.of(extraArgs));
    server = Server.start(Cli.setup(Providers.discover(), args.toArray(String[]::new)));
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFreshInstallServesRailsFromSysfsAndTheRestFromTegrastatsInLabelledFamilies()
      throws Exception {
    start();
    String scrape = scrapeOnceTegrastatsHasPrinted();
    String labels = "{device_type=\"NVIDIA Jetson Orin Nano Developer Kit\",hostname=\"";

    assertThat(scrape)
        .contains("powermon_collector_success{collector=\"jetson\"} 1.0")
        .contains("domain=\"VDD_IN\",source=\"jetson\"} 5.08") // from sysfs, not the line's 9000 mW
        .contains("domain=\"total\",source=\"jetson\"} 5.08")
        .containsPattern(
            "jetson_temperature_celsius"
                + Pattern.quote(labels)
                + "[^\"]+\",sensor=\"cpu\"\\} 60\\.5\n")
        .containsPattern(
            "jetson_cpu_usage_ratio\\{cpu=\"1\",device_type=\"[^\"]+\",hostname=\"[^\"]+\"\\} 0\\.1\n")
        .contains("jetson_engine_frequency_hertz{device_type=")
        .contains("engine=\"GR3D\",") // the GPU: 612 MHz
        .contains("} 6.12E8\n")
        .contains("jetson_ram_used_bytes" + labels)
        .doesNotContain("sensor=\"gpu\"") // offline sensor
        .doesNotContain("sensor=\"pmic\"")
        .doesNotContain("jetson_temp_") // seed families: only with seed-families
        .doesNotContain("jetson_power_vdd")
        // the rails reach the core as readings: windows and the meter class come with them
        .containsPattern(
            "powermon_power_window_max_watts\\{device=\"[^\"]+\",domain=\"VDD_IN\",source=\"jetson\"\\}")
        .contains("powermon_source_info{class=\"component\",source=\"jetson\"} 1");
    assertThat(Promtool.checkMetrics(scrape)).isEmpty();
    // the table written back holds declared families only, every one on
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.readString(config).contains("jetson_temperature_celsius: true")
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(Files.readString(config))
        .contains("  jetson_temperature_celsius: true\n")
        .contains("  jetson_engine_usage_ratio: true\n")
        .doesNotContainPattern("jetson_[a-z0-9_]+: false");
  }

  @Test
  void seedFamiliesAreServedWhenAskedFor() throws Exception {
    start("--collector.jetson.seed-families=true");
    String scrape = scrapeOnceTegrastatsHasPrinted();
    String labels = "{device_type=\"NVIDIA Jetson Orin Nano Developer Kit\",hostname=\"";

    assertThat(scrape)
        .contains("jetson_power_vdd_in_watts" + labels)
        .contains("jetson_power_vdd_soc_watts" + labels)
        .contains("jetson_temp_cpu_celsius" + labels)
        .contains("jetson_cpu_core0_usage_percent" + labels)
        .contains("jetson_cpu_avg_usage_percent" + labels)
        .contains("} 20.0\n") // (30 + 10) / 2
        .contains("jetson_engine_nvdec_active" + labels)
        .contains("jetson_temperature_celsius" + labels);
    assertThat(Promtool.checkMetrics(scrape)).isEmpty();
  }

  @Test
  void aSilentTegrastatsIsStaleNotSuccess() throws Exception {
    start(true); // tegrastats is the only power source: it prints one line, then stays alive and
    // silent

    long deadline = System.nanoTime() + 30_000_000_000L;
    String scrape = Http.get(base + "/metrics").body();
    while (!scrape.contains("powermon_collector_success{collector=\"jetson\"} 0.0")
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      scrape = Http.get(base + "/metrics").body();
    }

    assertThat(scrape)
        .contains("powermon_collector_success{collector=\"jetson\"} 0.0")
        .doesNotContain("source=\"jetson\"} 9") // the line's 9 W is not served as current
        .doesNotContain("jetson_temperature_celsius");
    assertThat(Http.get(base + "/").body()).contains("no fresh reading since");
  }

  private String scrapeOnceTegrastatsHasPrinted() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    String scrape = Http.get(base + "/metrics").body();
    while (!scrape.contains("jetson_temperature_celsius") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      scrape = Http.get(base + "/metrics").body();
    }
    return scrape;
  }

  private static void channel(Path hwmon, int n, String label, long millivolts, long milliamps)
      throws IOException {
    write(hwmon.resolve("in" + n + "_label"), label + "\n");
    write(hwmon.resolve("in" + n + "_input"), millivolts + "\n");
    write(hwmon.resolve("curr" + n + "_input"), milliamps + "\n");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
