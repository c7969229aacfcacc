package dev.powermon.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatteryRateTest {
  @Test
  void negativeRateWhileDischargingIsPositiveWatts() {
    assertThat(new BatteryRate("b", -14_250, false, true).dischargeWatts()).isEqualTo(14.25);
  }

  @Test
  void chargingOrIdleOnAcIsNotConsumption() {
    assertThat(new BatteryRate("b", 32_000, true, false).dischargeWatts()).isZero();
    assertThat(new BatteryRate("b", 0, false, false).dischargeWatts()).isZero();
    // a charging flag wins over a stray negative rate
    assertThat(new BatteryRate("b", -500, true, false).dischargeWatts()).isZero();
  }

  @Test
  void positiveRateWhileDischargingIsNotTrusted() {
    // relative-capacity batteries report a rate in unknown units: better no reading than a wrong one
    assertThat(new BatteryRate("b", 9_000, false, true).dischargeWatts()).isZero();
    assertThat(new BatteryRate("b", Double.NaN, false, true).dischargeWatts()).isZero();
  }
}
