package dev.powermon.kasa;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The legacy-protocol requests the collector sends, as compact UTF-8 JSON. */
final class Commands {
  static final byte[] SYSINFO = request(null, "system", "get_sysinfo");

  private Commands() {}

  /** One method of one module, asked without arguments. */
  record Ask(String module, String method) {}

  static byte[] single(Ask ask) {
    return request(null, ask.module(), ask.method());
  }

  /** {@code system.get_sysinfo} and {@code more} in one request, sysinfo first. */
  static byte[] sysinfoWith(java.util.List<Ask> more) {
    ObjectNode root = KasaJson.object();
    root.putObject("system").putObject("get_sysinfo");
    more.forEach(a -> root.putObject(a.module()).putObject(a.method()));
    return KasaJson.write(root);
  }

  /** One outlet's reading; without the context a strip answers for its first outlet only. */
  static byte[] outletRealtime(String outletId) {
    return request(outletId, "emeter", "get_realtime");
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
