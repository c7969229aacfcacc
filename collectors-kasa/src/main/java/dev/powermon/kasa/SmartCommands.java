package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The SMART command set (Tapo, and Kasa hardware since 2023; kasa.md §7): one method per request,
 * {@code {"method":…,"params":…,"request_time_milis":…}} ("milis" as the firmware spells it),
 * answered {@code {"error_code":0,"result":{…}}}; a child's method goes inside {@code
 * control_child}.
 */
final class SmartCommands {
  static final String DEVICE_INFO = "get_device_info";
  static final String ENERGY_USAGE = "get_energy_usage";
  static final String EMETER_DATA = "get_emeter_data";
  static final String CURRENT_POWER = "get_current_power";
  static final String CHILD_LIST = "get_child_device_list";

  private SmartCommands() {}

  static ObjectNode request(String method) {
    return envelope(method);
  }

  /** {@code get_child_device_list} from {@code startIndex}: strips answer in pages. */
  static ObjectNode childList(int startIndex) {
    ObjectNode root = envelope(CHILD_LIST);
    root.putObject("params").put("start_index", startIndex);
    return root;
  }

  /** {@code method} asked of the child {@code childId} through its parent. */
  static ObjectNode child(String childId, String method) {
    ObjectNode root = envelope("control_child");
    ObjectNode params = root.putObject("params");
    params.put("device_id", childId);
    params.putObject("requestData").put("method", method).putNull("params");
    return root;
  }

  /**
   * Several requests in one ({@code multipleRequest}), answered {@code result.responses[]} in
   * order.
   */
  static ObjectNode multiple(java.util.List<ObjectNode> requests) {
    ObjectNode root = envelope("multipleRequest");
    com.fasterxml.jackson.databind.node.ArrayNode list =
        root.putObject("params").putArray("requests");
    requests.forEach(list::add);
    return root;
  }

  /**
   * The {@code result} of a reply, after its {@code error_code}; for {@code control_child}, the
   * child's own {@code responseData} is unwrapped and checked the same way.
   *
   * @throws DeviceErrorException for a non-zero code (an unknown method is -1002 or -1008)
   */
  static JsonNode result(ObjectNode reply, String method) throws IOException {
    JsonNode result = checked(reply, method);
    JsonNode inner = result.get("responseData");
    return inner != null && inner.isObject() ? checked(inner, method) : result;
  }

  private static JsonNode checked(JsonNode reply, String method) throws IOException {
    Double code = JsonFields.number(reply, "error_code", method);
    if (code == null) {
      throw new KasaProtocolException(method + ": the reply has no error_code; not a SMART reply");
    }
    if (code != 0) {
      throw new DeviceErrorException(method, code.longValue(), "");
    }
    return JsonFields.object(reply, "result", method);
  }

  private static ObjectNode envelope(String method) {
    ObjectNode root = KasaJson.object();
    root.put("method", method);
    root.put("request_time_milis", System.currentTimeMillis());
    return root;
  }
}
