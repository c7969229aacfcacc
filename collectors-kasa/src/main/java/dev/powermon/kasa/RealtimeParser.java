package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads {@code <module>.get_realtime} in either unit style, chosen by the keys present (never by model:
 * a firmware update switches style): old firmware sends {@code power}/{@code voltage}/{@code current}/
 * {@code total} in W/V/A/kWh, newer sends {@code power_mw}/{@code voltage_mv}/{@code current_ma}/
 * {@code total_wh} in mW/mV/mA/Wh.
 */
final class RealtimeParser {
  private RealtimeParser() {}

  static Realtime parse(ObjectNode reply, String module) throws IOException {
    String where = module + ".get_realtime";
    JsonNode rt = Replies.method(reply, module, "get_realtime");
    if (rt.has("power_mw")) {
      return new Realtime(
          JsonFields.requiredNumber(rt, "power_mw", where) / 1000,
          milli(JsonFields.number(rt, "voltage_mv", where)),
          milli(JsonFields.number(rt, "current_ma", where)),
          JsonFields.nonNegative(rt, "total_wh", where));
    }
    if (rt.has("power")) {
      return new Realtime(
          JsonFields.requiredNumber(rt, "power", where),
          JsonFields.number(rt, "voltage", where),
          JsonFields.number(rt, "current", where),
          kilo(JsonFields.nonNegative(rt, "total", where)));
    }
    throw new KasaProtocolException(where + ": neither power_mw nor power in the reply");
  }

  private static Double milli(Double value) {
    return value == null ? null : value / 1000;
  }

  private static Double kilo(Double value) {
    return value == null ? null : value * 1000;
  }
}
