package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raspberry Pi 5 PMIC through a fake {@code vcgencmd} script that prints the project's fixture.
 */
class PmicTest {
  /** V×I over the twelve rails of the fixture with both, by hand (see the fixture README). */
  private static final double RAILS_SUM = 3.78065;

  @TempDir Path dir;

  private Path fakeVcgencmd(String body) throws Exception {
    Path script = dir.resolve("vcgencmd");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static String fixture() throws Exception {
    return Path.of("src/test/resources/fixtures/pmic_read_adc.txt").toAbsolutePath().toString();
  }

  private TestContext context(Path vcgencmd, String timeout) {
    return TestContext.forProvider(Fixtures.provider())
        .setting("sysfs", dir.resolve("empty").toString())
        .setting("vcgencmd", vcgencmd.toString())
        .setting("pmic-timeout", timeout)
        .setting("interval", "100ms")
        .hostname("pi5")
        .build();
  }

  @Test
  void railsSumCurrentsVoltagesAndExt5v() throws Exception {
    Path vcgencmd = fakeVcgencmd("[ \"$1\" = pmic_read_adc ] || exit 2\ncat '" + fixture() + "'");
    try (TestContext ctx = context(vcgencmd, "2s");
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      MetricValues m = MetricValues.of(c.collect());
      String chip = HwmonFamilies.PMIC_CHIP;
      assertThat(m.value("powermon_hwmon_power_watts", "chip", chip, "sensor", "rails_sum"))
          .isCloseTo(RAILS_SUM, within(1e-9));
      assertThat(m.value("powermon_hwmon_power_watts", "chip", chip, "sensor", "VDD_CORE"))
          .isCloseTo(1.6, within(1e-12)); // 2 A × 0.8 V
      assertThat(m.value("powermon_hwmon_current_amperes", "chip", chip, "sensor", "VDD_CORE"))
          .isEqualTo(2.0);
      assertThat(m.value("powermon_hwmon_voltage_volts", "chip", chip, "sensor", "EXT5V"))
          .isEqualTo(5.1);
      assertThat(m.series("powermon_hwmon_power_watts", "sensor", "EXT5V"))
          .isEmpty(); // no current: no power
      assertThat(ctx.readings("pmic").last("pi5", "rails_sum").watts())
          .isCloseTo(RAILS_SUM, within(1e-9));
      assertThat(c.summary())
          .contains("  rails_sum  3.781 W (misses the 5 V input's losses)", "  EXT5V  5.100 V");
      // a sample may wait on vcgencmd up to its deadline: the core judges staleness on interval +
      // deadline
      assertThat(c.samplingInterval()).contains(Duration.ofMillis(3100));
    }
  }

  @Test
  void aHangingVcgencmdIsStoppedAtItsDeadlineAndCounted() throws Exception {
    Path vcgencmd = fakeVcgencmd("exec sleep 60");
    try (TestContext ctx = context(vcgencmd, "200ms");
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      assertThat(ctx.problems().failing().get("pmic")).contains("did not finish within 200 ms");
      assertThat(MetricValues.of(c.collect()).series("powermon_hwmon_power_watts")).isEmpty();
    }
    // closing stops the run under way too: no vcgencmd is left behind
    assertThat(
            ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().orElse("").endsWith("sleep"))
                .filter(ProcessHandle::isAlive)
                .count())
        .isZero();
  }

  @Test
  void aPiWithoutThePmicSaysSoOnce() throws Exception {
    Path vcgencmd = fakeVcgencmd("echo 'error=1 error_msg=\"Command not registered\"'");
    try (TestContext ctx = context(vcgencmd, "2s");
        HwmonCollector c = (HwmonCollector) Fixtures.provider().open(ctx)) {
      assertThat(ctx.problems().failing().get("pmic"))
          .isEqualTo(
              "no rail in the output of pmic_read_adc: 'error=1 error_msg=\"Command not registered\"'");
      assertThat(c.summary()).isEmpty();
    }
  }

  @Test
  void aVcgencmdThatIsNotExecutableFailsTheOpenWithOneLine() {
    TestContext ctx = context(dir.resolve("missing"), "2s");
    try (ctx) {
      Fixtures.provider().open(ctx);
      throw new AssertionError("opened");
    } catch (IllegalArgumentException e) {
      assertThat(e)
          .hasMessage(
              "collectors.hwmon.vcgencmd: "
                  + dir.resolve("missing")
                  + " is not an executable file; name vcgencmd's path or leave the setting out");
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
