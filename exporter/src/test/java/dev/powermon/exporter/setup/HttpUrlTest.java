package dev.powermon.exporter.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A URL to connect to: http(s), a host, no credentials; refusals never repeat the URL. */
class HttpUrlTest {
  @Test
  void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(
            () -> HttpUrl.parse("--config.server", "http://fleet:hunter2@config.lan:9108"))
        .isInstanceOf(OperatorError.class)
        .hasMessage("--config.server: put credentials in a file (the auth flags), not in the URL");
    assertThatThrownBy(() -> HttpUrl.parse("--push.remote-write.url", "https://hunter2@vm/api"))
        .hasMessage(
            "--push.remote-write.url: put credentials in a file (the auth flags), not in the URL");
  }

  @Test
  void otherSchemesAndBrokenUrlsAreRefusedWithoutRepeatingThem() {
    assertThatThrownBy(() -> HttpUrl.parse("--config.server", "ftp://hunter2/x"))
        .hasMessage("--config.server: must be an http:// or https:// URL with a host");
    assertThatThrownBy(() -> HttpUrl.parse("--config.server", "http://a b/hunter2"))
        .hasMessageStartingWith("--config.server: not a URL (")
        .hasMessageNotContaining("hunter2");
    assertThat(HttpUrl.parse("--config.server", "http://config.lan:9108").getPort())
        .isEqualTo(9108);
  }
}
