package dev.powermon.macos;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.BatteryPower;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BatteryTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<BatteryPower.Reading> rates = new ArrayList<>();
  private final FakeReadings readings = new FakeReadings();
  private final Battery battery =
      new Battery(
          () -> List.copyOf(rates),
          readings.powerOnlyLog(),
          nanos::get,
          LoggerFactory.getLogger("test"));

  @Test
  void dischargeIsPowerDrawnAndChargingIsZeroWattsDrawn() {
    rates.add(new BatteryPower.Reading("b", -10_000, SIGNED_MILLIWATTS, false, false));
    battery.sample();
    nanos.addAndGet(2_000_000_000L);
    battery.sample();
    rates.set(
        0,
        new BatteryPower.Reading(
            "b", 30_000, SIGNED_MILLIWATTS, false, false)); // plugged in, charging at 30 W
    nanos.addAndGet(2_000_000_000L);
    battery.sample();
    // 10 W drawn twice, then 0 W: the core integrates nothing across the charge
    assertThat(readings.watts("battery")).containsExactly(10.0, 10.0, 0.0);
    assertThat(readings.all).extracting(FakeReadings.Reading::device).containsOnly("mac");
  }

  @Test
  void aBatteryJnaCannotReadReportsNothingAndKeepsSampling() {
    Battery unlinked =
        new Battery(
            () -> {
              throw new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
            },
            readings.powerOnlyLog(),
            nanos::get,
            LoggerFactory.getLogger("test"));
    unlinked.sample(); // returns normally, so its schedule keeps running
    assertThat(unlinked.samples().view().watts()).isEmpty();
    assertThat(unlinked.samples().view().lastSampleNanos()).isPresent();
  }

  @Test
  void aFailingBatteryReadReportsNothingRatherThanZero() {
    Battery broken =
        new Battery(
            () -> {
              throw new IllegalStateException("IOKit said no");
            },
            readings.powerOnlyLog(),
            nanos::get,
            LoggerFactory.getLogger("test"));
    broken.sample();
    assertThat(broken.samples().view().watts()).isEmpty();
    assertThat(readings.all).isEmpty();
  }
}
