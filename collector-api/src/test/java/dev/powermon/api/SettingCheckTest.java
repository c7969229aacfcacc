package dev.powermon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ranges and validators are checked where a value is read, and {@link Settings#isGiven} tells given
 * from default.
 */
class SettingCheckTest {
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("10ms")
          .max("1h")
          .help("Sampling interval.")
          .build();
  static final SettingSpec PORT =
      SettingSpec.builder("port", SettingType.INTEGER).min("1").max("65535").help("Port.").build();
  static final SettingSpec HOST =
      SettingSpec.builder("host", SettingType.STRING)
          .check(v -> !((String) v).isBlank(), "must not be empty")
          .help("Host.")
          .build();
  static final List<SettingSpec> SPECS = List.of(INTERVAL, PORT, HOST);

  @Test
  void aRefusedUrlIsQuotedWithoutItsCredentials() {
    SettingSpec broker =
        SettingSpec.builder("broker", SettingType.STRING)
            .check(v -> !((String) v).contains("@"), "must be tcp://HOST:PORT")
            .help("Broker.")
            .build();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> broker.parse("tcp://mqtt:hunter2@broker.lan:1883"))
        .withMessage("must be tcp://HOST:PORT, got tcp://(credentials hidden)@broker.lan:1883");
  }

  @Test
  void aValueBelowTheMinimumFailsNamingTheSettingAndTheValue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("rapl", SPECS, Map.of("interval", List.of("0s"))))
        .withMessage("collectors.rapl.interval: must be at least 10ms, got 0s");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                Settings.parse(
                    "rapl", SPECS, Map.of("interval", List.of("0s")), s -> "--collector.rapl." + s))
        .withMessage("--collector.rapl.interval: must be at least 10ms, got 0s");
  }

  @Test
  void aboveTheMaximumAndTheValidatorFailToo() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("x", SPECS, Map.of("port", List.of("70000"))))
        .withMessage("collectors.x.port: must be at most 65535, got 70000");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Settings.parse("x", SPECS, Map.of("host", List.of(" "))))
        .withMessage("collectors.x.host: must not be empty, got ");
  }

  @Test
  void theBoundsThemselvesAreAllowed() {
    Settings s =
        Settings.parse("x", SPECS, Map.of("interval", List.of("10ms"), "port", List.of("65535")));
    assertThat(s.duration(INTERVAL)).isEqualTo(Duration.ofMillis(10));
    assertThat(s.integer(PORT)).isEqualTo(65535);
  }

  @Test
  void aDefaultOutsideTheRangeFailsWhenTheSpecIsBuilt() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                SettingSpec.builder("i", SettingType.DURATION)
                    .defaultValue("1ms")
                    .min("10ms")
                    .help("I.")
                    .build())
        .withMessage("'i': default must be at least 10ms, got 1ms");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SettingSpec.builder("s", SettingType.STRING).min("1").help("S.").build());
  }

  @Test
  void isGivenTellsAGivenValueFromTheDefaultEvenWhenEqual() {
    Settings byDefault = Settings.parse("x", SPECS, Map.of());
    Settings given = Settings.parse("x", SPECS, Map.of("interval", List.of("1s")));

    assertThat(byDefault.isGiven(INTERVAL)).isFalse();
    assertThat(byDefault.duration(INTERVAL)).isEqualTo(Duration.ofSeconds(1));
    assertThat(given.isGiven(INTERVAL)).isTrue();
  }

  @Test
  void flagsOverlayTheFileWithoutParsingAgain() {
    Settings file =
        Settings.parse("x", SPECS, Map.of("interval", List.of("2s"), "port", List.of("80")));
    Settings flags = Settings.parse("x", SPECS, Map.of("port", List.of("8080")));

    Settings both = file.overlaidWith(flags);

    assertThat(both.duration(INTERVAL)).isEqualTo(Duration.ofSeconds(2));
    assertThat(both.integer(PORT)).isEqualTo(8080);
    assertThat(both.isGiven(HOST)).isFalse();
  }
}
