package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.testkit.RecordedProblems;
import org.junit.jupiter.api.Test;

/** One attribute's text to base units, hand-computed; bad text costs the field and is counted. */
class SensorValueParserTest {
  private final RecordedProblems problems = new RecordedProblems();

  private Double parse(SensorKind kind, String text) {
    var v = SensorValueParser.parse(kind, text, "f", problems);
    return v.isPresent() ? v.getAsDouble() : null;
  }

  @Test
  void convertsFromTheKernelsUnits() {
    assertThat(parse(SensorKind.POWER_INPUT, "6380000\n")).isEqualTo(6.38); // µW
    assertThat(parse(SensorKind.ENERGY, "1000500000\n")).isEqualTo(1000.5); // µJ
    assertThat(parse(SensorKind.CURRENT, "-250\n")).isEqualTo(-0.25); // mA, signed shunt
    assertThat(parse(SensorKind.VOLTAGE, "12100\n")).isEqualTo(12.1); // mV
    assertThat(parse(SensorKind.TEMPERATURE, "-5500\n")).isEqualTo(-5.5); // m°C
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAReading() {
    assertThat(parse(SensorKind.POWER_AVERAGE, "4294967295000"))
        .isNull(); // lm-sensors #460: 4.29 MW
    assertThat(parse(SensorKind.POWER_AVERAGE, "4294967295")).isNull(); // the same in µW
    assertThat(parse(SensorKind.POWER_INPUT, "100000000001")).isNull(); // above 100 kW
    assertThat(parse(SensorKind.POWER_INPUT, "-1")).isNull();
    assertThat(parse(SensorKind.ENERGY, "-1")).isNull();
    assertThat(parse(SensorKind.TEMPERATURE, "-300000")).isNull(); // below absolute zero
    assertThat(parse(SensorKind.VOLTAGE, "12.1")).isNull();
    assertThat(parse(SensorKind.VOLTAGE, "0x10")).isNull();
    assertThat(parse(SensorKind.VOLTAGE, "")).isNull();
    assertThat(parse(SensorKind.VOLTAGE, "1".repeat(25))).isNull();
    assertThat(parse(SensorKind.VOLTAGE, "99999999999999999999")).isNull(); // beyond a long
    assertThat(problems.count("f")).isEqualTo(11);
  }
}
