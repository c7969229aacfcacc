package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.host.HostSource.Ticks;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtilizationTest {

  @Test
  void busyShareOfTheTicksBetweenTwoReadings() {
    // busy 1000 -> 1300 (+300), total 4000 -> 4400 (+400): 300 / 400 = 0.75
    assertThat(Utilization.between(new Ticks(1000, 4000), new Ticks(1300, 4400)))
        .isCloseTo(0.75, within(1e-12));
  }

  @Test
  void idleMachineIsZeroAndSaturatedMachineIsOne() {
    assertThat(Utilization.between(new Ticks(50, 100), new Ticks(50, 200))).isZero();
    assertThat(Utilization.between(new Ticks(50, 100), new Ticks(150, 200))).isEqualTo(1.0);
  }

  @Test
  void noTicksOrCountersGoingBackwardsIsUnknownNotZero() {
    assertThat(Utilization.between(new Ticks(50, 100), new Ticks(50, 100))).isNaN();
    assertThat(Utilization.between(new Ticks(50, 100), new Ticks(60, 90))).isNaN();
    assertThat(Utilization.between(new Ticks(50, 100), new Ticks(40, 200))).isNaN();
  }

  @Test
  void busyOutrunningTotalByAKernelIdleGlitchIsCappedAtOne() {
    // busy +102 over total +100: idle went back two ticks
    assertThat(Utilization.between(new Ticks(0, 0), new Ticks(102, 100))).isEqualTo(1.0);
  }

  @Test
  void perCoreIsComputedCoreByCoreAndDroppedWhenCoresComeOrGo() {
    List<Ticks> before = List.of(new Ticks(0, 0), new Ticks(10, 20));
    List<Ticks> after = List.of(new Ticks(25, 100), new Ticks(10, 120));
    // core 0: 25/100 = 0.25; core 1: 0/100 = 0
    assertThat(Utilization.perCore(before, after)).containsExactly(0.25, 0.0);
    assertThat(Utilization.perCore(before, after.subList(0, 1))).isEmpty();
  }
}
