package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;

/** Reads discovery datagrams; anything malformed is rejected with a reason, never half-used. */
final class DiscoveryReplies {
  /** Largest datagram read; real replies are under 2 KB. */
  static final int MAX_DATAGRAM = 16 * 1024;

  /** The plain 16-byte probe on UDP 20002 (version 2, op 1, no payload, CRC over the header). */
  static final byte[] KLAP_PROBE = HexFormat.of().parseHex("020000010000000000000000463cb5d3");

  private static final int KLAP_HEADER = 16;

  private DiscoveryReplies() {}

  /** The legacy probe: XOR sysinfo without the TCP length prefix. */
  static byte[] legacyProbe() {
    return XorCipher.encrypt(Commands.SYSINFO);
  }

  /** Whether a UDP 9999 reply is a sysinfo answer (XOR JSON, no prefix). */
  static void checkLegacy(byte[] datagram) throws KasaProtocolException {
    ObjectNode reply = KasaJson.parse(XorCipher.decrypt(datagram));
    JsonFields.object(JsonFields.object(reply, "system", "reply"), "get_sysinfo", "reply.system");
  }

  /**
   * Reads a UDP 20002 reply: a 16-byte header, then {@code {"error_code":0,"result":{...}}}. The
   * address comes from the datagram's source, never from the payload's {@code ip}.
   */
  static KlapDevice klap(InetAddress source, byte[] datagram) throws KasaProtocolException {
    if (datagram.length <= KLAP_HEADER) {
      throw new KasaProtocolException("20002 reply of " + datagram.length + " bytes has no payload");
    }
    ObjectNode reply = KasaJson.parse(Arrays.copyOfRange(datagram, KLAP_HEADER, datagram.length));
    JsonNode result = JsonFields.object(reply, "result", "reply");
    JsonNode scheme = result.get("mgt_encrypt_schm");
    String encryption =
        scheme != null && scheme.isObject() ? JsonFields.text(scheme, "encrypt_type", "result.mgt_encrypt_schm") : null;
    return new KlapDevice(
        source.getHostAddress(),
        orUnknown(JsonFields.text(result, "device_model", "result")),
        orUnknown(JsonFields.text(result, "device_id", "result")),
        orUnknown(encryption));
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }
}
