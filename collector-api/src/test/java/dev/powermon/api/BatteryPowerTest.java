package dev.powermon.api;

import static dev.powermon.api.BatteryPower.Convention.LINUX_MICROWATTS;
import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.BatteryPower.Convention;
import dev.powermon.api.BatteryPower.Reading;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BatteryPowerTest {

  private static OptionalDouble out(
      double rate, Convention c, boolean charging, boolean discharging) {
    return BatteryPower.outWatts(new Reading("BAT0", rate, c, charging, discharging));
  }

  @Test
  void dischargingIsPositiveWattsOutOfTheBattery() {
    // OSHI on Windows or macOS: -12 500 mW while discharging = 12.5 W out
    assertThat(out(-12_500, SIGNED_MILLIWATTS, false, true)).hasValue(12.5);
    // a battery that reports only the magnitude while discharging (macOS AppleSmartBattery on some
    // models)
    assertThat(out(6_500, SIGNED_MILLIWATTS, false, true)).hasValue(6.5);
  }

  @Test
  void chargingIsNegativeWatts() {
    assertThat(out(30_000, SIGNED_MILLIWATTS, true, false)).hasValue(-30.0);
    // the charging flag wins over a stray negative sign
    assertThat(out(-500, SIGNED_MILLIWATTS, true, false)).hasValue(-0.5);
  }

  @Test
  void fullOrIdleOnAcIsZeroWatts() {
    assertThat(out(0, SIGNED_MILLIWATTS, false, false)).hasValue(0.0);
    assertThat(out(0, LINUX_MICROWATTS, false, false)).hasValue(0.0);
    // Linux "Not charging" with a trickle: the sign means nothing there, no flag says a direction
    assertThat(out(120_000, LINUX_MICROWATTS, false, false)).hasValue(0.0);
  }

  @Test
  void withoutFlagsTheSignedConventionsSignDecides() {
    assertThat(out(-8_000, SIGNED_MILLIWATTS, false, false)).hasValue(8.0);
    assertThat(out(8_000, SIGNED_MILLIWATTS, false, false)).hasValue(-8.0);
  }

  @Test
  void unknownRatesGiveNothingRatherThanZeroWatts() {
    assertThat(out(Double.NaN, SIGNED_MILLIWATTS, false, true)).isEmpty();
    assertThat(out(Double.NEGATIVE_INFINITY, SIGNED_MILLIWATTS, false, false)).isEmpty();
    // Windows BATTERY_UNKNOWN_RATE 0x80000000 read as a signed int
    assertThat(out(-2_147_483_648.0, SIGNED_MILLIWATTS, false, true)).isEmpty();
    // discharging or charging at "0 mW" is a driver that does not know the rate
    assertThat(out(0, SIGNED_MILLIWATTS, false, true)).isEmpty();
    assertThat(out(0, LINUX_MICROWATTS, true, false)).isEmpty();
    // both flags at once: contradictory
    assertThat(out(-5_000, SIGNED_MILLIWATTS, true, true)).isEmpty();
  }

  @Test
  void linuxMicrowattsAreNotMilliwatts() {
    // POWER_NOW=9458000 uW is 9.458 W. OSHI 6.10 passes the same number on Linux as "mW", which
    // read
    // as milliwatts would be 9458 W: the 1000x quirk this convention exists for.
    assertThat(out(9_458_000, LINUX_MICROWATTS, false, true)).hasValue(9.458);
    assertThat(out(9_458_000, SIGNED_MILLIWATTS, false, true)).hasValue(9458.0);
    // Asahi's macsmc-battery writes POWER_NOW=-4721000 while discharging: the status gives the
    // direction
    assertThat(out(-4_721_000, LINUX_MICROWATTS, false, true)).hasValue(4.721);
    assertThat(out(-4_721_000, LINUX_MICROWATTS, true, false)).hasValue(-4.721);
  }

  @Test
  void drawnWattsAddsDischargingBatteriesAndCountsChargingAsZero() {
    Reading a = new Reading("a", -10_000, SIGNED_MILLIWATTS, false, true); // 10 W out
    Reading b = new Reading("b", -2_500, SIGNED_MILLIWATTS, false, true); // 2.5 W out
    Reading charging =
        new Reading("c", 30_000, SIGNED_MILLIWATTS, true, false); // -30 W: not consumption
    Reading unknown = new Reading("d", Double.NaN, SIGNED_MILLIWATTS, false, true);
    assertThat(BatteryPower.drawnWatts(List.of(a, b, charging, unknown))).hasValue(12.5);
    assertThat(BatteryPower.drawnWatts(List.of(charging))).hasValue(0.0);
    assertThat(BatteryPower.drawnWatts(List.of(unknown))).isEmpty();
    assertThat(BatteryPower.drawnWatts(List.of())).isEmpty();
  }
}
