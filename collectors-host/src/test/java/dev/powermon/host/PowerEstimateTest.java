package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PowerEstimateTest {

  @Test
  void interpolatesBetweenIdleAndTdp() {
    PowerEstimate p = new PowerEstimate(13, 65);
    assertThat(p.watts(0)).isEqualTo(13.0);
    assertThat(p.watts(1)).isEqualTo(65.0);
    // 13 + (65 - 13) x 0.25 = 13 + 13 = 26
    assertThat(p.watts(0.25)).isCloseTo(26.0, within(1e-12));
  }

  @Test
  void loadOutsideZeroToOneIsClamped() {
    PowerEstimate p = new PowerEstimate(2, 10);
    assertThat(p.watts(-0.5)).isEqualTo(2.0);
    assertThat(p.watts(1.7)).isEqualTo(10.0);
  }

  @Test
  void inconsistentWattsAreRefusedWithBothValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PowerEstimate(70, 65))
        .withMessageContaining("idle-watts 70.0")
        .withMessageContaining("tdp-watts 65.0");
    assertThatIllegalArgumentException().isThrownBy(() -> new PowerEstimate(-1, 65));
    assertThatIllegalArgumentException().isThrownBy(() -> new PowerEstimate(0, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> new PowerEstimate(Double.NaN, 65));
  }
}
