package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every family the collector can emit passes {@code promtool check metrics} (names, units, HELP).
 */
class PromtoolTest {
  @TempDir Path sysfs;

  @Test
  void expositionPassesPromtool() throws Exception {
    long max = 50_000_000;
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0-die-0", 45_000_000, max)
            .zone("intel-rapl:0:0", "dram", 30_000_000_000L, PowercapTree.AMD_MAX)
            .zone("intel-rapl:1", "psys", 1, max)
            .zone("intel-rapl-mmio:0", "package-0-die-0", 1, max)
            .constraint("intel-rapl:0", 0, "long_term", 15_000_000);
    Harness h = new Harness(tree).sample();
    h.files.fail("intel-rapl:1/energy_uj", new AccessDeniedException("energy_uj"));
    tree.energy("intel-rapl:0", 4_000_000)
        .energy("intel-rapl:0:0", 0); // a wrap, and 30 kJ back: a reset
    h.sample();
    String text = h.metrics().text();
    assertThat(text)
        .contains(
            "powermon_rapl_wraps_total",
            "powermon_rapl_dropped_samples_total",
            "powermon_rapl_read_errors_total",
            "powermon_rapl_sampling_interval_seconds");

    Process promtool =
        new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    try (OutputStream in = promtool.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(output).isEmpty();
    assertThat(promtool.exitValue()).isZero();
  }
}
