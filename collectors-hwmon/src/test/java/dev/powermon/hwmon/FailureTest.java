package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fail narrow: a bad value costs its sensor, a broken chip its own series, never the others. */
class FailureTest {
  private static final String POWER = "powermon_hwmon_power_watts";

  @TempDir Path dir;

  private TestContext context(HwmonTree tree) {
    return TestContext.forProvider(Fixtures.provider())
        .setting("sysfs", tree.sysfs().toString())
        .setting("interval", "100ms")
        .hostname("board")
        .build();
  }

  @Test
  void acpiMetersErrorReadingOf4Point29MegawattsIsDroppedAndCounted() throws Exception {
    // lm-sensors #460: the meter returns 0xFFFFFFFF mW, which the driver scales to µW: 4.29 MW
    HwmonTree tree =
        Fixtures.acpiPowerMeter(new HwmonTree(dir.resolve("sys")), "hwmon0", "4294967295000");
    Fixtures.ina260(tree, "hwmon1");
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.series("powermon_hwmon_power_average_watts")).isEmpty();
      assertThat(m.value(POWER, "chip", "ina260-1-0040")).isEqualTo(6.38);
      String field = "power_meter-ACPI000D:00/power1_average";
      assertThat(ctx.problems().count(field)).isGreaterThanOrEqualTo(1);
      assertThat(ctx.problems().failing().get(field))
          .isEqualTo(
              "4294967295000 is the all-ones value a meter returns when it cannot read, not a reading");
      assertThat(ctx.readings("acpi").all()).isEmpty();
      // the meter recovers: its reading is back, the field no longer failing
      tree.set("hwmon0", "power1_average", "190000000");
      Poll.until("the meter reads again", () -> !ctx.readings("acpi").all().isEmpty());
      assertThat(ctx.readings("acpi").last("board", "total").watts()).isEqualTo(190.0);
      assertThat(ctx.problems().failing()).doesNotContainKey(field);
    }
  }

  @Test
  void negativeGarbledAndOversizedValuesCostOnlyTheirSensor() throws Exception {
    HwmonTree tree = Fixtures.pmbusPsu(new HwmonTree(dir.resolve("sys")), "hwmon0");
    tree.set("hwmon0", "power1_input", "-5000000") // negative power
        .set("hwmon0", "curr1_input", "1.2") // not an integer
        .set("hwmon0", "in1_input", "9".repeat(200)) // oversized
        .set("hwmon0", "temp1_input", ""); // empty
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value(POWER, "sensor", "pout1")).isEqualTo(250.0);
      assertThat(m.series(POWER, "sensor", "pin")).isEmpty();
      assertThat(m.series("powermon_hwmon_current_amperes", "sensor", "iin")).isEmpty();
      assertThat(m.value("powermon_hwmon_current_amperes", "sensor", "iout1")).isEqualTo(20.66);
      assertThat(m.series("powermon_hwmon_voltage_volts", "sensor", "vin")).isEmpty();
      assertThat(m.series("powermon_hwmon_temperature_celsius")).isEmpty();
      assertThat(ctx.problems().failing())
          .containsOnlyKeys(
              "pmbus-7-0058/power1_input",
              "pmbus-7-0058/curr1_input",
              "pmbus-7-0058/in1_input",
              "pmbus-7-0058/temp1_input");
      assertThat(ctx.problems().failing().get("pmbus-7-0058/curr1_input"))
          .isEqualTo("'1.2' is not an integer");
      // without its pin the PSU has no wall reading rather than a wrong one (pout is not the input)
      assertThat(ctx.readings("psu").all()).isEmpty();
    }
  }

  @Test
  void aChipWhoseFilesGoUnreadableMidRunLosesOnlyItsOwnSeries() throws Exception {
    HwmonTree tree = Fixtures.amdgpuInputOnly(new HwmonTree(dir.resolve("sys")), "hwmon0");
    Fixtures.twoIna226(tree);
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      assertThat(MetricValues.of(c.collect()).series(POWER, "chip", "amdgpu-0000:03:00.0"))
          .hasSize(1);
      tree.breakChip("hwmon0"); // the GPU fell off the bus: every read fails
      Poll.until("the GPU's series to go", () -> series(c, "amdgpu-0000:03:00.0") == 0);
      Poll.until(
          "the GPU to be forgotten",
          () -> ctx.readings("gpu").forgotten().contains("0000:03:00.0"));
      MetricValues m = MetricValues.of(c.collect());
      assertThat(m.value(POWER, "chip", "ina226-3-0044")).isEqualTo(30.0);
      assertThat(m.value(POWER, "chip", "ina226-3-0045")).isEqualTo(6.0);
      assertThat(m.series("powermon_hwmon_chip_info", "chip", "amdgpu-0000:03:00.0")).hasSize(1);
      assertThat(ctx.problems().failing().get("amdgpu-0000:03:00.0/power1_input"))
          .startsWith("unreadable");
      assertThat(ctx.problems().count("amdgpu-0000:03:00.0/temp1_input")).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void aVanishedClassDirectoryLeavesNoSeriesAndNoError() throws Exception {
    HwmonTree tree = Fixtures.ina260(new HwmonTree(dir.resolve("sys")), "hwmon0");
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      Files.delete(tree.sysfs().resolve("class/hwmon/hwmon0")); // the driver was unbound
      Poll.until("the chip to go", () -> series(c, "ina260-1-0040") == 0);
      assertThat(ctx.readings("hwmon").forgotten()).contains("ina260-1-0040");
    }
  }

  @Test
  void aReadThatNeverReturnsCostsOnlyItsChipUntilItReturns() throws Exception {
    HwmonTree tree = Fixtures.ina260(new HwmonTree(dir.resolve("sys")), "hwmon0");
    Fixtures.amdgpuInputOnly(tree, "hwmon1");
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      // a firmware method that never answers: the attribute becomes a FIFO nobody writes to
      Path file = tree.dir("hwmon0").resolve("power1_input");
      Files.delete(file);
      assertThat(new ProcessBuilder("mkfifo", file.toString()).start().waitFor()).isZero();
      Poll.until("the stuck chip to be left out", () -> series(c, "ina260-1-0040") == 0);
      MetricValues m = MetricValues.of(c.collect()); // the collection itself succeeds
      assertThat(m.value(POWER, "chip", "amdgpu-0000:03:00.0")).isEqualTo(120.25);
      assertThat(ctx.problems().failing().get("hwmon0"))
          .isEqualTo("a read has not returned within 1000 ms; the chip is left out until it does");
      try (OutputStream writer = Files.newOutputStream(file)) { // the read returns at last
        writer.write("7000000\n".getBytes(StandardCharsets.US_ASCII));
      }
      Files.delete(file);
      Files.writeString(file, "7000000\n");
      Poll.until("the chip to read again", () -> series(c, "ina260-1-0040") == 1);
      assertThat(MetricValues.of(c.collect()).value(POWER, "chip", "ina260-1-0040")).isEqualTo(7.0);
      Poll.until("the problem to clear", () -> !ctx.problems().failing().containsKey("hwmon0"));
    }
  }

  private static int series(HwmonCollector c, String chip) {
    try {
      return MetricValues.of(c.collect()).series(POWER, "chip", chip).size();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
