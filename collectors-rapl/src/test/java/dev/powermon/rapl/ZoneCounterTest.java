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
  void backwardsByMoreThanOneWrapCanCarryIsAResetAndIsDropped() {
    ZoneCounter c = new ZoneCounter(MAX);
    c.update(20_000_000_000L, 0);
    c.update(20_005_000_000L, S); // +5 J
    // A wrap from 20.005 kJ back to 1 J would mean 45.5 kJ in one second, 45.5 kW: a driver
    // reload, not a wrap.
    assertThat(c.update(1_000_000, 2 * S)).isEqualTo(Step.RESET);
    assertThat(c.accumulatedUj()).isEqualTo(5_000_000);
    assertThat(c.update(3_000_000, 3 * S)).isEqualTo(Step.ADVANCED);
    assertThat(c.accumulatedUj()).isEqualTo(7_000_000);
  }

  @Test
  void backwardsByMoreThanHalfTheRangeIsStillAWrapWhenThePowerIsPlausible() {
    // issue 11: 95 W into a 152 J range, read every second
    ZoneCounter c = new ZoneCounter(152_000_000);
    c.update(0, 0);
    assertThat(c.update(95_000_000, S)).isEqualTo(Step.ADVANCED);
    assertThat(c.update(38_000_000, 2 * S)).isEqualTo(Step.WRAPPED);
    // (152 - 95) + 38 = 95 J
    assertThat(c.accumulatedUj()).isEqualTo(190_000_000);
    assertThat(c.watts()).isEqualTo(95.0);
  }

  @Test
  void aBackwardsStepIsAResetOnlyPastTheEnergyAWrapCanCarryInTheTimeThatPassed() {
    ZoneCounter c = new ZoneCounter(MAX);
    c.update(MAX - 1_000_000_000L, 0); // 1 kJ before the wrap
    // 1 kJ + 1 J in 0.4 s is 2502.5 W, more than any zone draws; in 0.6 s it is 1668 W, a wrap
    assertThat(c.update(1_000_000, S * 4 / 10)).isEqualTo(Step.RESET);
    ZoneCounter d = new ZoneCounter(MAX);
    d.update(MAX - 1_000_000_000L, 0);
    assertThat(d.update(1_000_000, S * 6 / 10)).isEqualTo(Step.WRAPPED);
    assertThat(d.accumulatedUj()).isEqualTo(1_001_000_000L);
  }

  @Test
  void aChangedRangeIsReadWhenTheCounterGoesBackwardsOrAboveAndStartsAfresh() {
    ZoneCounter c = new ZoneCounter(1_000);
    long[] reads = {0};
    c.update(900, 0, () -> ++reads[0] > 0 ? 1_000 : 0);
    assertThat(reads[0]).isZero(); // in range, not backwards: the range is not read
    assertThat(c.update(200, S, () -> 500)).isEqualTo(Step.RANGE_CHANGED);
    assertThat(c.maxRangeUj()).isEqualTo(500);
    assertThat(c.accumulatedUj()).isZero();
    assertThat(c.update(100, 2 * S, () -> 500)).isEqualTo(Step.WRAPPED);
    assertThat(c.accumulatedUj()).isEqualTo(400); // (500 - 200) + 100
    assertThat(c.update(1_500, 3 * S, () -> 2_000)).isEqualTo(Step.RANGE_CHANGED);
    assertThat(c.update(1_700, 4 * S, () -> 2_000)).isEqualTo(Step.ADVANCED);
    assertThat(c.accumulatedUj()).isEqualTo(600);
  }

  @Test
  void anUnreadableRangeKeepsTheOneKnown() {
    ZoneCounter c = new ZoneCounter(1_000);
    c.update(900, 0);
    assertThat(c.update(100, S, () -> Zone.UNKNOWN_RANGE)).isEqualTo(Step.WRAPPED);
    assertThat(c.accumulatedUj()).isEqualTo(200);
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
