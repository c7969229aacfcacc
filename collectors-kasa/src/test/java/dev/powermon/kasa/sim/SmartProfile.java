package dev.powermon.kasa.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A SMART device's answers (kasa.md §7), from a profile in {@code smart/}: each method's result,
 * and for strips each outlet's list entry and methods, asked through {@code control_child}; several
 * at once through {@code multipleRequest}. Unknown methods get {@code -1002}, as firmware without
 * them answers.
 */
public final class SmartProfile {
  /** Profiles shipped with the simulator. */
  public static final List<String> NAMES = List.of("p110", "kp125m", "ep25-power-only", "p304m");

  /** Outlets per page of {@code get_child_device_list}, small so that paging is exercised. */
  private static final int PAGE = 3;

  private final ObjectNode doc;

  private SmartProfile(ObjectNode doc) {
    this.doc = doc;
  }

  public static SmartProfile load(String name) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown SMART profile '" + name + "'; known: " + NAMES);
    }
    try (InputStream in = SmartProfile.class.getResourceAsStream("smart/" + name + ".json")) {
      return new SmartProfile((ObjectNode) DeviceProfile.JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result the profile holds for {@code method}, for tests that compare exported values. */
  public JsonNode result(String method) {
    return doc.path(method);
  }

  public String deviceId() {
    return doc.path("get_device_info").path("device_id").asText();
  }

  /** This profile as the responder of a {@link SimulatedKlapDevice}. */
  public SimulatedKlapDevice.Responder responder() {
    return plain ->
        DeviceProfile.JSON.writeValueAsBytes(
            answer((ObjectNode) DeviceProfile.JSON.readTree(plain)));
  }

  private ObjectNode answer(ObjectNode request) {
    String method = request.path("method").asText();
    JsonNode params = request.path("params");
    switch (method) {
      case "multipleRequest":
        ObjectNode all = ok();
        com.fasterxml.jackson.databind.node.ArrayNode responses =
            all.putObject("result").putArray("responses");
        for (JsonNode one : params.path("requests")) {
          ObjectNode answer =
              DeviceProfile.JSON.createObjectNode().put("method", one.path("method").asText());
          answer.setAll(answer((ObjectNode) one));
          responses.add(answer);
        }
        return all;
      case "get_child_device_list":
        return childList(params.path("start_index").asInt(0));
      case "control_child":
        JsonNode child = child(params.path("device_id").asText());
        if (child == null) {
          return error(-1001);
        }
        ObjectNode inner = answer(child, params.path("requestData").path("method").asText());
        ObjectNode out = ok();
        out.putObject("result").set("responseData", inner);
        return out;
      default:
        return answer(doc, method);
    }
  }

  private static ObjectNode answer(JsonNode source, String method) {
    JsonNode result = source.get(method);
    if (result == null
        || method.equals("children")
        || method.equals("info")
        || method.startsWith("_")) {
      return error(-1002);
    }
    ObjectNode out = ok();
    out.set("result", result.deepCopy());
    return out;
  }

  private ObjectNode childList(int start) {
    JsonNode children = doc.get("children");
    if (children == null) {
      return error(-1002);
    }
    ObjectNode out = ok();
    ObjectNode result = out.putObject("result");
    result.put("start_index", start).put("sum", children.size());
    ArrayNode list = result.putArray("child_device_list");
    for (int i = start; i < Math.min(children.size(), start + PAGE); i++) {
      list.add(children.get(i).get("info").deepCopy());
    }
    return out;
  }

  private JsonNode child(String id) {
    for (JsonNode c : doc.path("children")) {
      if (id.equals(c.path("info").path("device_id").asText())) {
        return c;
      }
    }
    return null;
  }

  private static ObjectNode ok() {
    return DeviceProfile.JSON.createObjectNode().put("error_code", 0);
  }

  private static ObjectNode error(int code) {
    return DeviceProfile.JSON.createObjectNode().put("error_code", code);
  }
}
