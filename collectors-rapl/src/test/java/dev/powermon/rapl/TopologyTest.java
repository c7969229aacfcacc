package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.AMD_MAX;
import static dev.powermon.rapl.PowercapTree.INTEL_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.MetricValues;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every topology from issue 3, each on a tree written here, checked against joules computed by
 * hand.
 */
class TopologyTest {
  private static final String ENERGY = "powermon_energy_joules_total";
  private static final String POWER = "powermon_power_watts";
  private static final String INFO = "powermon_rapl_zone_info";

  @TempDir Path sysfs;

  @Test
  void twoSocketXeonWithDramAtN0() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .vendor(0)
            .zone("intel-rapl:0", "package-0", 100_000_000, INTEL_MAX)
            .zone("intel-rapl:0:0", "dram", 10_000_000, 65_532_610_987L)
            .zone("intel-rapl:1", "package-1", 200_000_000, INTEL_MAX)
            .zone("intel-rapl:1:0", "dram", 20_000_000, 65_532_610_987L)
            .constraint("intel-rapl:0", 0, "long_term", 205_000_000)
            .constraint("intel-rapl:0", 1, "short_term", 246_000_000);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 300_000_000) // +200 J
        .energy("intel-rapl:0:0", 30_000_000) // +20 J
        .energy("intel-rapl:1", 360_000_000) // +160 J
        .energy("intel-rapl:1:0", 34_000_000); // +14 J
    h.sampleAfter(Duration.ofSeconds(2));

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0")).isEqualTo(200.0);
    assertThat(m.value(ENERGY, "domain", "dram", "socket", "0")).isEqualTo(20.0);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "1")).isEqualTo(160.0);
    assertThat(m.value(ENERGY, "domain", "dram", "socket", "1")).isEqualTo(14.0);
    // total = packages + dram = 200 + 20 + 160 + 14 = 394 J over 2 s = 197 W
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(394.0);
    assertThat(m.value(POWER, "domain", "total")).isEqualTo(197.0);
    assertThat(m.value(POWER, "domain", "package", "socket", "0")).isEqualTo(100.0);
    assertThat(m.value(ENERGY, "domain", "total", "source", "rapl", "device", Harness.HOST))
        .isEqualTo(394.0);
    assertThat(
            m.value(
                "powermon_rapl_power_limit_watts",
                "rapl_zone",
                "intel-rapl:0",
                "constraint",
                "long_term"))
        .isEqualTo(205.0);
    assertThat(m.value("powermon_rapl_max_energy_range_joules", "rapl_zone", "intel-rapl:0:0"))
        .isEqualTo(65_532.610987);
    assertThat(m.series(ENERGY)).hasSize(5);
  }

  @Test
  void clientWithPsysAndADuplicateMmioPackage() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0", 5_000_000_000L, INTEL_MAX)
            .zone("intel-rapl:0:0", "core", 3_000_000_000L, INTEL_MAX)
            .zone("intel-rapl:0:1", "uncore", 200_000_000, INTEL_MAX)
            .zone("intel-rapl:1", "psys", 9_000_000_000L, INTEL_MAX)
            .zone("intel-rapl-mmio:0", "package-0", 5_000_000_000L, INTEL_MAX);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 5_015_000_000L) // +15 J
        .energy("intel-rapl:0:0", 3_010_000_000L) // +10 J
        .energy("intel-rapl:0:1", 201_000_000) // +1 J
        .energy("intel-rapl:1", 9_025_000_000L) // +25 J
        .energy("intel-rapl-mmio:0", 5_015_000_000L);
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.series(ENERGY, "domain", "package")).hasSize(1);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0")).isEqualTo(15.0);
    assertThat(m.value(ENERGY, "domain", "core")).isEqualTo(10.0);
    assertThat(m.value(ENERGY, "domain", "uncore")).isEqualTo(1.0);
    assertThat(m.value(ENERGY, "domain", "psys")).isEqualTo(25.0);
    // psys covers package, dram and SoC: the total is psys alone, not psys + package.
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(25.0);
    assertThat(
            m.value(
                INFO,
                "rapl_zone",
                "intel-rapl-mmio:0",
                "state",
                "duplicate",
                "kept_zone",
                "intel-rapl:0",
                "control_type",
                "intel-rapl-mmio"))
        .isEqualTo(1.0);
    assertThat(m.value(INFO, "rapl_zone", "intel-rapl:0", "state", "kept")).isEqualTo(1.0);
  }

  @Test
  void tpmiIsPreferredOverMmio() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl-mmio:0", "package-0", 1_000_000, INTEL_MAX)
            .zone("intel-rapl-tpmi:0", "package-0", 2_000_000, INTEL_MAX);
    MetricValues m = new Harness(tree).sample().metrics();
    assertThat(m.value(INFO, "rapl_zone", "intel-rapl-tpmi:0", "state", "kept")).isEqualTo(1.0);
    assertThat(
            m.value(
                INFO,
                "rapl_zone",
                "intel-rapl-mmio:0",
                "state",
                "duplicate",
                "kept_zone",
                "intel-rapl-tpmi:0"))
        .isEqualTo(1.0);
  }

  @Test
  void twoSocketAmdHasPackageAndCoreOnly() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .vendor(2)
            .zone("intel-rapl:0", "package-0", 40_000_000_000L, AMD_MAX)
            .zone("intel-rapl:0:0", "core", 20_000_000_000L, AMD_MAX)
            .zone("intel-rapl:1", "package-1", 41_000_000_000L, AMD_MAX)
            .zone("intel-rapl:1:0", "core", 21_000_000_000L, AMD_MAX);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 40_180_000_000L) // +180 J
        .energy("intel-rapl:0:0", 20_120_000_000L) // +120 J
        .energy("intel-rapl:1", 41_150_000_000L) // +150 J
        .energy("intel-rapl:1:0", 21_100_000_000L); // +100 J
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.value(ENERGY, "domain", "core", "socket", "1")).isEqualTo(100.0);
    // no psys, no dram: total = 180 + 150 packages, cores are inside them
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(330.0);
    assertThat(m.value(POWER, "domain", "total")).isEqualTo(330.0);
  }

  @Test
  void multiDieCascadeLakeApLabelsDiesNotMetricNames() {
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0-die-0", 1_000_000_000, INTEL_MAX)
            .zone("intel-rapl:0:0", "dram", 100_000_000, INTEL_MAX)
            .zone("intel-rapl:1", "package-0-die-1", 1_500_000_000, INTEL_MAX)
            .zone("intel-rapl:1:0", "dram", 150_000_000, INTEL_MAX);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:0", 1_070_000_000) // +70 J
        .energy("intel-rapl:0:0", 105_000_000) // +5 J
        .energy("intel-rapl:1", 1_580_000_000) // +80 J
        .energy("intel-rapl:1:0", 156_000_000); // +6 J
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.names()).allMatch(n -> !n.contains("die_1"));
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0", "die", "0")).isEqualTo(70.0);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0", "die", "1")).isEqualTo(80.0);
    assertThat(m.value(ENERGY, "domain", "dram", "socket", "0", "die", "1")).isEqualTo(6.0);
    // total = 70 + 5 + 80 + 6
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(161.0);
  }

  @Test
  void amdPerCcdDuplicatesCollapseToOnePackagePerSocket() {
    // 2 sockets x 8 CCDs, ids intel-rapl:0..f (hex), every die zone repeating its socket's counter.
    PowercapTree tree = new PowercapTree(sysfs).vendor(2);
    for (int i = 0; i < 16; i++) {
      int socket = i / 8;
      String id = "intel-rapl:" + Integer.toHexString(i);
      tree.zone(
              id,
              "package-" + socket + "-die-" + (i % 8),
              40_000_000_000L + socket * 1_000_000_000L,
              AMD_MAX)
          .zone(id + ":0", "core", 20_000_000_000L + socket * 1_000_000_000L, AMD_MAX);
    }
    Harness h = new Harness(tree).sample();
    for (int i = 0; i < 16; i++) {
      int socket = i / 8;
      String id = "intel-rapl:" + Integer.toHexString(i);
      tree.energy(id, 40_000_000_000L + socket * 1_000_000_000L + 250_000_000) // +250 J per socket
          .energy(id + ":0", 20_000_000_000L + socket * 1_000_000_000L + 90_000_000); // +90 J
    }
    h.sample();

    MetricValues m = h.metrics();
    assertThat(m.series(ENERGY, "domain", "package")).hasSize(2);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "0")).isEqualTo(250.0);
    assertThat(m.value(ENERGY, "domain", "package", "socket", "1")).isEqualTo(250.0);
    assertThat(m.series(ENERGY, "domain", "package", "die", "0")).isEmpty();
    assertThat(m.value(ENERGY, "domain", "core", "socket", "1")).isEqualTo(90.0);
    // 2 sockets x 250 J, not 16 x 250 J
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(500.0);
    assertThat(m.series(INFO, "state", "lockstep"))
        .hasSize(28); // 14 die zones and their 14 core zones
    assertThat(
            m.value(
                INFO,
                "rapl_zone",
                "intel-rapl:f",
                "state",
                "lockstep",
                "kept_zone",
                "intel-rapl:8"))
        .isEqualTo(1.0);
    assertThat(
            m.value(INFO, "rapl_zone", "intel-rapl:8", "state", "kept", "socket", "1", "die", ""))
        .isEqualTo(1.0);
  }

  @Test
  void hexIdsAreZonesAndTheSocketComesFromTheName() {
    // Registration order, not the socket: intel-rapl:a is package-10, intel-rapl:1 is psys.
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:1", "psys", 0, INTEL_MAX)
            .zone("intel-rapl:a", "package-10", 0, INTEL_MAX)
            .zone("intel-rapl:a:b", "dram", 0, INTEL_MAX);
    Harness h = new Harness(tree).sample();
    tree.energy("intel-rapl:a", 4_000_000)
        .energy("intel-rapl:a:b", 1_000_000)
        .energy("intel-rapl:1", 9_000_000);
    MetricValues m = h.sample().metrics();
    assertThat(m.value(ENERGY, "domain", "package", "socket", "10")).isEqualTo(4.0);
    assertThat(m.value(ENERGY, "domain", "dram", "socket", "10")).isEqualTo(1.0);
    assertThat(m.value(ENERGY, "domain", "total")).isEqualTo(9.0);
    assertThat(m.value(POWER, "domain", "psys")).isCloseTo(9.0, within(1e-9));
  }
}
