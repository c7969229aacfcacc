package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.Collector;
import dev.powermon.api.MeterClass;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.RecordedReadings.Reading;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider → open → readings and collect, with sysfs trees and a fake tegrastats in temp dirs. */
class JetsonCollectorTest {
  private static final String LINE =
      "RAM 3300/7620MB (lfb 6x2MB) CPU [30%@1510,10%@1510] GR3D_FREQ 45%@[612] cpu@60.5C "
          + "VDD_IN 6000mW/6000mW VDD_CPU_GPU_CV 1610mW/1605mW VDD_SOC 1250mW/1249mW";
  private final JetsonProvider provider = new JetsonProvider();
  @TempDir Path root;

  @Test
  void sysfsRailsReachTheCoreAsComponentReadingsAtTheirOwnTimestamps() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    long before = System.currentTimeMillis();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("no-tegrastats"));
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("jetson");
      Poll.until(
          "five readings of the input rail", () -> readings.of("edge-1", "VDD_IN").size() >= 5);
      long after = System.currentTimeMillis();
      List<Reading> vddIn = readings.of("edge-1", "VDD_IN");

      assertThat(readings.meterClass()).isEqualTo(MeterClass.COMPONENT);
      assertThat(vddIn)
          .allSatisfy(
              r -> {
                assertThat(r.watts()).isCloseTo(5.08, within(1e-9)); // 5080 mV × 1000 mA
                assertThat(r.joules()).isNaN(); // power at an instant: the core integrates
                assertThat(r.epochMillis()).isBetween(before, after);
              });
      // each reading carries the time it was taken, one sampling interval apart, never a scrape's
      // time
      for (int i = 1; i < vddIn.size(); i++) {
        assertThat(vddIn.get(i).epochMillis()).isGreaterThan(vddIn.get(i - 1).epochMillis());
      }
      assertThat(readings.last("edge-1", "total").watts()).isCloseTo(5.08, within(1e-9));
      assertThat(readings.last("edge-1", "VDD_SOC").watts()).isCloseTo(1.62432, within(1e-9));
      assertThat(c.samplingInterval()).hasValue(java.time.Duration.ofMillis(100));
      MetricValues v = MetricValues.of(c.collect());
      assertThat(v.value("jetson_sysfs_up", "device_type", "NVIDIA Jetson Orin Nano Developer Kit"))
          .isEqualTo(1.0);
      assertThat(v.has("powermon_power_watts")).isFalse(); // the core builds it from the readings
      assertThat(v.has("jetson_tegrastats_up")).isFalse();
    }
  }

  @Test
  void agxOrinSysfsHasNoTotal() throws Exception {
    SysfsTree tree = new SysfsTree(root).agxOrin();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none"));
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("jetson");

      assertThat(readings.all())
          .extracting(Reading::domain)
          .containsOnly("VDDQ_VDD2_1V8AO", "VDD_CPU_CV", "VDD_GPU_SOC", "VIN_SYS_5V0");
      assertThat(c.summary())
          .contains(
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
      assertThat(t.readings("jetson").last("edge-1", "total").watts())
          .isCloseTo(26.686, within(1e-9));
      assertThat(n.readings("jetson").last("edge-1", "total").watts())
          .isCloseTo(2.23, within(1e-9));
    }
  }

  @Test
  void whenSysfsRailsAreReadableTegrastatsRailsAreIgnored() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack5OrinNano();
    Path tegrastats = new FakeTegrastats(root).steady(LINE).install();
    try (TestContext ctx = context(tree.sysfs(), tegrastats);
        Collector c = provider.open(ctx)) {
      Poll.until("a tegrastats line", () -> has(c, "jetson_temperature_celsius"));
      MetricValues v = MetricValues.of(c.collect());

      assertThat(ctx.readings("jetson").all())
          .allSatisfy(r -> assertThat(r.watts()).isNotEqualTo(6.0));
      assertThat(v.value("jetson_temperature_celsius", "sensor", "cpu")).isEqualTo(60.5);
      assertThat(v.value("jetson_engine_frequency_hertz", "engine", "GR3D")).isEqualTo(612e6);
      assertThat(c.summary()).anySatisfy(s -> assertThat(s).startsWith("power rails from sysfs:"));
      DeclarationCheck.assertEmitsOnlyDeclared(provider, c.collect());
    }
  }

  @Test
  void deviceTypeSettingOverridesTheModelAndSeedFamiliesAreOptIn() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx =
            TestContext.forProvider(provider)
                .setting("sysfs", tree.sysfs().toString())
                .setting("tegrastats", root.resolve("none").toString())
                .setting("device-type", "lab-nano")
                .setting("seed-families", "true")
                .build();
        Collector c = provider.open(ctx)) {
      assertThat(
              MetricValues.of(c.collect())
                  .value("jetson_power_pom_5v_in_watts", "device_type", "lab-nano"))
          .isCloseTo(2.23, within(1e-9));
    }
  }

  @Test
  void anUnreadableRailCostsThatRailOnlyAndIsCountedAsItsField() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none"));
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("jetson");
      SysfsTree.write(
          tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power1_input"), "garbage\n");

      Poll.until("the failed read to show", () -> ctx.problems().count("ina/POM_5V_GPU") >= 2);
      int gpuReadings = readings.of("edge-1", "POM_5V_GPU").size();
      int cpuReadings = readings.of("edge-1", "POM_5V_CPU").size();
      Poll.until(
          "the other rails to keep reading",
          () -> readings.of("edge-1", "POM_5V_CPU").size() > cpuReadings + 2);

      assertThat(readings.of("edge-1", "POM_5V_GPU")).hasSize(gpuReadings); // dropped, not zeroed
      assertThat(readings.last("edge-1", "total").watts()).isCloseTo(2.23, within(1e-9));
      assertThat(ctx.problems().failing())
          .containsOnlyKeys("ina/POM_5V_GPU")
          .hasEntrySatisfying(
              "ina/POM_5V_GPU", reason -> assertThat(reason).endsWith("read 'garbage'"));
      assertThat(MetricValues.of(c.collect()).value("jetson_sysfs_up")).isEqualTo(1.0);

      SysfsTree.write(
          tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power1_input"), "40\n");
      Poll.until("the rail to come back", () -> ctx.problems().failing().isEmpty());
    }
  }

  @Test
  void railsThatStayUnreadableHandTheCoreNoReadings() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none"));
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("jetson");
      Path iio = tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0");
      for (int n = 0; n < 3; n++) {
        SysfsTree.write(iio.resolve("in_power" + n + "_input"), "garbage\n");
      }
      Poll.until("every rail to fail", () -> ctx.problems().failing().size() == 3);
      int count = readings.all().size();
      Poll.until("three more samples", () -> ctx.problems().count("ina/POM_5V_IN") >= 4);

      // no reading means the core's staleness takes over after three intervals
      assertThat(readings.all()).hasSize(count);
      assertThat(c.samplingInterval()).isPresent();
      assertThat(MetricValues.of(c.collect()).value("jetson_sysfs_up")).isEqualTo(0.0);
    }
  }

  @Test
  void aFifoInPlaceOfARailFileIsRefusedWithoutBlockingTheSampler() throws Exception {
    SysfsTree tree = new SysfsTree(root).jetpack4Nano();
    Path rail = tree.sysfs().resolve("bus/i2c/devices/6-0040/iio:device0/in_power2_input");
    try (TestContext ctx = context(tree.sysfs(), root.resolve("none"));
        Collector c = provider.open(ctx)) {
      RecordedReadings readings = ctx.readings("jetson");
      Files.delete(rail);
      Process mkfifo = new ProcessBuilder("mkfifo", rail.toString()).start();
      assertThat(mkfifo.waitFor()).isZero();

      Poll.until("the FIFO to be counted", () -> ctx.problems().count("ina/POM_5V_CPU") >= 2);
      int inputReadings = readings.of("edge-1", "POM_5V_IN").size();
      Poll.until(
          "the other rails to keep reading",
          () -> readings.of("edge-1", "POM_5V_IN").size() > inputReadings);
      assertThat(ctx.problems().failing().get("ina/POM_5V_CPU")).endsWith("not a regular file");
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
