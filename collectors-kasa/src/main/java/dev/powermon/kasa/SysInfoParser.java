package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code system.get_sysinfo} of plugs, strips and bulbs into a {@link SysInfo}. Fails narrow:
 * only a reply without a sysinfo object is an error; a missing, mistyped or out-of-range field is
 * left out and noted in the {@link FieldProblems}, and the device keeps everything else.
 */
final class SysInfoParser {
  /** Outlets read per strip; real strips have at most 6, a reply listing hundreds is hostile. */
  static final int MAX_OUTLETS = 16;

  private static final String WHERE = "system.get_sysinfo";

  private SysInfoParser() {}

  static SysInfo parse(ObjectNode reply, FieldProblems problems) throws IOException {
    JsonNode si = Replies.method(reply, "system", "get_sysinfo");
    String deviceId = problems.requiredText(si, "deviceId", WHERE);
    String type = firstText(si, "mic_type", "type", problems);
    boolean bulb = type != null && type.toUpperCase(Locale.ROOT).contains("SMARTBULB");
    JsonNode children = si.get("children");
    boolean strip =
        !bulb
            && children != null
            && !children.isNull()
            && !(children.isArray() && children.isEmpty());
    List<Outlet> outlets = new ArrayList<>();
    boolean complete = !strip || outlets(children, deviceId, outlets, problems);
    Double relay = problems.number(si, "relay_state", WHERE);
    JsonNode light = si.get("light_state");
    if (bulb && light != null) {
      relay =
          light.isObject()
              ? problems.number(light, "on_off", WHERE + ".light_state")
              : noted(problems, "light_state", "expected an object, got " + light.getNodeType());
    }
    return new SysInfo(
        deviceId,
        orEmpty(problems.text(si, "alias", WHERE)),
        orEmpty(problems.requiredText(si, "model", WHERE)),
        orEmpty(firstText(si, "mac", "mic_mac", problems)),
        orEmpty(problems.text(si, "hw_ver", WHERE)),
        orEmpty(problems.text(si, "sw_ver", WHERE)),
        bulb ? SysInfo.Kind.BULB : strip ? SysInfo.Kind.STRIP : SysInfo.Kind.PLUG,
        problems.text(si, "feature", WHERE),
        relay,
        problems.number(si, "led_off", WHERE),
        problems.number(si, "rssi", WHERE),
        problems.nonNegative(si, "on_time", WHERE),
        problems.number(si, "updating", WHERE),
        outlets,
        complete);
  }

  /**
   * Adds the usable outlets to {@code out}; false when an outlet could not be read (no usable id),
   * so that the strip's total, which would miss it, is withheld.
   */
  private static boolean outlets(
      JsonNode children, String deviceId, List<Outlet> out, FieldProblems problems) {
    if (!children.isArray()) {
      problems.add(
          WHERE, "children", WHERE + ".children: expected an array, got " + children.getNodeType());
      return false;
    }
    boolean complete = true;
    for (int slot = 0; slot < Math.min(children.size(), MAX_OUTLETS); slot++) {
      String where = WHERE + ".children[" + slot + "]";
      JsonNode child = children.get(slot);
      if (!child.isObject()) {
        problems.add(WHERE, "children", where + ": expected an object, got " + child.getNodeType());
        complete = false;
        continue;
      }
      String id = problems.requiredText(child, "id", where);
      if (id == null) {
        complete = false; // without its id the outlet cannot be asked for its reading
        continue;
      }
      // Some firmware lists only the two-digit index; the emeter context needs the full id.
      String fullId = id.length() <= 2 && deviceId != null ? deviceId + id : id;
      out.add(
          new Outlet(
              fullId,
              orEmpty(problems.text(child, "alias", where)),
              slot,
              problems.number(child, "state", where),
              problems.nonNegative(child, "on_time", where)));
    }
    return complete;
  }

  private static String firstText(
      JsonNode si, String first, String second, FieldProblems problems) {
    String value = problems.text(si, first, WHERE);
    return value != null ? value : problems.text(si, second, WHERE);
  }

  private static Double noted(FieldProblems problems, String field, String reason) {
    problems.add(WHERE, field, WHERE + "." + field + ": " + reason);
    return null;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
