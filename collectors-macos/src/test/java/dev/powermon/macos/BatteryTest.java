package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class BatteryTest {
  private final AtomicLong nanos = new AtomicLong();
  private final List<BatteryRate> rates = new ArrayList<>();
  private final Battery battery = new Battery(() -> List.copyOf(rates), nanos::get, LoggerFactory.getLogger("test"));

  @Test
  void dischargeIsPositiveWattsAndChargingIsNotConsumption() {
    assertThat(new BatteryRate("b", -8_000, false, true).dischargeWatts()).isEqualTo(8.0);
    assertThat(new BatteryRate("b", 25_000, true, false).dischargeWatts()).isZero();
    assertThat(new BatteryRate("b", 0, false, false).dischargeWatts()).isZero(); // full, on AC
    // a battery reporting only a magnitude while discharging
    assertThat(new BatteryRate("b", 6_500, false, true).dischargeWatts()).isEqualTo(6.5);
    assertThat(new BatteryRate("b", Double.NaN, false, true).dischargeWatts()).isZero();
  }

  @Test
  void energyGrowsOnlyWhileDischarging() {
    rates.add(new BatteryRate("b", -10_000, false, true));
    battery.sample(); // first reading: 10 W, no window yet
    nanos.addAndGet(2_000_000_000L);
    battery.sample(); // 10 W × 2 s = 20 J
    assertThat(battery.ledger().view().joules().get("battery")).isCloseTo(20, within(1e-12));
    rates.set(0, new BatteryRate("b", 30_000, true, false)); // plugged in, charging at 30 W
    nanos.addAndGet(2_000_000_000L);
    battery.sample();
    PowerLedger.View v = battery.ledger().view();
    assertThat(v.watts()).doesNotContainKey("battery");
    assertThat(v.joules().get("battery")).isCloseTo(20, within(1e-12));
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
