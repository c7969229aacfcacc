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
    KlapDevice d =
        DiscoveryReplies.klap(
            InetAddress.getByName("127.0.0.8"),
            klapReply(
                "{\"error_code\":0,\"result\":{\"device_id\":\"AB\",\"device_model\":\"KP125M(US)\",\"ip\":\"10.1.1.1\","
                    + "\"device_type\":\"SMART.KASAPLUG\",\"mgt_encrypt_schm\":{\"encrypt_type\":\"AES\",\"lv\":2}}}"));
    assertThat(d)
        .isEqualTo(
            new KlapDevice(
                "127.0.0.8", "KP125M(US)", "AB", "AES", "SMART.KASAPLUG", 80, 2, false, false));
    assertThat(d.pollable()).isTrue();
    KlapDevice none =
        DiscoveryReplies.klap(InetAddress.getByName("127.0.0.8"), klapReply("{\"result\":{}}"));
    assertThat(none)
        .isEqualTo(
            new KlapDevice(
                "127.0.0.8", "unknown", "unknown", "unknown", "unknown", 80, null, false, false));
    assertThat(none.need()).isEqualTo("names no transport (no mgt_encrypt_schm), not supported");
  }

  @Test
  void theSchemeChoosesPortAndKlapVersionOrder() throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.9");
    KlapDevice hs300 =
        DiscoveryReplies.klap(
            source,
            klapReply(
                "{\"result\":{\"device_type\":\"IOT.SMARTPLUGSWITCH\","
                    + "\"mgt_encrypt_schm\":{\"ANS\":false,\"encrypt_type\":\"KLAP\",\"http_port\":8080,"
                    + "\"is_support_https\":false,\"new_klap\":1}}}"));
    assertThat(hs300.pollable()).isTrue();
    assertThat(hs300.httpPort()).isEqualTo(8080);
    assertThat(hs300.versions())
        .containsExactly(KlapVersion.V2, KlapVersion.V1); // the new_klap trap avoided
    assertThat(hs300.smart()).isFalse(); // never asked a SMART question
    KlapDevice ukPlug =
        DiscoveryReplies.klap(
            source,
            klapReply(
                "{\"result\":{\"device_type\":\"IOT.SMARTPLUGSWITCH\","
                    + "\"mgt_encrypt_schm\":{\"encrypt_type\":\"KLAP\",\"http_port\":99999}}}"));
    assertThat(ukPlug.versions())
        .containsExactly(KlapVersion.V1, KlapVersion.V2); // no lv: v1 first
    assertThat(ukPlug.httpPort()).isEqualTo(80); // out of range: the default
    KlapDevice tapo =
        DiscoveryReplies.klap(
            source,
            klapReply(
                "{\"result\":{\"device_type\":\"SMART.TAPOPLUG\","
                    + "\"mgt_encrypt_schm\":{\"encrypt_type\":\"KLAP\",\"is_support_https\":true,\"lv\":2}}}"));
    assertThat(tapo.pollable()).isFalse();
    assertThat(tapo.smart()).isTrue();
    assertThat(tapo.need()).isEqualTo("needs KLAP over HTTPS, not supported yet");
    KlapDevice tpap =
        DiscoveryReplies.klap(
            source,
            klapReply(
                "{\"result\":{\"device_type\":\"SMART.TAPOPLUG\","
                    + "\"mgt_encrypt_schm\":{\"encrypt_type\":\"TPAP\"}}}"));
    assertThat(tpap.need()).isEqualTo("needs TPAP, not supported yet");
  }

  @Test
  void truncatedHostileOrMistypedKlapRepliesAreRejected() throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.8");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, HEADER))
        .hasMessage("20002 reply of 16 bytes has no payload");
    assertThatThrownBy(
            () -> DiscoveryReplies.klap(source, klapReply("{\"result\":{\"device_model\":")))
        .hasMessageStartingWith("reply is not valid JSON");
    assertThatThrownBy(() -> DiscoveryReplies.klap(source, klapReply("{\"result\":[]}")))
        .hasMessage("reply.result: expected an object, got array []");
    assertThatThrownBy(
            () -> DiscoveryReplies.klap(source, klapReply("{\"result\":{\"device_model\":42}}")))
        .hasMessage("result.device_model: expected text, got number 42");
  }

  @Test
  void aLegacyReplyMustBeASysinfoAnswer() {
    byte[] good =
        XorCipher.encrypt(
            "{\"system\":{\"get_sysinfo\":{\"model\":\"HS110\"}}}"
                .getBytes(StandardCharsets.UTF_8));
    assertThatCode(() -> DiscoveryReplies.checkLegacy(good)).doesNotThrowAnyException();
    byte[] other = XorCipher.encrypt("{\"schedule\":{}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> DiscoveryReplies.checkLegacy(other))
        .hasMessage("reply.system: expected an object, got nothing");
    assertThatThrownBy(() -> DiscoveryReplies.checkLegacy(new byte[] {1, 2, 3}))
        .hasMessageStartingWith("reply is not valid JSON");
    // the legacy probe is the XOR'd sysinfo request without the TCP length prefix
    assertThat(XorCipher.decrypt(DiscoveryReplies.legacyProbe())).isEqualTo(Commands.SYSINFO);
  }
}
