package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import java.nio.file.Path;
import java.time.Duration;
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
    tree.energy("intel-rapl:0", 500_000); // driver reload: back to 0.5 J (a 35.5 kJ "wrap" in 1 s)
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

  @Test
  void anIntervalTooLongForTheWrapPeriodIsShortenedAndSaidOnce() {
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 0, 50_000_000);
    Harness h = new Harness(tree).sample(); // configured for 1 s
    for (int i = 1; i <= 3; i++) {
      tree.energy("intel-rapl:0", i * 20_000_000L % 50_000_000L); // 20 W
      h.sample();
    }
    // 50 J at 20 W wraps every 2.5 s, within 4 intervals of 1 s: an eighth of it is 312 ms
    assertThat(h.warnings)
        .containsExactly(
            "RAPL sampling: counters wrap every 2.500s at the current power, within 4 sampling"
                + " intervals of 1s: sampling every 312ms until the power falls.");
    assertThat(h.intervalInUse()).isEqualTo(Duration.ofNanos(312_500_000));
    assertThat(h.metrics().value("powermon_rapl_shortest_wrap_seconds")).isEqualTo(2.5);
    assertThat(h.metrics().value("powermon_rapl_sampling_interval_seconds")).isEqualTo(0.3125);
    assertThat(h.joules("domain", "package")).isEqualTo(60.0);
  }

  @Test
  void evenTheFloorTooSlowForTheWrapsIsSaidOnce() {
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 0, 20_000);
    Harness h = new Harness(tree).sample();
    for (int i = 1; i <= 3; i++) {
      tree.energy("intel-rapl:0", i * 10_000L % 20_000L); // 10 mJ a millisecond: a 2 ms wrap
      h.sampleAfter(Duration.ofMillis(1));
    }
    assertThat(h.intervalInUse()).isEqualTo(AdaptiveInterval.FLOOR);
    assertThat(h.warnings)
        .hasSize(2)
        .last()
        .isEqualTo(
            "RAPL wraps: counters wrap every 0.002s, faster than sampling every 10ms can follow:"
                + " wraps may be missed and counted as resets"
                + " (powermon_rapl_dropped_samples_total).");
  }

  @Test
  void zonesAreLookedForAgainOnTheTimer() {
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 0, AMD_MAX);
    Harness h = new Harness(tree).sample();
    tree.zone("intel-rapl:1", "package-1", 0, AMD_MAX);
    h.sampleAfter(Duration.ofMinutes(1));
    assertThat(h.metrics().series(ENERGY, "socket", "1"))
        .isEmpty(); // the rediscovery timer is 5 min
    h.sampleAfter(Duration.ofMinutes(5));
    tree.energy("intel-rapl:1", 3_000_000);
    assertThat(h.sample().joules("socket", "1")).isEqualTo(3.0);
  }
}
