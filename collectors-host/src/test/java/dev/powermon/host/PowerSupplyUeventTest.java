package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.host.HostSource.BatteryReading;
import org.junit.jupiter.api.Test;

/** uevent files written for these tests in the layout of a ThinkPad's BAT0 (Linux 6.1). */
class PowerSupplyUeventTest {
  private static final String DISCHARGING = """
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

  private static BatteryReading parse(String text) {
    return PowerSupplyUevent.parse("BAT0", text).orElseThrow();
  }

  @Test
  void powerNowIsMicrowattsAndDischargingIsNegativeMilliwatts() {
    // 9 458 000 uW = 9458 mW, discharging -> -9458 (OSHI's sign)
    assertThat(parse(DISCHARGING)).isEqualTo(new BatteryReading("BAT0", -9458.0));
  }

  @Test
  void withoutPowerNowCurrentTimesVoltageIsUsed() {
    String text = DISCHARGING.replace("POWER_SUPPLY_POWER_NOW=9458000\n", "POWER_SUPPLY_CURRENT_NOW=1500000\n")
        .replace("Discharging", "Charging");
    // 1 500 000 uA x 16 281 000 uV = 2.44215e13 pW = 24 421.5 mW, charging -> positive
    assertThat(parse(text).rateMilliwatts()).isEqualTo(24421.5);
  }

  @Test
  void negativeRawValuesAreMagnitudesAndStatusGivesTheDirection() {
    // Asahi's macsmc-battery reports POWER_NOW=-4721000 while discharging
    String text = DISCHARGING.replace("=9458000", "=-4721000");
    assertThat(parse(text).rateMilliwatts()).isEqualTo(-4721.0);
  }

  @Test
  void fullOrUnknownStatusIsAnUnknownRate() {
    assertThat(parse(DISCHARGING.replace("Discharging", "Full")).rateMilliwatts()).isZero();
    assertThat(parse(DISCHARGING.replace("Discharging", "Unknown")).rateMilliwatts()).isZero();
  }

  @Test
  void mainsPeripheralsAndAbsentBatteriesAreNotTheHostsBattery() {
    assertThat(PowerSupplyUevent.parse("AC", "POWER_SUPPLY_NAME=AC\nPOWER_SUPPLY_TYPE=Mains\nPOWER_SUPPLY_ONLINE=1\n"))
        .isEmpty();
    assertThat(PowerSupplyUevent.parse("hidpp_battery_0", DISCHARGING + "POWER_SUPPLY_SCOPE=Device\n")).isEmpty();
    assertThat(PowerSupplyUevent.parse("BAT1", DISCHARGING.replace("PRESENT=1", "PRESENT=0"))).isEmpty();
  }

  @Test
  void truncatedFileWithoutRateIsAnUnknownRate() {
    String truncated = "POWER_SUPPLY_NAME=BAT0\nPOWER_SUPPLY_TYPE=Battery\nPOWER_SUPPLY_STATUS=Discharging\nPOWER_SUPP";
    assertThat(parse(truncated).rateMilliwatts()).isNaN();
  }

  @Test
  void wronglyTypedOrOverflowingNumbersAreUnknownNotZeroOrGarbage() {
    assertThat(parse(DISCHARGING.replace("=9458000", "=9.4W")).rateMilliwatts()).isNaN();
    assertThat(parse(DISCHARGING.replace("=9458000", "=99999999999999999999999")).rateMilliwatts()).isNaN();
  }

  @Test
  void hostileLinesAreIgnoredAndTheNameIsKeptForLabelSanitising() {
    String text = "garbage without equals\n=novalue\nPOWER_SUPPLY_=x\n" + DISCHARGING.replace(
        "POWER_SUPPLY_NAME=BAT0", "POWER_SUPPLY_NAME=BAT\u00070\"}");
    BatteryReading reading = PowerSupplyUevent.parse("BAT0", text).orElseThrow();
    assertThat(reading.name()).isEqualTo("BAT\u00070\"}");
    assertThat(reading.rateMilliwatts()).isEqualTo(-9458.0);
  }

  @Test
  void missingNameFallsBackToTheDirectoryName() {
    assertThat(PowerSupplyUevent.parse("BAT7", DISCHARGING.replace("POWER_SUPPLY_NAME=BAT0\n", "")).orElseThrow()
        .name()).isEqualTo("BAT7");
  }
}
