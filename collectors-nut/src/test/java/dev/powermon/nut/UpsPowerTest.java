package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpsPowerTest {
  private final List<String> problems = new ArrayList<>();

  private UpsPower power(Map<String, String> vars) {
    return UpsPower.of(new UpsVariables(vars, (name, why) -> problems.add(name + ": " + why)), 0.6)
        .orElse(null);
  }

  @Test
  void measuredRealPowerComesFirst() {
    assertThat(
            power(Map.of("ups.realpower", "412", "ups.load", "50", "ups.realpower.nominal", "900")))
        .isEqualTo(new UpsPower(412, "realpower"));
  }

  @Test
  void loadTimesRatedRealPowerIsSecond() {
    // 23 % of 900 W = 207 W
    assertThat(
            power(
                Map.of(
                    "ups.load", "23", "ups.realpower.nominal", "900", "ups.power.nominal", "1500")))
        .isEqualTo(new UpsPower(207, "load_realpower_nominal"));
  }

  @Test
  void loadTimesRatedApparentPowerTimesPowerFactorIsLast() {
    // 40 % of 1500 VA at power factor 0.6 = 360 W
    UpsPower p = power(Map.of("ups.load", "40", "ups.power.nominal", "1500"));
    assertThat(p.method()).isEqualTo("load_power_nominal");
    assertThat(p.watts()).isCloseTo(360, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void nothingToGoOnGivesNoPower() {
    assertThat(power(Map.of("ups.status", "OL"))).isNull();
    assertThat(power(Map.of("ups.realpower.nominal", "900"))).isNull();
    assertThat(problems).isEmpty();
  }

  @Test
  void anUnusableVariableSkipsItsRuleAndIsReported() {
    assertThat(
            power(
                Map.of(
                    "ups.realpower",
                    "n/a",
                    "ups.load",
                    "10",
                    "ups.realpower.nominal",
                    "-5",
                    "ups.power.nominal",
                    "1000")))
        .isEqualTo(new UpsPower(60, "load_power_nominal"));
    assertThat(problems)
        .containsExactly("ups.realpower: not a number", "ups.realpower.nominal: out of range");
  }

  @Test
  void hostileNumbersAreRefused() {
    assertThat(power(Map.of("ups.realpower", "NaN"))).isNull();
    assertThat(power(Map.of("ups.realpower", "1e400"))).isNull();
    assertThat(power(Map.of("ups.realpower", "9".repeat(100)))).isNull();
    assertThat(power(Map.of("ups.load", "5000", "ups.realpower.nominal", "900"))).isNull();
    assertThat(problems).hasSize(4);
  }
}
