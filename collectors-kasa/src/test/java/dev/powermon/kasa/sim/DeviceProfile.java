package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a simulated device answers: a JSON document keyed like the protocol ({@code module.method}),
 * written for this project (see the {@code *.json} next to this class). Strips also carry {@code
 * outlet_emeter}, the per-outlet replies in children order.
 */
public final class DeviceProfile {
  /** Profiles shipped with the simulator. */
  public static final List<String> NAMES =
      List.of(
          "plug-old",
          "plug-new",
          "hs300",
          "plug-nometer",
          "bulb",
          "kp303",
          "hs300-clock-bug",
          "hs300-112");

  static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode doc;

  private DeviceProfile(ObjectNode doc) {
    this.doc = doc;
  }

  public static DeviceProfile load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown profile '" + name + "'; known: " + NAMES);
    }
    try (InputStream in = DeviceProfile.class.getResourceAsStream(name + ".json")) {
      return new DeviceProfile((ObjectNode) JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A device dump in the same shape ({@code {"<module>": {"<method>": reply}}}), as python-kasa's
   * {@code dump_devinfo} writes them, for checking the collector against recorded devices. A dump
   * has no per-outlet replies: its strips answer every outlet with the reply recorded without
   * context (outlet 0's).
   */
  public static DeviceProfile fromFile(Path file) throws IOException {
    JsonNode doc = JSON.readTree(file.toFile());
    if (!doc.isObject() || !doc.path("system").path("get_sysinfo").isObject()) {
      throw new IllegalArgumentException(
          file + ": not a device dump (no system.get_sysinfo object)");
    }
    return new DeviceProfile((ObjectNode) doc);
  }

  /** A copy with another device id (children ids follow it: id + two-digit index) and alias. */
  public DeviceProfile withIdentity(String deviceId, String alias) {
    ObjectNode copy = doc.deepCopy();
    ObjectNode si = (ObjectNode) copy.path("system").path("get_sysinfo");
    si.put("deviceId", deviceId);
    si.put("alias", alias);
    JsonNode children = si.path("children");
    for (int i = 0; i < children.size(); i++) {
      ((ObjectNode) children.get(i)).put("id", deviceId + String.format("%02d", i));
    }
    return new DeviceProfile(copy);
  }

  /**
   * The {@code n}-th copy of this profile in a fleet: the device id's last four hex digits become
   * {@code n}, the alias gets {@code #n}, so every copy is a distinct device.
   */
  public DeviceProfile numbered(int n) {
    String id = deviceId();
    return withIdentity(
        id.substring(0, id.length() - 4) + String.format("%04X", n & 0xFFFF),
        sysinfo().path("alias").asText() + " #" + n);
  }

  /** The sysinfo object, for tests that compare exported values with what was served. */
  public JsonNode sysinfo() {
    return doc.path("system").path("get_sysinfo");
  }

  public String deviceId() {
    return sysinfo().path("deviceId").asText();
  }

  /** A copy of the document, for fault modes that corrupt it. */
  ObjectNode document() {
    return doc.deepCopy();
  }

  /**
   * The reply to {@code request}, as the firmware builds it: every module and method asked, with a
   * module-level error for unknown modules and a method-level one for unknown methods.
   */
  ObjectNode answer(ObjectNode request, ObjectNode source) {
    ObjectNode reply = JSON.createObjectNode();
    String childId = request.path("context").path("child_ids").path(0).asText(null);
    Iterator<Map.Entry<String, JsonNode>> modules = request.fields();
    while (modules.hasNext()) {
      Map.Entry<String, JsonNode> module = modules.next();
      if (module.getKey().equals("context")) {
        continue;
      }
      JsonNode known = source.get(module.getKey());
      if (known == null
          || module.getKey().startsWith("_")
          || module.getKey().equals("outlet_emeter")) {
        reply.set(module.getKey(), error(-1, "module not support"));
        continue;
      }
      ObjectNode out = reply.putObject(module.getKey());
      Iterator<String> methods = module.getValue().fieldNames();
      while (methods.hasNext()) {
        String method = methods.next();
        JsonNode value = known.get(method);
        if (childId != null && module.getKey().equals("emeter") && method.equals("get_realtime")) {
          value = outletReading(source, childId);
        }
        out.set(method, value == null ? error(-2, "member not support") : value);
      }
    }
    return reply;
  }

  private static JsonNode outletReading(ObjectNode source, String childId) {
    ArrayNode children = (ArrayNode) source.path("system").path("get_sysinfo").path("children");
    for (int i = 0; i < children.size(); i++) {
      if (childId.equals(children.get(i).path("id").asText())) {
        JsonNode reading =
            source.has("outlet_emeter")
                ? source.path("outlet_emeter").path(i)
                : source
                    .path("emeter")
                    .path("get_realtime"); // a dump: outlet 0's reply for every outlet
        return reading.isMissingNode() ? error(-1, "module not support") : reading;
      }
    }
    return error(-14, "entry not exist");
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("err_code", code).put("err_msg", message);
  }
}
