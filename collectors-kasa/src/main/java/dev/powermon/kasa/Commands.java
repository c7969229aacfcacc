package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The legacy-protocol requests the collector sends, as compact UTF-8 JSON. */
final class Commands {
  static final byte[] SYSINFO = request(null, "system", "get_sysinfo");

  private Commands() {}

  static byte[] realtime(String module) {
    return request(null, module, "get_realtime");
  }

  /** One outlet's reading; without the context a strip answers for its first outlet only. */
  static byte[] outletRealtime(String outletId) {
    return request(outletId, "emeter", "get_realtime");
  }

  static byte[] cloudInfo(String module) {
    return request(null, module, "get_info");
  }

  private static byte[] request(String childId, String module, String method) {
    ObjectNode root = KasaJson.object();
    if (childId != null) {
      root.putObject("context")
          .putArray("child_ids")
          .add(childId); // context first, as the app sends it
    }
    root.putObject(module).putObject(method);
    return KasaJson.write(root);
  }
}
