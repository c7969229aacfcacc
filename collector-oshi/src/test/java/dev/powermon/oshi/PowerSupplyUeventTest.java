package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.BatteryPower.Convention;
import dev.powermon.api.BatteryPower.Reading;
import org.junit.jupiter.api.Test;

/** uevent files written for these tests in the layout of a ThinkPad's BAT0 (Linux 6.1). */
class PowerSupplyUeventTest {
  private static final String DISCHARGING =
      """
      POWER_SUPPLY_NAME=BAT0
      POWER_SUPPLY_TYPE=Battery
      POWER_SUPPLY_STATUS=Discharging
      POWER_SUPPLY_PRESENT=1
      POWER_SUPPLY_TECHNOLOGY=Li-poly
      POWER_SUPPLY_VOLTAGE_NOW=16281000
      POWER_SUPPLY_POWER_NOW=9458000
      POWER_SUPPLY_ENERGY_NOW=38330000
      POWER_SUPPLY_CAPACITY=76
      POWER_SUPPLY_MODEL_NAME=5B10W13930
      """;

  private static Reading parse(String text) {
    return PowerSupplyUevent.parse("BAT0", text).orElseThrow();
  }

  private static double outWatts(String text) {
    return BatteryPower.outWatts(parse(text)).orElse(Double.NaN);
  }

  @Test
  void powerNowIsMicrowattsWithTheDirectionFromStatus() {
    assertThat(parse(DISCHARGING))
        .isEqualTo(new Reading("BAT0", 9_458_000, Convention.LINUX_MICROWATTS, false, true));
    // 9 458 000 uW = 9.458 W out of the battery
    assertThat(outWatts(DISCHARGING)).isEqualTo(9.458);
  }

  @Test
  void withoutPowerNowCurrentTimesVoltageIsUsed() {
    String text =
        DISCHARGING
            .replace("POWER_SUPPLY_POWER_NOW=9458000\n", "POWER_SUPPLY_CURRENT_NOW=1500000\n")
            .replace("Discharging", "Charging");
    // 1 500 000 uA x 16 281 000 uV = 2.44215e13 pW = 24.4215 W, charging -> into the battery
    assertThat(parse(text).rate()).isEqualTo(24_421_500.0);
    assertThat(outWatts(text)).isCloseTo(-24.4215, within(1e-12));
  }

  @Test
  void negativeRawValuesAreMagnitudesAndStatusGivesTheDirection() {
    // Asahi's macsmc-battery reports POWER_NOW=-4721000 while discharging
    String text = DISCHARGING.replace("=9458000", "=-4721000");
    assertThat(outWatts(text)).isEqualTo(4.721);
  }

  @Test
  void fullIsZeroWattsAndUnknownStatusIsAnUnknownRate() {
    assertThat(outWatts(DISCHARGING.replace("Discharging", "Full"))).isZero();
    assertThat(outWatts(DISCHARGING.replace("Discharging", "Not charging"))).isZero();
    assertThat(parse(DISCHARGING.replace("Discharging", "Unknown")).rate()).isNaN();
    assertThat(parse(DISCHARGING.replace("POWER_SUPPLY_STATUS=Discharging\n", "")).rate()).isNaN();
  }

  @Test
  void mainsPeripheralsAndAbsentBatteriesAreNotTheHostsBattery() {
    assertThat(
            PowerSupplyUevent.parse(
                "AC", "POWER_SUPPLY_NAME=AC\nPOWER_SUPPLY_TYPE=Mains\nPOWER_SUPPLY_ONLINE=1\n"))
        .isEmpty();
    assertThat(
            PowerSupplyUevent.parse("hidpp_battery_0", DISCHARGING + "POWER_SUPPLY_SCOPE=Device\n"))
        .isEmpty();
    assertThat(PowerSupplyUevent.parse("BAT1", DISCHARGING.replace("PRESENT=1", "PRESENT=0")))
        .isEmpty();
  }

  @Test
  void truncatedFileWithoutRateIsAnUnknownRate() {
    String truncated =
        "POWER_SUPPLY_NAME=BAT0\nPOWER_SUPPLY_TYPE=Battery\nPOWER_SUPPLY_STATUS=Discharging\nPOWER_SUPP";
    assertThat(parse(truncated).rate()).isNaN();
  }

  @Test
  void wronglyTypedOrOverflowingNumbersAreUnknownNotZeroOrGarbage() {
    assertThat(parse(DISCHARGING.replace("=9458000", "=9.4W")).rate()).isNaN();
    assertThat(parse(DISCHARGING.replace("=9458000", "=99999999999999999999999")).rate()).isNaN();
  }

  @Test
  void hostileLinesAreIgnoredAndTheNameIsKeptForLabelSanitising() {
    String text =
        "garbage without equals\n=novalue\nPOWER_SUPPLY_=x\n"
            + DISCHARGING.replace("POWER_SUPPLY_NAME=BAT0", "POWER_SUPPLY_NAME=BAT\u00070\"}");
    Reading reading = PowerSupplyUevent.parse("BAT0", text).orElseThrow();
    assertThat(reading.name()).isEqualTo("BAT\u00070\"}");
    assertThat(BatteryPower.outWatts(reading)).hasValue(9.458);
  }

  @Test
  void missingNameFallsBackToTheDirectoryName() {
    assertThat(
            PowerSupplyUevent.parse("BAT7", DISCHARGING.replace("POWER_SUPPLY_NAME=BAT0\n", ""))
                .orElseThrow()
                .name())
        .isEqualTo("BAT7");
  }
}
