package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KasaJsonTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aTopLevelObjectIsRequired() {
    assertThatThrownBy(() -> KasaJson.parse(utf8("[1,2]")))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessage("reply is not a JSON object (got ARRAY)");
    assertThatThrownBy(() -> KasaJson.parse(utf8("42")))
        .hasMessage("reply is not a JSON object (got NUMBER)");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    assertThatThrownBy(() -> KasaJson.parse(utf8(deep)))
        .isInstanceOf(KasaProtocolException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void hugeNumbersAreRefused() {
    String big = "{\"power_mw\":" + "9".repeat(100) + "}";
    assertThatThrownBy(() -> KasaJson.parse(utf8(big))).hasMessageContaining("Number value length");
  }

  @Test
  void duplicateKeysAndTrailingDataAreRefused() {
    assertThatThrownBy(() -> KasaJson.parse(utf8("{\"a\":1,\"a\":2}")))
        .hasMessageContaining("Duplicate field");
    assertThatThrownBy(() -> KasaJson.parse(utf8("{\"a\":1} {\"b\":2}")))
        .hasMessageContaining("Trailing token");
  }

  @Test
  void invalidUtf8IsRefused() {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertThatThrownBy(() -> KasaJson.parse(bad)).hasMessageContaining("Invalid UTF-8");
  }

  @Test
  void aCorrectReplyParses() throws KasaProtocolException {
    assertThat(
            KasaJson.parse(utf8("{\"system\":{\"get_sysinfo\":{\"alias\":\"☃\"}}}"))
                .at("/system/get_sysinfo/alias")
                .asText())
        .isEqualTo("☃");
  }
}
