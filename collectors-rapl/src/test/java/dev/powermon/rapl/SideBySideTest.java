package dev.powermon.rapl;

import static dev.powermon.rapl.PowercapTree.INTEL_MAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * powermon's collector beside Debian's node_exporter rapl collector on the same tree: the same
 * joules per zone while counters only advance, and across a wrap powermon keeps rising where
 * node_exporter drops.
 */
class SideBySideTest {
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path dir;

  @Test
  void sameJoulesPerZoneButNoDoubleCountedMmio() throws Exception {
    Path sysfs = dir.resolve("sys");
    PowercapTree tree =
        new PowercapTree(sysfs)
            .zone("intel-rapl:0", "package-0", 100_000_000_000L, INTEL_MAX)
            .zone("intel-rapl:0:0", "dram", 5_000_000_000L, INTEL_MAX)
            .zone("intel-rapl:1", "package-1", 120_000_000_000L, INTEL_MAX)
            .zone("intel-rapl:1:0", "dram", 6_000_000_000L, INTEL_MAX)
            .zone("intel-rapl-mmio:0", "package-0", 100_000_000_000L, INTEL_MAX);
    try (NodeExporter ne = NodeExporter.start(sysfs, dir.resolve("node_exporter.log"));
        TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "20ms")
                .build();
        Collector powermon = new RaplProvider().open(ctx)) {
      Map<String, Double> before = ne.joulesByZone();
      assertThat(before).containsEntry("intel-rapl:0", 100_000.0).hasSize(5);
      tree.energy("intel-rapl:0", 100_123_456_789L) // +123.456789 J
          .energy("intel-rapl:0:0", 5_010_000_000L) // +10 J
          .energy("intel-rapl:1", 120_200_000_000L) // +200 J
          .energy("intel-rapl:1:0", 6_020_000_000L) // +20 J
          .energy("intel-rapl-mmio:0", 100_123_456_789L);
      // 123.456789 + 10 + 200 + 20 = 353.456789 J
      MetricValues m =
          Poll.until(
              powermon,
              ctx.readings("rapl"),
              v -> v.value(ENERGY, "domain", "total") >= 353.456789 - 1e-9);
      Map<String, Double> after = ne.joulesByZone();

      assertThat(after.get("intel-rapl:0") - before.get("intel-rapl:0"))
          .isCloseTo(m.value(ENERGY, "domain", "package", "socket", "0"), within(1e-6));
      assertThat(after.get("intel-rapl:0:0") - before.get("intel-rapl:0:0"))
          .isCloseTo(m.value(ENERGY, "domain", "dram", "socket", "0"), within(1e-6));
      assertThat(after.get("intel-rapl:1") - before.get("intel-rapl:1"))
          .isCloseTo(m.value(ENERGY, "domain", "package", "socket", "1"), within(1e-6));
      assertThat(after.get("intel-rapl:1:0") - before.get("intel-rapl:1:0"))
          .isCloseTo(m.value(ENERGY, "domain", "dram", "socket", "1"), within(1e-6));
      // node_exporter also serves the mmio copy of package-0: summing its packages counts socket 0
      // twice.
      double nodePackages =
          after.entrySet().stream()
              .filter(e -> !e.getKey().matches(".*:\\d+:\\d+")) // top-level zones: the packages
              .mapToDouble(e -> e.getValue() - before.get(e.getKey()))
              .sum();
      assertThat(nodePackages).isCloseTo(2 * 123.456789 + 200, within(1e-6));
      assertThat(m.series(ENERGY, "domain", "package")).hasSize(2);
      double powermonPackages =
          m.value(ENERGY, "domain", "package", "socket", "0")
              + m.value(ENERGY, "domain", "package", "socket", "1");
      assertThat(powermonPackages).isCloseTo(123.456789 + 200, within(1e-6));
    }
  }

  @Test
  void acrossAWrapPowermonRisesWhereNodeExporterDrops() throws Exception {
    Path sysfs = dir.resolve("sys");
    long max = 50_000_000; // 50 J
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", 45_000_000, max);
    try (NodeExporter ne = NodeExporter.start(sysfs, dir.resolve("node_exporter.log"));
        TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "20ms")
                .build();
        Collector powermon = new RaplProvider().open(ctx)) {
      double nodeBefore = ne.joulesByZone().get("intel-rapl:0");
      tree.energy("intel-rapl:0", 5_000_000); // wrapped: (50 - 45) + 5 = +10 J
      MetricValues m =
          Poll.until(powermon, ctx.readings("rapl"), v -> v.value(ENERGY, "domain", "package") > 0);
      double nodeAfter = ne.joulesByZone().get("intel-rapl:0");

      assertThat(nodeBefore).isEqualTo(45.0);
      assertThat(nodeAfter).isEqualTo(5.0); // a counter going down: Prometheus sees a reset
      assertThat(m.value(ENERGY, "domain", "package")).isEqualTo(10.0);
      assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0")).isEqualTo(1.0);
    }
  }
}
