package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads {@code system.get_sysinfo} of plugs, strips and bulbs into a {@link SysInfo}. */
final class SysInfoParser {
  /** Outlets read per strip; real strips have at most 6, a reply listing hundreds is hostile. */
  static final int MAX_OUTLETS = 16;

  private static final String WHERE = "system.get_sysinfo";

  private SysInfoParser() {}

  static SysInfo parse(ObjectNode reply) throws IOException {
    JsonNode si = Replies.method(reply, "system", "get_sysinfo");
    String deviceId = JsonFields.requiredText(si, "deviceId", WHERE);
    String type = firstText(si, "mic_type", "type");
    List<Outlet> outlets = outlets(si, deviceId);
    SysInfo.Kind kind =
        type != null && type.toUpperCase(Locale.ROOT).contains("SMARTBULB")
            ? SysInfo.Kind.BULB
            : outlets.isEmpty() ? SysInfo.Kind.PLUG : SysInfo.Kind.STRIP;
    Double relay = JsonFields.number(si, "relay_state", WHERE);
    if (kind == SysInfo.Kind.BULB && si.has("light_state")) {
      relay = JsonFields.number(JsonFields.object(si, "light_state", WHERE), "on_off", WHERE + ".light_state");
    }
    return new SysInfo(
        deviceId,
        orEmpty(JsonFields.text(si, "alias", WHERE)),
        JsonFields.requiredText(si, "model", WHERE),
        orEmpty(firstText(si, "mac", "mic_mac")),
        orEmpty(JsonFields.text(si, "hw_ver", WHERE)),
        orEmpty(JsonFields.text(si, "sw_ver", WHERE)),
        kind,
        JsonFields.text(si, "feature", WHERE),
        relay,
        JsonFields.number(si, "led_off", WHERE),
        JsonFields.number(si, "rssi", WHERE),
        JsonFields.nonNegative(si, "on_time", WHERE),
        JsonFields.number(si, "updating", WHERE),
        outlets);
  }

  private static List<Outlet> outlets(JsonNode si, String deviceId) throws KasaProtocolException {
    JsonNode children = si.get("children");
    if (children == null || children.isNull()) {
      return List.of();
    }
    if (!children.isArray()) {
      throw new KasaProtocolException(WHERE + ".children: expected an array, got " + children.getNodeType());
    }
    List<Outlet> out = new ArrayList<>();
    for (int slot = 0; slot < Math.min(children.size(), MAX_OUTLETS); slot++) {
      String where = WHERE + ".children[" + slot + "]";
      JsonNode child = children.get(slot);
      if (!child.isObject()) {
        throw new KasaProtocolException(where + ": expected an object, got " + child.getNodeType());
      }
      String id = JsonFields.requiredText(child, "id", where);
      // Some firmware lists only the two-digit index; the emeter context needs the full id.
      String fullId = id.length() <= 2 ? deviceId + id : id;
      out.add(
          new Outlet(
              fullId,
              orEmpty(JsonFields.text(child, "alias", where)),
              slot,
              JsonFields.number(child, "state", where),
              JsonFields.nonNegative(child, "on_time", where)));
    }
    return out;
  }

  private static String firstText(JsonNode si, String first, String second) throws KasaProtocolException {
    String value = JsonFields.text(si, first, WHERE);
    return value != null ? value : JsonFields.text(si, second, WHERE);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
