package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The bytes a faulty device puts on the wire after the 4-byte header, per {@link Fault}. */
final class FaultyReplies {
  private FaultyReplies() {}

  /** A document whose numeric readings are text, for {@link Fault#WRONG_TYPES}. */
  static ObjectNode wrongTypes(DeviceProfile profile) {
    ObjectNode doc = profile.document();
    ObjectNode si = (ObjectNode) doc.path("system").path("get_sysinfo");
    si.put("relay_state", "on");
    si.put("rssi", "strong");
    for (JsonNode reading : new JsonNode[] {doc.path("emeter").path("get_realtime")}) {
      if (reading.isObject()) {
        ((ObjectNode) reading).put("power_mw", "lots").put("power", "lots");
      }
    }
    return doc;
  }

  static byte[] garbage(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** The reply cut in the middle of a string, as a device might send after a buffer overflow. */
  static byte[] truncatedJson(byte[] json) {
    String text = new String(json, StandardCharsets.UTF_8);
    return text.substring(0, Math.max(1, text.length() / 2)).getBytes(StandardCharsets.UTF_8);
  }
}
