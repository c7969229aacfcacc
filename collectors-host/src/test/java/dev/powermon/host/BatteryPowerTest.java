package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.host.HostSource.BatteryReading;
import org.junit.jupiter.api.Test;

class BatteryPowerTest {

  @Test
  void dischargingIsPositiveWatts() {
    // OSHI: -12 500 mW = discharging at 12.5 W
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", -12_500)).getAsDouble()).isEqualTo(12.5);
  }

  @Test
  void chargingIsNegativeWatts() {
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", 30_000)).getAsDouble()).isEqualTo(-30.0);
  }

  @Test
  void unknownRatesGiveNothingRatherThanZeroWatts() {
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", 0))).isEmpty();
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", Double.NaN))).isEmpty();
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", Double.NEGATIVE_INFINITY))).isEmpty();
    // Windows BATTERY_UNKNOWN_RATE 0x80000000 read as a signed int
    assertThat(BatteryPower.watts(new BatteryReading("BAT0", -2_147_483_648.0))).isEmpty();
  }
}
