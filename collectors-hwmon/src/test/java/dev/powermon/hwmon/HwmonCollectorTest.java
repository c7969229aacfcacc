package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.MeterClass;
import dev.powermon.testkit.DeclarationCheck;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector on the fixture trees: labels, base units, and the unified families per known chip.
 */
class HwmonCollectorTest {
  @TempDir Path dir;

  private TestContext context(HwmonTree tree, String... rails) {
    TestContext.Builder b =
        TestContext.forProvider(Fixtures.provider())
            .setting("sysfs", tree.sysfs().toString())
            .setting("interval", "100ms")
            .hostname("board");
    if (rails.length > 0) {
      b.setting("rails", rails);
    }
    return b.build();
  }

  @Test
  void twoIdenticalChipsGetDistinctLabelsThatSurviveRenumbering() throws Exception {
    HwmonTree first = Fixtures.twoIna226(new HwmonTree(dir.resolve("boot1")));
    // the next boot probes them in the other order: hwmon numbers swap, devices do not
    HwmonTree second = new HwmonTree(dir.resolve("boot2"));
    Fixtures.ina226(second, "hwmon0", Fixtures.INA226_B_DEVICE, "12000", "500", "6000000");
    Fixtures.ina226(second, "hwmon7", Fixtures.INA226_A_DEVICE, "12000", "2500", "30000000");
    for (HwmonTree tree : new HwmonTree[] {first, second}) {
      try (TestContext ctx = context(tree);
          HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
        MetricValues m = MetricValues.of(c.collect());
        assertThat(
                m.value("powermon_hwmon_power_watts", "chip", "ina226-3-0044", "sensor", "power1"))
            .isEqualTo(30.0);
        assertThat(
                m.value("powermon_hwmon_power_watts", "chip", "ina226-3-0045", "sensor", "power1"))
            .isEqualTo(6.0);
        assertThat(
                m.value(
                    "powermon_hwmon_chip_info",
                    "chip",
                    "ina226-3-0044",
                    "name",
                    "ina226",
                    "device",
                    Fixtures.INA226_A_DEVICE))
            .isEqualTo(1.0);
      }
    }
  }

  @Test
  void baseUnitsAndLabelsFromTheLabelFiles() throws Exception {
    HwmonTree tree = Fixtures.all(new HwmonTree(dir.resolve("sys")));
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      DeclarationCheck.assertEmitsOnlyDeclared(Fixtures.provider(), c.collect());
      String psu = "pmbus-7-0058";
      assertThat(m.value("powermon_hwmon_power_watts", "chip", psu, "sensor", "pin"))
          .isEqualTo(276.0);
      assertThat(m.value("powermon_hwmon_power_watts", "chip", psu, "sensor", "pout1"))
          .isEqualTo(250.0);
      assertThat(m.value("powermon_hwmon_current_amperes", "chip", psu, "sensor", "iout1"))
          .isEqualTo(20.66);
      assertThat(m.value("powermon_hwmon_voltage_volts", "chip", psu, "sensor", "vin"))
          .isEqualTo(230.0);
      assertThat(
              m.value(
                  "powermon_hwmon_temperature_celsius",
                  "chip",
                  "coretemp-coretemp.0",
                  "sensor",
                  "Package id 0"))
          .isEqualTo(48.0);
      assertThat(
              m.value(
                  "powermon_hwmon_power_average_watts",
                  "chip",
                  "amdgpu-0000:09:00.0",
                  "sensor",
                  "power1"))
          .isEqualTo(35.5);
      assertThat(
              m.value("powermon_hwmon_power_watts", "chip", "amdgpu-0000:03:00.0", "sensor", "PPT"))
          .isEqualTo(120.25);
      assertThat(
              m.value(
                  "powermon_hwmon_energy_joules_total",
                  "chip",
                  "sq52206-3-0046",
                  "sensor",
                  "energy1"))
          .isEqualTo(1000.5);
      assertThat(c.summary())
          .contains(
              "ina260-1-0040  (ina260, " + Fixtures.INA260_DEVICE + ")",
              "  power1_input  power1  6.380 W");
      // it hands in power, so the core holds it to its cycle: the interval plus the chips' read
      // deadline
      assertThat(c.samplingInterval()).contains(Duration.ofMillis(1100));
    }
  }

  @Test
  void aHostWithTemperaturesOnlyIsNotHeldToAnInterval() throws Exception {
    HwmonTree tree = Fixtures.coretemp(new HwmonTree(dir.resolve("sys")), "hwmon0");
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      assertThat(c.samplingInterval())
          .isEmpty(); // no readings to judge it by: it judges itself in collect()
      assertThat(
              MetricValues.of(c.collect())
                  .value("powermon_hwmon_temperature_celsius", "sensor", "Core 0"))
          .isEqualTo(46.0);
    }
  }

  @Test
  void knownChipsFeedTheUnifiedFamiliesWithTheirMeterClass() throws Exception {
    HwmonTree tree = Fixtures.all(new HwmonTree(dir.resolve("sys")));
    try (TestContext ctx = context(tree, "ina260-1-0040/power1=total:wall");
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      RecordedReadings gpu = ctx.readings("gpu");
      assertThat(gpu.meterClass()).isEqualTo(MeterClass.COMPONENT);
      assertThat(gpu.last("0000:09:00.0", "total").watts())
          .isEqualTo(35.5); // power1_average, older kernels
      assertThat(gpu.last("0000:03:00.0", "total").watts()).isEqualTo(120.25); // power1_input, 6.6+
      assertThat(ctx.readings("acpi").meterClass()).isEqualTo(MeterClass.WALL);
      assertThat(ctx.readings("acpi").last("board", "total").watts()).isEqualTo(187.5);
      assertThat(ctx.readings("psu").meterClass()).isEqualTo(MeterClass.WALL);
      assertThat(ctx.readings("psu").last("board", "total").watts())
          .isEqualTo(276.0); // pin, not pout
      RecordedReadings wall = ctx.readings("hwmon-wall");
      assertThat(wall.meterClass()).isEqualTo(MeterClass.WALL);
      assertThat(wall.last("board", "total").watts()).isEqualTo(6.38);
      RecordedReadings rails = ctx.readings("hwmon");
      assertThat(rails.meterClass()).isEqualTo(MeterClass.COMPONENT);
      assertThat(rails.last("ina226-3-0044", "power1").watts()).isEqualTo(30.0);
      assertThat(rails.last("ina226-3-0045", "power1").watts()).isEqualTo(6.0);
      RecordedReadings.Reading sq = rails.last("sq52206-3-0046", "power1");
      assertThat(sq.watts()).isEqualTo(3.6);
      assertThat(sq.joules())
          .isEqualTo(1000.5); // the chip's own counter: the core keeps it reset-aware
      assertThat(rails.of("ina260-1-0040", "power1")).isEmpty(); // the rails entry moved it
      assertThat(rails.all()).noneMatch(r -> r.device().startsWith("coretemp"));
    }
  }

  @Test
  void twoPsusAreADomainEachAndTheirSumIsTheTotal() throws Exception {
    HwmonTree tree = Fixtures.pmbusPsu(new HwmonTree(dir.resolve("sys")), "hwmon1");
    tree.chip(
        "hwmon2",
        "devices/platform/ahb/1e78a000.i2c-bus/i2c-8/8-0058",
        java.util.Map.of("name", "pmbus", "power1_input", "224000000", "power1_label", "pin"));
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      RecordedReadings psu = ctx.readings("psu");
      assertThat(psu.last("board", "pmbus-7-0058").watts()).isEqualTo(276.0);
      assertThat(psu.last("board", "pmbus-8-0058").watts()).isEqualTo(224.0);
      assertThat(psu.last("board", "total").watts()).isEqualTo(500.0);
    }
  }

  @Test
  void aRailsEntryCanNameAnyPowerSensorAsAComponentDomain() throws Exception {
    HwmonTree tree = Fixtures.pmbusPsu(new HwmonTree(dir.resolve("sys")), "hwmon1");
    Fixtures.amdgpuInputOnly(tree, "hwmon2");
    try (TestContext ctx = context(tree, "pmbus-7-0058/pout1=psu_out");
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      assertThat(ctx.readings("hwmon").last("board", "psu_out").watts()).isEqualTo(250.0);
      assertThat(ctx.readings("gpu").last("0000:03:00.0", "total").watts()).isEqualTo(120.25);
    }
  }

  @Test
  void energyCounterNeverGoesBackwardsAcrossADriverReload() throws Exception {
    HwmonTree tree = Fixtures.sq52206(new HwmonTree(dir.resolve("sys")), "hwmon0", "1000500000");
    try (TestContext ctx = context(tree);
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      tree.set("hwmon0", "energy1_input", "1010500000"); // +10 J
      Poll.until("+10 J", () -> energy(c) == 1010.5);
      tree.set(
          "hwmon0",
          "energy1_input",
          "2000000"); // the driver reloaded: counts from 0 again, now 2 J
      Poll.until("the reset carried over", () -> energy(c) > 1010.5);
      assertThat(energy(c)).isCloseTo(1012.5, within(1e-9));
      // the core gets the chip's raw counter; its own ledger does the same carrying over
      assertThat(ctx.readings("hwmon").last("sq52206-3-0046", "power1").joules()).isEqualTo(2.0);
    }
  }

  private static double energy(HwmonCollector c) {
    try {
      return MetricValues.of(c.collect())
          .value("powermon_hwmon_energy_joules_total", "sensor", "energy1");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
