package dev.powermon.jetson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnergyMeterTest {
  private static final long SECOND = 1_000_000_000L;
  private final EnergyMeter meter = new EnergyMeter(5 * SECOND);

  @Test
  void trapezoidBetweenSamples() {
    meter.add(Map.of("VDD_IN", 4.0), 10 * SECOND);
    meter.add(Map.of("VDD_IN", 6.0), 12 * SECOND);
    meter.add(Map.of("VDD_IN", 6.0), 12 * SECOND + SECOND / 2);

    // (4 + 6) / 2 × 2 s = 10 J, then (6 + 6) / 2 × 0.5 s = 3 J
    assertThat(meter.totals().joules().get("VDD_IN")).isCloseTo(13.0, within(1e-9));
    assertThat(meter.totals().watts()).containsEntry("VDD_IN", 6.0);
  }

  @Test
  void firstSampleStartsAtZero() {
    meter.add(Map.of("VDD_IN", 4.0, "VDD_SOC", 1.0), 3 * SECOND);

    assertThat(meter.totals().joules()).containsEntry("VDD_IN", 0.0).containsEntry("VDD_SOC", 0.0);
  }

  @Test
  void gapLongerThanTheLimitAddsNothingAndCounterNeverDecreases() {
    meter.add(Map.of("VDD_IN", 4.0), 0);
    meter.add(Map.of("VDD_IN", 4.0), SECOND); // 4 J
    meter.add(Map.of("VDD_IN", 100.0), 60 * SECOND); // 59 s gap: not measured, not invented
    meter.add(Map.of("VDD_IN", 2.0), 59 * SECOND); // clock went backwards: skipped

    assertThat(meter.totals().joules().get("VDD_IN")).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void railThatVanishesKeepsItsCountWhenItReturns() {
    meter.add(Map.of("VDD_IN", 2.0), 0);
    meter.add(Map.of("VDD_IN", 2.0), SECOND); // 2 J
    meter.add(Map.of("VDD_SOC", 1.0), 2 * SECOND);
    assertThat(meter.totals().joules()).containsOnlyKeys("VDD_SOC");

    meter.add(Map.of("VDD_IN", 2.0, "VDD_SOC", 1.0), 3 * SECOND); // VDD_IN restarts its interval here
    assertThat(meter.totals().joules().get("VDD_IN")).isCloseTo(2.0, within(1e-9));
    assertThat(meter.totals().joules().get("VDD_SOC")).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void clearStartsANewInterval() {
    meter.add(Map.of("VDD_IN", 2.0), 0);
    meter.clear();
    meter.add(Map.of("VDD_IN", 2.0), SECOND);

    assertThat(meter.totals().joules().get("VDD_IN")).isZero();
  }
}
