package dev.powermon.oshi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.BatteryPower;
import org.junit.jupiter.api.Test;
import oshi.hardware.PowerSource.CapacityUnits;

/** How OSHI's values are handed to the rule; the rule itself is tested in collector-api. */
class OshiBatteriesTest {

  @Test
  void windowsFlagsGiveTheDirection() {
    // BATTERY_STATUS.Rate -14 250 mW, PowerState DISCHARGING
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading("b", -14_250, CapacityUnits.MWH, false, true, false)))
        .hasValue(14.25);
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading("b", 32_000, CapacityUnits.MWH, true, false, false)))
        .hasValue(-32.0);
  }

  @Test
  void relativeCapacityBatteriesHaveNoRateInWatts() {
    // such a battery reports 9 000 "rate units" that are no milliwatts
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading("b", -9_000, CapacityUnits.RELATIVE, false, true, false)))
        .isEmpty();
  }

  @Test
  void onAMacTheSignDecidesBecauseOshisDischargingMeansNotCharging() {
    // On AC, full, not charging: OSHI says discharging=true; the amperage of +120 mA x 12.6 V says
    // in
    double onAc = 1_512;
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading(
                    "InternalBattery-0", onAc, CapacityUnits.MAH, false, true, true)))
        .hasValue(-1.512);
    // unplugged: -700 mA x 12 V = -8 400 mW
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading(
                    "InternalBattery-0", -8_400, CapacityUnits.MAH, false, true, true)))
        .hasValue(8.4);
    // idle on AC, no current: a true 0 W
    assertThat(
            BatteryPower.outWatts(
                OshiBatteries.reading(
                    "InternalBattery-0", 0, CapacityUnits.MAH, false, true, true)))
        .hasValue(0.0);
  }
}
