package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credentials a peer echoes never reach a log line; the rest is cut to a short first line. */
class PeerTextTest {
  private static final String TOKEN = "s3cr3t-T0ken.value_42";

  @Test
  void credentialsInEveryUsualShapeAreRedacted() {
    for (String body :
        new String[] {
          "unauthorized: Authorization: Bearer " + TOKEN,
          "{\"error\":\"bad auth\",\"authorization\":\"Bearer " + TOKEN + "\"}",
          "invalid header authorization=Basic " + TOKEN,
          "token " + TOKEN + " expired",
          "rejected ?token=" + TOKEN + "&org=1",
          "{\"password\": \"" + TOKEN + "\"}",
          "db_password='" + TOKEN + "'",
          "X-Api-Key: " + TOKEN,
          "api_key=" + TOKEN,
          "client_secret=" + TOKEN,
          "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl rejected"
        }) {
      String line = PeerText.forLog(body);
      assertThat(line)
          .as(body)
          .doesNotContain(TOKEN)
          .doesNotContain("c2lnbmF0dXJl")
          .contains("[redacted]");
    }
  }

  @Test
  void theRestIsKeptCutAndOnOneLine() {
    assertThat(PeerText.forLog("out of order sample\nsecond line"))
        .isEqualTo("out of order sample");
    assertThat(PeerText.forLog("bad\u0007 \u001b[31mred")).isEqualTo("bad [31mred");
    String long_ = "x".repeat(1000);
    assertThat(PeerText.forLog(long_)).hasSize(PeerText.MAX_CHARS + 1).endsWith("…");
    assertThat(PeerText.forLog("series has 3 labels, want 2; limit 30000"))
        .isEqualTo("series has 3 labels, want 2; limit 30000");
  }
}
