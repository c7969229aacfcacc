package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingTypeTest {

  @Test
  void parsesPrometheusDurations() {
    assertThat(SettingType.parseDuration("10ms")).isEqualTo(Duration.ofMillis(10));
    assertThat(SettingType.parseDuration("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(SettingType.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(SettingType.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(SettingType.parseDuration("1m500ms")).isEqualTo(Duration.ofMillis(60_500));
    assertThat(SettingType.parseDuration("2w")).isEqualTo(Duration.ofDays(14));
    assertThat(SettingType.parseDuration("0")).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "s",
        "1.5s",
        "-1s",
        "1sec",
        "30m1h",
        "1s1s",
        "PT1S",
        "99999999999999999999s"
      })
  void refusesOtherDurations(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SettingType.parseDuration(text))
        .withMessageContaining("is not a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "on", "no", "off", "1", ""})
  void booleansAreOnlyTrueOrFalse(String text) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SettingType.BOOLEAN.parse(text))
        .withMessage("'" + text + "' is not true or false");
  }

  @Test
  void numbersKeepTheirWrittenValue() {
    assertThat(SettingType.INTEGER.parse("010")).isEqualTo(10L); // not YAML 1.1 octal 8
    assertThat(SettingType.DECIMAL.parse("2.5")).isEqualTo(2.5);
    assertThatIllegalArgumentException().isThrownBy(() -> SettingType.DECIMAL.parse("NaN"));
    assertThatIllegalArgumentException().isThrownBy(() -> SettingType.INTEGER.parse("1e3"));
  }
}
