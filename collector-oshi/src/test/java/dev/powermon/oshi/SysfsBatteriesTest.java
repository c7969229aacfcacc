package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.BatteryPower.Convention;
import dev.powermon.api.BatteryPower.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsBatteriesTest {
  @TempDir Path root;

  private void supply(String name, String uevent) throws IOException {
    Files.createDirectories(root.resolve(name));
    Files.writeString(root.resolve(name).resolve("uevent"), uevent);
  }

  @Test
  void keepsBatteriesAndSkipsMainsAndUnreadableSupplies() throws IOException {
    supply("AC", "POWER_SUPPLY_NAME=AC\nPOWER_SUPPLY_TYPE=Mains\nPOWER_SUPPLY_ONLINE=0\n");
    supply(
        "BAT0",
        "POWER_SUPPLY_TYPE=Battery\nPOWER_SUPPLY_STATUS=Discharging\nPOWER_SUPPLY_POWER_NOW=7000000\n");
    Files.createDirectories(root.resolve("ucsi-source-psy-USBC000:001")); // no uevent file
    assertThat(new SysfsBatteries(root).read())
        .containsExactly(new Reading("BAT0", 7_000_000, Convention.LINUX_MICROWATTS, false, true));
  }

  @Test
  void noPowerSupplyDirectoryMeansNoBattery() {
    assertThat(new SysfsBatteries(root.resolve("missing")).read()).isEmpty();
  }

  @Test
  void oversizedUeventIsReadOnlyUpToTheLimit() throws IOException {
    // The rate sits past 16 KiB of padding: not read, so the rate is unknown rather than a huge
    // read.
    String padding = "X_PADDING=" + "a".repeat(SysfsBatteries.MAX_UEVENT_BYTES) + "\n";
    supply(
        "BAT0",
        "POWER_SUPPLY_TYPE=Battery\nPOWER_SUPPLY_STATUS=Discharging\n"
            + padding
            + "POWER_SUPPLY_POWER_NOW=7000000\n");
    assertThat(new SysfsBatteries(root).read())
        .singleElement()
        .satisfies(b -> assertThat(b.rate()).isNaN());
  }
}
