package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.powermon.api.MeterClass;
import dev.powermon.api.ProbeResult;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probe and settings. */
class HwmonProviderTest {
  @TempDir Path dir;

  /** As on a machine without vcgencmd on PATH, whatever this one has. */
  private final HwmonProvider provider = new HwmonProvider(Optional::empty);

  private ProbeResult probe(Path sysfs) throws Exception {
    try (TestContext ctx =
        TestContext.forProvider(provider).setting("sysfs", sysfs.toString()).build()) {
      return provider.probe(ctx);
    }
  }

  @Test
  void probeFindsTheFixturesPowerEnergyAndCurrentSensors() throws Exception {
    ProbeResult r = probe(Fixtures.all(new HwmonTree(dir.resolve("sys"))).sysfs());
    assertThat(r.isAvailable()).isTrue();
    assertThat(r.detail()).isEqualTo("9 chips, 16 power/energy/current sensors");
  }

  @Test
  void probeSaysWhyWhenOnlyTemperaturesAreThere() throws Exception {
    Path sysfs = Fixtures.coretemp(new HwmonTree(dir.resolve("sys")), "hwmon0").sysfs();
    ProbeResult r = probe(sysfs);
    assertThat(r.isAvailable()).isFalse();
    assertThat(r.detail())
        .isEqualTo(
            "no hwmon power, energy or current sensor under "
                + sysfs.resolve("class/hwmon")
                + " and no vcgencmd; needs Linux with such a sensor (INA2xx, amdgpu, ACPI power meter, PMBus PSU)");
  }

  @Test
  void railsEntriesAreCheckedAtLoad() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HwmonProvider.RAILS.parse("ina260-1-0040=total"))
        .withMessage(
            "must be CHIP/SENSOR=DOMAIN[:wall|:component], e.g. ina260-1-0040/power1=total:wall,"
                + " got ina260-1-0040=total");
    assertThatIllegalArgumentException().isThrownBy(() -> HwmonProvider.RAILS.parse("a/b=c:mains"));
    Rails rails =
        Rails.parse(List.of("ina260-1-0040/power1=total:wall", "amdgpu-0000:03:00.0/PPT=gpu"));
    assertThat(rails.of("ina260-1-0040", "power1"))
        .contains(new Rails.Rail("total", MeterClass.WALL));
    assertThat(rails.of("amdgpu-0000:03:00.0", "PPT"))
        .contains(new Rails.Rail("gpu", MeterClass.COMPONENT));
    assertThat(rails.of("ina260-1-0040", "power2")).isEmpty();
  }

  @Test
  void intervalHasBounds() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> HwmonProvider.INTERVAL.parse("10ms"))
        .withMessage("must be at least 100ms, got 10ms");
  }
}
