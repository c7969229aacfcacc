package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wraps, resets, unreadable ranges and rediscovery, through the sampler. */
class AccumulationTest {
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path sysfs;

  @Test
  void eachZoneWrapsAtItsOwnRangeAndTheTotalNeverDips() {
    long dramMax = 1_000_000_000L; // 1 kJ, much shorter than the package's
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0", AMD_MAX - 5_000_000, AMD_MAX)
            .zone("intel-rapl:0:0", "dram", dramMax - 1_000_000, dramMax);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 15_000_000).energy("intel-rapl:0:0", 2_000_000);
    h.sample();

    MetricValues m = h.metrics();
    // package: (65532610987 - 65527610987) + 15000000 = 20 J; dram: (1e9 - 999e6) + 2e6 = 3 J
    assertThat(m.value(ENERGY, "domain", "package")).isEqualTo(20.0);
    assertThat(m.value(ENERGY, "domain", "dram")).isEqualTo(3.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(23.0);
    assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0")).isEqualTo(1.0);
    assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0:0")).isEqualTo(1.0);
  }

  @Test
  void aResetIsCountedAndSkipped() {
    PowercapTree tree =
        new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 30_000_000_000L, AMD_MAX);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 30_004_000_000L); // +4 J
    h.sample();
    tree.energy("intel-rapl:0", 500_000); // driver reload: back to 0.5 J
    h.sample();
    tree.energy("intel-rapl:0", 2_500_000); // +2 J
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "domain", "package")).isEqualTo(6.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(6.0);
    assertThat(
            m.value(
                "powermon_rapl_dropped_samples_total",
                "rapl_zone",
                "intel-rapl:0",
                "reason",
                "reset"))
        .isEqualTo(1.0);
    assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0")).isEqualTo(0.0);
  }

  @Test
  void unreadableRangeUsesTheVendorConstantWhenRecognisable() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .vendor(2)
            .zone("intel-rapl:0", "package-0", AMD_MAX - 1_000_000, AMD_MAX);
    Harness h = new Harness(tree);
    h.files.fail(
        "max_energy_range_uj", new java.nio.file.AccessDeniedException("max_energy_range_uj"));
    h.sample();
    tree.energy("intel-rapl:0", 1_000_000);
    h.sample();
    // AMD constant 65532610987: (65532610987 - 65531610987) + 1000000 = 2 J
    assertThat(h.joules("domain", "package")).isEqualTo(2.0);
    assertThat(
            h.metrics().value("powermon_rapl_max_energy_range_joules", "rapl_zone", "intel-rapl:0"))
        .isEqualTo(65_532.610987);
  }

  @Test
  void unreadableRangeOfAnUnknownVendorDropsBackwardsSteps() {
    PowercapTree tree =
        new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 900_000_000, AMD_MAX);
    tree.file("intel-rapl:0", "max_energy_range_uj", "");
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 100_000_000);
    h.sample();
    tree.energy("intel-rapl:0", 104_000_000);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "domain", "package")).isEqualTo(4.0);
    assertThat(m.value("powermon_rapl_dropped_samples_total", "reason", "unknown_range"))
        .isEqualTo(1.0);
    assertThat(m.series("powermon_rapl_max_energy_range_joules")).isEmpty();
  }

  @Test
  void zonesThatAppearAreFoundAfterAReadError() {
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 0, AMD_MAX);
    Harness h = new Harness(tree).sample();
    h.files.fail("intel-rapl:0/energy_uj", new java.nio.file.NoSuchFileException("energy_uj"));
    h.sample();
    h.files.heal();
    tree.zone("intel-rapl:1", "package-1", 0, AMD_MAX);
    h.sample();
    tree.energy("intel-rapl:1", 7_000_000);
    h.sample();
    assertThat(h.joules("socket", "1")).isEqualTo(7.0);
  }
}
