package dev.powermon.hwmon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.RecordedProblems;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code vcgencmd pmic_read_adc} lines: pairing by name, and truncated, oversized, mistyped,
 * hostile input.
 */
class PmicParserTest {
  private final RecordedProblems problems = new RecordedProblems();

  @Test
  void pairsCurrentAndVoltageByRailNameNotByChannelNumber() {
    PmicReading r =
        PmicParser.parse(
                """
          VDD_CORE_A current(7)=2.00000000A
         3V3_SYS_A current(1)=0.50000000A
          VDD_CORE_V volt(15)=0.75000000V
         3V3_SYS_V volt(9)=3.30000000V
             EXT5V_V volt(24)=5.09066000V
        """,
                problems)
            .orElseThrow();
    assertThat(r.watts()).containsOnlyKeys("VDD_CORE", "3V3_SYS");
    assertThat(r.sum()).isCloseTo(2.0 * 0.75 + 0.5 * 3.3, within(1e-12));
    assertThat(r.volts()).containsEntry("EXT5V", 5.09066);
  }

  @Test
  void aTruncatedLastLineIsLeftOutAndTheRestKept() {
    PmicReading r =
        PmicParser.parse(
                "  VDD_CORE_A current(7)=2.0A\n  VDD_CORE_V volt(15)=0.8V\n  3V3_SYS_A curr",
                problems)
            .orElseThrow();
    assertThat(r.amps()).isEqualTo(Map.of("VDD_CORE", 2.0));
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void wronglyTypedAndOutOfRangeValuesAreCountedPerRail() {
    PmicReading r =
        PmicParser.parse(
                """
        VDD_CORE_A current(7)=nanA
        HDMI_A current(22)=-0.5A
        3V3_SYS_V volt(9)=1e9V
        1V8_SYS_V volt(10)=1.8V
        BAD_A volt(1)=3.0A
        """,
                problems)
            .orElseThrow();
    assertThat(r.volts()).isEqualTo(Map.of("1V8_SYS", 1.8));
    assertThat(r.amps()).isEmpty();
    assertThat(problems.failing())
        .containsOnlyKeys("pmic/VDD_CORE_A", "pmic/HDMI_A", "pmic/3V3_SYS_V");
    assertThat(problems.failing().get("pmic/HDMI_A")).isEqualTo("-0.5 is outside 0 to 50.0 A");
  }

  @Test
  void oversizedAndHostileOutputIsBounded() {
    String longLine = "X".repeat(10_000) + "_A current(1)=1.0A\n";
    String many = "  VDD_CORE_A current(7)=1.0A\n".repeat(10_000);
    assertThat(PmicParser.parse(longLine, problems)).isEmpty();
    assertThat(PmicParser.parse("\u0000\u001b[2J;rm -rf /\n", problems)).isEmpty();
    assertThat(PmicParser.parse(many, problems).orElseThrow().amps())
        .isEqualTo(Map.of("VDD_CORE", 1.0));
    assertThat(PmicParser.parse("", problems)).isEmpty();
    assertThat(problems.count("pmic")).isEqualTo(3);
  }
}
