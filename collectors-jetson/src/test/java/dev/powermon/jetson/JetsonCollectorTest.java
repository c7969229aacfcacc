package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider → open → collect with sysfs trees and a fake tegrastats in temp dirs. */
class JetsonCollectorTest {
  private static final String LINE =
      "RAM 3300/7620MB (lfb 6x2MB) CPU [30%@1510,10%@1510] GR3D_FREQ 45%@[612] cpu@60.5C "
          + "VDD_IN 6000mW/6000mW VDD_CPU_GPU_CV 1610mW/1605mW VDD_SOC 1250mW/1249mW";
  private final JetsonProvider provider = new JetsonProvider();
  @TempDir Path root;

  @Test
  void sysfsOnlyOrinNanoExportsRailsTotalAndIncreasingEnergy() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("no-tegrastats"));
        Collector c = provider.open(ctx)) {
      MetricValues v = MetricValues.of(c.collect());
      String[] labels = {"device_type", "NVIDIA Jetson Orin Nano Developer Kit", "hostname", "edge-1"};

      assertThat(v.value("powermon_power_watts", "domain", "VDD_IN", "device", "edge-1")).isCloseTo(5.08, within(1e-9));
      assertThat(v.value("powermon_power_watts", "domain", "total", "device", "edge-1")).isCloseTo(5.08, within(1e-9));
      assertThat(v.value("jetson_sysfs_up", labels)).isEqualTo(1.0);
      assertThat(v.value("jetson_sysfs_up")).isEqualTo(1.0);
      assertThat(v.has("jetson_tegrastats_up")).isFalse();

      // constant 5.08 W: after t seconds the counter reads 5.08 × t, so it must grow and stay monotonic
      Poll.until("energy to accumulate", () -> joules(c, "total") > 0.5);
      double first = joules(c, "total");
      Poll.until("energy to grow further", () -> joules(c, "total") > first);
      assertThat(joules(c, "VDD_SOC") / joules(c, "VDD_IN")).isCloseTo(1.62432 / 5.08, within(0.02));
    }
  }

  @Test
  void agxOrinSysfsHasNoTotal() throws Exception {
    SysfsTree tree = new SysfsTree(root).agxOrin();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none")); Collector c = provider.open(ctx)) {
      MetricValues v = MetricValues.of(c.collect());

      assertThat(v.series("powermon_power_watts")).hasSize(4);
      assertThat(v.series("powermon_power_watts", "domain", "total")).isEmpty();
      assertThat(c.summary()).contains(
          "power rails from sysfs: VDDQ_VDD2_1V8AO, VDD_CPU_CV, VDD_GPU_SOC, VIN_SYS_5V0;"
              + " no input rail, so no total (the rails are parts of the module)");
    }
  }

  @Test
  void thorAndJetpack4TotalsAreTheirInputRails() throws Exception {
    SysfsTree thor = new SysfsTree(root.resolve("thor")).thor();
    SysfsTree nano = new SysfsTree(root.resolve("nano")).jetpack4Nano();
    try (TestContext t = context(thor.sysfs(), root.resolve("none"));
        Collector thorCollector = provider.open(t);
        TestContext n = context(nano.sysfs(), root.resolve("none"));
        Collector nanoCollector = provider.open(n)) {
      assertThat(MetricValues.of(thorCollector.collect()).value("powermon_power_watts", "domain", "total"))
          .isCloseTo(26.686, within(1e-9));
      assertThat(MetricValues.of(nanoCollector.collect()).value("powermon_power_watts", "domain", "total"))
          .isCloseTo(2.23, within(1e-9));
    }
  }

  @Test
  void whenSysfsRailsAreReadableTegrastatsRailsAreIgnored() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    Path tegrastats = new FakeTegrastats(root).steady(LINE).install();
    try (TestContext ctx = context(tree.sysfs(), tegrastats); Collector c = provider.open(ctx)) {
      Poll.until("a tegrastats line", () -> has(c, "jetson_temperature_celsius"));
      MetricValues v = MetricValues.of(c.collect());

      assertThat(v.value("powermon_power_watts", "domain", "VDD_IN")).isCloseTo(5.08, within(1e-9)); // sysfs, not 6.0
      assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
      assertThat(v.value("jetson_engine_frequency_hertz", "engine", "GR3D")).isEqualTo(612e6);
      assertThat(c.summary()).anySatisfy(s -> assertThat(s).startsWith("power rails from sysfs:"));
    }
  }

  @Test
  void deviceTypeSettingOverridesTheModelAndSeedFamiliesAreOptIn() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx = TestContext.forProvider(provider).setting("sysfs", tree.sysfs().toString())
            .setting("tegrastats", root.resolve("none").toString()).setting("device-type", "lab-nano")
            .setting("seed-families", "true").build();
        Collector c = provider.open(ctx)) {
      assertThat(MetricValues.of(c.collect()).value("jetson_power_pom_5v_in_watts", "device_type", "lab-nano"))
          .isCloseTo(2.23, within(1e-9));
    }
  }

  @Test
  void anUnreadableRailCostsThatRailOnlyAndIsCountedAsItsField() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none")); Collector c = provider.open(ctx)) {
      SysfsTree.write(tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power1_input"), "garbage\n");

      Poll.until("the failed read to show", () -> problems(c, "ina/POM_5V_GPU") >= 2);
      MetricValues v = MetricValues.of(c.collect());

      assertThat(v.series("powermon_power_watts", "domain", "POM_5V_GPU")).isEmpty(); // dropped, not zeroed
      assertThat(v.series("powermon_energy_joules_total", "domain", "POM_5V_GPU")).isEmpty();
      assertThat(v.value("powermon_power_watts", "domain", "POM_5V_CPU")).isCloseTo(0.512, within(1e-9));
      assertThat(v.value("powermon_power_watts", "domain", "total")).isCloseTo(2.23, within(1e-9));
      assertThat(v.value("jetson_sysfs_up")).isEqualTo(1.0);

      SysfsTree.write(tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power1_input"), "40\n");
      Poll.until("the rail to come back", () -> watts(c, "POM_5V_GPU") == 0.04);
    }
  }

  @Test
  void railsThatStayUnreadableAreStaleNotServed() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none")); Collector c = provider.open(ctx)) {
      Path iio = tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0");
      for (int n = 0; n < 3; n++) {
        SysfsTree.write(iio.resolve("in_power" + n + "_input"), "garbage\n");
      }

      Poll.until("the rails to go stale", () -> failure(c).startsWith("no fresh reading since 20"));
      assertThat(failure(c)).contains("the INA power monitors have not been read for 3s");
    }
  }

  @Test
  void aFifoInPlaceOfARailFileIsRefusedWithoutBlockingTheSampler() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    Path rail = tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power2_input");
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none")); Collector c = provider.open(ctx)) {
      Files.delete(rail);
      Process mkfifo = new ProcessBuilder("mkfifo", rail.toString()).start();
      assertThat(mkfifo.waitFor()).isZero();

      Poll.until("the FIFO to be counted", () -> problems(c, "ina/POM_5V_CPU") >= 2);
      double before = joules(c, "POM_5V_IN");
      Poll.until("the other rails to keep integrating", () -> joules(c, "POM_5V_IN") > before);
      assertThat(MetricValues.of(c.collect()).series("powermon_power_watts", "domain", "POM_5V_CPU")).isEmpty();
    }
  }

  private TestContext context(Path sysfs, Path tegrastats) {
    return TestContext.forProvider(provider)
        .setting("sysfs", sysfs.toString())
        .setting("tegrastats", tegrastats.toString())
        .setting("interval", "100ms")
        .hostname("edge-1")
        .build();
  }

  static double joules(Collector c, String domain) {
    try {
      return MetricValues.of(c.collect()).value("powermon_energy_joules_total", "domain", domain);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static double watts(Collector c, String domain) {
    try {
      return MetricValues.of(c.collect()).value("powermon_power_watts", "domain", domain);
    } catch (Exception | AssertionError e) {
      return -1;
    }
  }

  static double problems(Collector c, String field) {
    try {
      MetricValues v = MetricValues.of(c.collect());
      return v.series("powermon_parse_problems_total", "field", field).isEmpty()
          ? 0 : v.value("powermon_parse_problems_total", "field", field);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The message collect() fails with, or "" while it succeeds. */
  static String failure(Collector c) {
    try {
      c.collect();
      return "";
    } catch (Exception e) {
      return e.getMessage();
    }
  }

  static boolean has(Collector c, String family) {
    try {
      return MetricValues.of(c.collect()).has(family);
    } catch (Exception e) {
      return false;
    }
  }
}
