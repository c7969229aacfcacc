package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * Reads {@code <module>.get_realtime} in either unit style, chosen per field by the key present
 * (never by model: a firmware update switches style): old firmware sends {@code power}/{@code
 * voltage}/ {@code current}/{@code total} in W/V/A/kWh, newer sends {@code power_mw}/{@code
 * voltage_mv}/ {@code current_ma}/{@code total_wh} in mW/mV/mA/Wh. Fails narrow: an unusable field
 * is left out and noted, the others are kept (a bad {@code total_wh} costs the energy series, not
 * the power).
 */
final class RealtimeParser {
  private static final List<String> KEYS =
      List.of(
          "power_mw",
          "power",
          "voltage_mv",
          "voltage",
          "current_ma",
          "current",
          "total_wh",
          "total");

  private RealtimeParser() {}

  static Realtime parse(ObjectNode reply, String module, FieldProblems problems)
      throws IOException {
    String where = module + ".get_realtime";
    JsonNode rt = Replies.method(reply, module, "get_realtime");
    if (KEYS.stream().noneMatch(rt::has)) {
      throw new KasaProtocolException(where + ": neither power_mw nor power in the reply");
    }
    Double watts;
    if (rt.has("power_mw")) {
      watts = milli(problems.number(rt, "power_mw", where));
    } else if (rt.has("power")) {
      watts = problems.number(rt, "power", where);
    } else {
      problems.add(where, "power", where + ".power: missing"); // a meter always reports power
      watts = null;
    }
    return new Realtime(
        watts,
        rt.has("voltage_mv")
            ? milli(problems.number(rt, "voltage_mv", where))
            : problems.number(rt, "voltage", where),
        rt.has("current_ma")
            ? milli(problems.number(rt, "current_ma", where))
            : problems.number(rt, "current", where),
        rt.has("total_wh")
            ? problems.nonNegative(rt, "total_wh", where)
            : kilo(problems.nonNegative(rt, "total", where)));
  }

  private static Double milli(Double value) {
    return value == null ? null : value / 1000;
  }

  private static Double kilo(Double value) {
    return value == null ? null : value * 1000;
  }
}
