package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  static final SettingSpec SYSFS =
      SettingSpec.builder("sysfs", SettingType.PATH)
          .defaultValue("/sys")
          .help("Where sysfs is.")
          .build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION)
          .defaultValue("2s")
          .help("Deadline.")
          .build();
  static final SettingSpec TARGET =
      SettingSpec.builder("target", SettingType.STRING).list().help("Devices.").build();
  static final SettingSpec TDP =
      SettingSpec.builder("tdp-watts", SettingType.DECIMAL).help("TDP.").build();
  static final List<SettingSpec> SPECS = List.of(SYSFS, TIMEOUT, TARGET, TDP);

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    Settings s = Settings.parse("x", SPECS, Map.of());
    assertThat(s.path(SYSFS)).isEqualTo(Path.of("/sys"));
    assertThat(s.duration(TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.strings(TARGET)).isEmpty();
    assertThat(s.isSet(TDP)).isFalse();
  }

  @Test
  void givenValuesAreParsedInOrder() {
    Settings s =
        Settings.parse(
            "kasa",
            SPECS,
            Map.of(
                "timeout",
                List.of("500ms"),
                "target",
                List.of("127.0.0.2", "127.0.0.3:9999"),
                "tdp-watts",
                List.of("65")));
    assertThat(s.duration(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
    assertThat(s.strings(TARGET)).containsExactly("127.0.0.2", "127.0.0.3:9999");
    assertThat(s.decimal(TDP)).isEqualTo(65.0);
  }

  @Test
  void unknownSettingNamesTheKeyAndTheAcceptedOnes() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("kasa", SPECS, Map.of("targte", List.of("a"))))
        .withMessage(
            "collectors.kasa.targte: unknown setting; kasa accepts [sysfs, timeout, target, tdp-watts]");
  }

  @Test
  void wrongTypeNamesTheKeyAndTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("kasa", SPECS, Map.of("timeout", List.of("abc"))))
        .withMessageStartingWith("collectors.kasa.timeout: 'abc' is not a duration");
  }

  @Test
  void scalarSettingTakesOneValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("kasa", SPECS, Map.of("timeout", List.of("1s", "2s"))))
        .withMessage("collectors.kasa.timeout: takes one value, got 2");
  }

  @Test
  void badDefaultFailsWhenTheSpecIsBuilt() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SettingSpec.builder("interval", SettingType.DURATION)
                    .defaultValue("1 second")
                    .help("h")
                    .build())
        .withMessageContaining("'1 second' is not a duration");
  }

  @Test
  void settingNamesCannotContainDots() {
    // a dot would make --collector.NAME.SETTING ambiguous
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> SettingSpec.builder("poll.interval", SettingType.DURATION).help("h").build())
        .withMessage("'poll.interval': illegal setting name, expected [a-z][a-z0-9-]*.");
  }
}
