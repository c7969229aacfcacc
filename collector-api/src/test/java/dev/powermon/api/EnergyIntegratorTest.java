package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnergyIntegratorTest {
  private final EnergyIntegrator e = new EnergyIntegrator(Duration.ofSeconds(60));

  @Test
  void trapezoidBetweenReadings() {
    assertThat(e.add(0, 10)).isEqualTo(0.0); // first reading: nothing to integrate yet
    assertThat(e.add(2_000, 30)).isEqualTo(40.0); // (10 + 30) / 2 W x 2 s
    assertThat(e.add(2_500, 30)).isEqualTo(55.0); // + 30 W x 0.5 s
    assertThat(e.joules()).isEqualTo(55.0);
  }

  @Test
  void aGapLongerThanAllowedAddsNothingAndRestarts() {
    e.add(0, 100);
    assertThat(e.add(61_000, 100)).isEqualTo(0.0); // 61 s > 60 s: the device was away
    assertThat(e.add(62_000, 100)).isEqualTo(100.0); // 100 W x 1 s from the new start
  }

  @Test
  void unusableOrOlderReadingsAddNothing() {
    e.add(0, 10);
    assertThat(e.add(1_000, Double.NaN)).isEqualTo(0.0); // breaks the chain: no guess across it
    assertThat(e.add(2_000, 20)).isEqualTo(0.0);
    assertThat(e.add(1_500, 40)).isEqualTo(0.0); // older than the last: ignored
    assertThat(e.add(3_000, -5)).isEqualTo(0.0);
    assertThat(e.add(4_000, 20)).isEqualTo(0.0); // restarted at 4.000 after the negative reading
    assertThat(e.add(5_000, 40)).isEqualTo(30.0); // (20 + 40) / 2 x 1 s
  }
}
