package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Finds {@code reply.<module>.<method>}, checking {@code err_code} at both levels: older firmware
 * reports an unsupported module at module level, newer at method level.
 */
final class Replies {
  private Replies() {}

  static JsonNode method(ObjectNode reply, String module, String method) throws IOException {
    JsonNode moduleNode = JsonFields.object(reply, module, "reply");
    checkError(moduleNode, module);
    String where = module + "." + method;
    JsonNode methodNode = moduleNode.get(method);
    if (methodNode == null || !methodNode.isObject()) {
      throw new KasaProtocolException(where + ": missing from the reply");
    }
    checkError(methodNode, where);
    return methodNode;
  }

  /** Whether {@code reply} answers {@code module.method} without error at either level. */
  static boolean answered(ObjectNode reply, String module, String method) {
    try {
      method(reply, module, method);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void checkError(JsonNode node, String where) throws IOException {
    Double code = JsonFields.number(node, "err_code", where);
    if (code != null && code != 0) {
      String message = JsonFields.text(node, "err_msg", where);
      throw new DeviceErrorException(where, code.longValue(), message == null ? "" : message);
    }
  }
}
