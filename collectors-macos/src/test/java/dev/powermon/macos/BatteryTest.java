package dev.powermon.macos;

import static dev.powermon.api.BatteryPower.Convention.SIGNED_MILLIWATTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.api.BatteryPower;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BatteryTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<BatteryPower.Reading> rates = new ArrayList<>();
  private final Battery battery = new Battery(() -> List.copyOf(rates), nanos::get, LoggerFactory.getLogger("test"));

  @Test
  void energyGrowsOnlyWhileDischarging() {
    rates.add(new BatteryPower.Reading("b", -10_000, SIGNED_MILLIWATTS, false, false));
    battery.sample(); // first reading: 10 W, no window yet
    nanos.addAndGet(2_000_000_000L);
    battery.sample(); // 10 W × 2 s = 20 J
    assertThat(battery.ledger().view().joules().get("battery")).isCloseTo(20, within(1e-12));
    rates.set(0, new BatteryPower.Reading("b", 30_000, SIGNED_MILLIWATTS, false, false)); // plugged in, charging at 30 W
    nanos.addAndGet(2_000_000_000L);
    battery.sample();
    PowerLedger.View v = battery.ledger().view();
    assertThat(v.watts()).doesNotContainKey("battery");
    assertThat(v.joules().get("battery")).isCloseTo(20, within(1e-12));
  }

  @Test
  void aBatteryJnaCannotReadReportsNothingAndKeepsSampling() {
    Battery unlinked = new Battery(() -> {
      throw new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
    }, nanos::get, LoggerFactory.getLogger("test"));
    unlinked.sample(); // returns normally, so its schedule keeps running
    assertThat(unlinked.ledger().view().watts()).isEmpty();
    assertThat(unlinked.ledger().view().lastSampleNanos()).isPresent();
  }

  @Test
  void aFailingBatteryReadReportsNothingRatherThanZero() {
    Battery broken = new Battery(() -> { throw new IllegalStateException("IOKit said no"); }, nanos::get,
        LoggerFactory.getLogger("test"));
    broken.sample();
    assertThat(broken.ledger().view().watts()).isEmpty();
    assertThat(broken.ledger().view().joules()).isEmpty();
  }
}
