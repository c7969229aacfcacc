package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnergyParserTest {

  @Test
  void readsTheKernelsDecimalWithItsNewline() throws Exception {
    assertThat(EnergyParser.parse("240422366267\n")).isEqualTo(240_422_366_267L);
    assertThat(EnergyParser.parse("0")).isZero();
    assertThat(EnergyParser.parse(" 9223372036854775807 \n")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void leadingZerosAreDigitsLikeAnyOther() throws Exception {
    // issue 11: counted before stripping, this was "larger than a 64-bit counter"
    assertThat(EnergyParser.parse("00000000000020774533\n")).isEqualTo(20_774_533L);
    assertThat(EnergyParser.parse("0".repeat(4000) + "9223372036854775807"))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(EnergyParser.parse("0000")).isZero();
    assertThatThrownBy(() -> EnergyParser.parse("0009223372036854775808"))
        .hasMessage("'0009223372036854775808' is larger than a 64-bit counter");
  }

  @Test
  void hexAndTrailingSignsAreRefused() {
    assertThatThrownBy(() -> EnergyParser.parse("0x1f"))
        .hasMessage("'0x1f' is not a non-negative whole number");
    assertThatThrownBy(() -> EnergyParser.parse("5-"))
        .hasMessage("'5-' is not a non-negative whole number");
  }

  @Test
  void emptyIsRefused() {
    assertThatThrownBy(() -> EnergyParser.parse(""))
        .isInstanceOf(MalformedReadingException.class)
        .hasMessage("empty, expected a whole number");
    assertThatThrownBy(() -> EnergyParser.parse("\n")).hasMessage("empty, expected a whole number");
  }

  @Test
  void textNegativeAndFractionsAreRefused() {
    assertThatThrownBy(() -> EnergyParser.parse("N/A\n"))
        .hasMessage("'N/A' is not a non-negative whole number");
    assertThatThrownBy(() -> EnergyParser.parse("-5"))
        .hasMessage("'-5' is not a non-negative whole number");
    assertThatThrownBy(() -> EnergyParser.parse("+5"))
        .hasMessage("'+5' is not a non-negative whole number");
    assertThatThrownBy(() -> EnergyParser.parse("1.5"))
        .hasMessage("'1.5' is not a non-negative whole number");
    assertThatThrownBy(() -> EnergyParser.parse("12 34"))
        .hasMessage("'12 34' is not a non-negative whole number");
  }

  @Test
  void valuesAboveLongMaxAreRefused() {
    // Long.MAX_VALUE + 1 has 19 digits, so the digit count alone does not catch it.
    assertThatThrownBy(() -> EnergyParser.parse("9223372036854775808"))
        .hasMessage("'9223372036854775808' is larger than a 64-bit counter");
    assertThatThrownBy(() -> EnergyParser.parse("99999999999999999999999"))
        .hasMessage("'99999999999999999999999' is larger than a 64-bit counter");
  }

  @Test
  void hostileContentIsCutAndStrippedOfControlCharactersInTheMessage() {
    String hostile = "\u001b[31m" + "A".repeat(5000);
    assertThatThrownBy(() -> EnergyParser.parse(hostile))
        .isInstanceOf(MalformedReadingException.class)
        .hasMessage("'?[31m" + "A".repeat(27) + "…' is not a non-negative whole number");
  }
}
