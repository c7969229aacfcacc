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

  /** Where KLAP and AES devices listen when the reply names no {@code http_port}. */
  static final int DEFAULT_HTTP_PORT = 80;

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
      throw new KasaProtocolException(
          "20002 reply of " + datagram.length + " bytes has no payload");
    }
    ObjectNode reply = KasaJson.parse(Arrays.copyOfRange(datagram, KLAP_HEADER, datagram.length));
    JsonNode result = JsonFields.object(reply, "result", "reply");
    JsonNode scheme = result.get("mgt_encrypt_schm");
    boolean hasScheme = scheme != null && scheme.isObject();
    String where = "result.mgt_encrypt_schm";
    String encryption = hasScheme ? JsonFields.text(scheme, "encrypt_type", where) : null;
    Double port = hasScheme ? JsonFields.number(scheme, "http_port", where) : null;
    Double lv = hasScheme ? JsonFields.number(scheme, "lv", where) : null;
    Double newKlap = hasScheme ? JsonFields.number(scheme, "new_klap", where) : null;
    JsonNode https = hasScheme ? scheme.get("is_support_https") : null;
    return new KlapDevice(
        source.getHostAddress(),
        orUnknown(JsonFields.text(result, "device_model", "result")),
        orUnknown(JsonFields.text(result, "device_id", "result")),
        orUnknown(encryption),
        orUnknown(JsonFields.text(result, "device_type", "result")),
        port != null && port >= 1 && port <= 65535 && port == Math.rint(port)
            ? port.intValue()
            : DEFAULT_HTTP_PORT,
        lv == null ? null : lv.intValue(),
        newKlap != null && newKlap == 1,
        https != null && https.isBoolean() && https.booleanValue());
  }

  private static String orUnknown(String s) {
    return s == null ? "unknown" : s;
  }
}
