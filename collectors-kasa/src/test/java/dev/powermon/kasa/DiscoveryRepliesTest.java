package dev.powermon.kasa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DiscoveryRepliesTest {
  private static final byte[] HEADER = new byte[16];

  private static byte[] klapReply(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    byte[] out = Arrays.copyOf(HEADER, 16 + body.length);
    System.arraycopy(body, 0, out, 16, body.length);
    return out;
  }

  @Test
  void theKlapProbeIsTheDocumentedSixteenBytes() {
    assertThat(java.util.HexFormat.of().formatHex(DiscoveryReplies.KLAP_PROBE))
        .isEqualTo("020000010000000000000000463cb5d3");
  }

  @Test
  void aKlapReplyNamesModelIdAndEncryptionAndTakesTheSourceAddress() throws Exception {
    KlapDevice d = DiscoveryReplies.klap(InetAddress.getByName("127.0.0.8"), klapReply(
        "{\"error_code\":0,\"result\":{\"device_id\":\"AB\",\"device_model\":\"KP125M(US)\",\"ip\":\"10.1.1.1\","
            + "\"mgt_encrypt_schm\":{\"encrypt_type\":\"AES\",\"lv\":2}}}"));
    assertThat(d).isEqualTo(new KlapDevice("127.0.0.8", "KP125M(US)", "AB", "AES"));
    assertThat(DiscoveryReplies.klap(InetAddress.getByName("127.0.0.8"), klapReply("{\"result\":{}}")))
        .isEqualTo(new KlapDevice("127.0.0.8", "unknown", "unknown", "unknown"));
  }

  @Test
  void truncatedHostileOrMistypedKlapRepliesAreRejected() throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.8");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, HEADER)).hasMessage("20002 reply of 16 bytes has no payload");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, klapReply("{\"result\":{\"device_model\":")))
        .hasMessageStartingWith("reply is not valid JSON");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, klapReply("{\"result\":[]}")))
        .hasMessage("reply.result: expected an object, got array []");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, klapReply("{\"result\":{\"device_model\":42}}")))
        .hasMessage("result.device_model: expected text, got number 42");
  }

  @Test
  void aLegacyReplyMustBeASysinfoAnswer() {
    byte[] good = XorCipher.encrypt("{\"system\":{\"get_sysinfo\":{\"model\":\"HS110\"}}}".getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> DiscoveryReplies.checkLegacy(good)).doesNotThrowAnyException();
    byte[] other = XorCipher.encrypt("{\"schedule\":{}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> DiscoveryReplies.checkLegacy(other)).hasMessage("reply.system: expected an object, got nothing");
    assertThatThrownBy(() -> DiscoveryReplies.checkLegacy(new byte[] {1, 2, 3}))
        .hasMessageStartingWith("reply is not valid JSON");
    // the legacy probe is the XOR'd sysinfo request without the TCP length prefix
    assertThat(XorCipher.decrypt(DiscoveryReplies.legacyProbe())).isEqualTo(Commands.SYSINFO);
  }
}
