package dev.powermon.nut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NutLineTest {
  @Test
  void wordsAndQuotedWords() throws Exception {
    assertThat(NutLine.words("VAR ups1 device.model \"Smart UPS 1500\""))
        .containsExactly("VAR", "ups1", "device.model", "Smart UPS 1500");
    assertThat(NutLine.words("VAR u x \"\"")).containsExactly("VAR", "u", "x", "");
    assertThat(NutLine.words("")).isEmpty();
  }

  @Test
  void escapesInsideQuotes() throws Exception {
    assertThat(NutLine.words("\"a \\\"b\\\" \\\\c\"")).containsExactly("a \"b\" \\c");
  }

  @Test
  void truncatedQuotesAreErrors() {
    assertThatThrownBy(() -> NutLine.words("VAR u x \"unterminated"))
        .isInstanceOf(NutProtocolException.class)
        .hasMessageStartingWith("unterminated quote");
    assertThatThrownBy(() -> NutLine.words("VAR u x \"ends in \\"))
        .isInstanceOf(NutProtocolException.class)
        .hasMessageStartingWith("line ends inside an escape");
  }

  @Test
  void excerptsAreBoundedAndPrintable() {
    assertThat(NutProtocolException.excerpt("a\u0000b\u001b[31m")).isEqualTo("'a?b?[31m'");
    assertThat(NutProtocolException.excerpt("x".repeat(500))).hasSize(83);
  }
}
