package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.rapl.ZoneCounter.Step;
import org.junit.jupiter.api.Test;

class ZoneCounterTest {
  private static final long S = 1_000_000_000L;
  private static final long MAX = 65_532_610_987L;

  @Test
  void advancesAndComputesPower() {
    ZoneCounter c = new ZoneCounter(MAX);
    assertThat(c.update(1_000_000, 0)).isEqualTo(Step.FIRST);
    assertThat(c.watts()).isNaN();
    assertThat(c.update(51_000_000, 2 * S)).isEqualTo(Step.ADVANCED);
    // 50 J over 2 s = 25 W
    assertThat(c.accumulatedUj()).isEqualTo(50_000_000);
    assertThat(c.watts()).isEqualTo(25.0);
  }

  @Test
  void wrapAddsTheRestOfTheZonesOwnRange() {
    ZoneCounter c = new ZoneCounter(MAX);
    c.update(MAX - 3_000_000, 0);
    assertThat(c.update(7_000_000, S)).isEqualTo(Step.WRAPPED);
    // (65532610987 - 65529610987) + 7000000 = 10000000 µJ = 10 J in 1 s
    assertThat(c.accumulatedUj()).isEqualTo(10_000_000);
    assertThat(c.watts()).isEqualTo(10.0);
  }

  @Test
  void backwardsByMoreThanHalfTheRangeIsAResetAndIsDropped() {
    ZoneCounter c = new ZoneCounter(MAX);
    c.update(20_000_000_000L, 0);
    c.update(20_005_000_000L, S); // +5 J
    // A wrap from 20.005 kJ back to 1 J would mean 45.5 kJ in one second: a driver reload, not a
    // wrap.
    assertThat(c.update(1_000_000, 2 * S)).isEqualTo(Step.RESET);
    assertThat(c.accumulatedUj()).isEqualTo(5_000_000);
    assertThat(c.update(3_000_000, 3 * S)).isEqualTo(Step.ADVANCED);
    assertThat(c.accumulatedUj()).isEqualTo(7_000_000);
  }

  @Test
  void backwardsWithoutARangeIsDroppedNotGuessed() {
    ZoneCounter c = new ZoneCounter(Zone.UNKNOWN_RANGE);
    c.update(900, 0);
    assertThat(c.update(100, S)).isEqualTo(Step.UNKNOWN_RANGE);
    assertThat(c.update(400, 2 * S)).isEqualTo(Step.ADVANCED);
    assertThat(c.accumulatedUj()).isEqualTo(300);
  }

  @Test
  void readingAboveTheRangeIsDropped() {
    ZoneCounter c = new ZoneCounter(1000);
    c.update(100, 0);
    assertThat(c.update(1001, S)).isEqualTo(Step.OUT_OF_RANGE);
    assertThat(c.update(300, 2 * S)).isEqualTo(Step.ADVANCED);
    assertThat(c.accumulatedUj()).isEqualTo(200);
  }

  @Test
  void failedReadForgetsPowerButNotEnergy() {
    ZoneCounter c = new ZoneCounter(MAX);
    c.update(0, 0);
    c.update(5_000_000, S);
    c.readFailed();
    assertThat(c.watts()).isNaN();
    assertThat(c.lastDeltaUj()).isZero();
    assertThat(c.accumulatedUj()).isEqualTo(5_000_000);
    // The next good read covers the whole 3 s since the last one: 15 J / 3 s = 5 W.
    c.update(20_000_000, 4 * S);
    assertThat(c.watts()).isEqualTo(5.0);
  }
}
