package dev.powermon.shelly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a device's status document into channels, in base units. Gen1 {@code GET /status}: {@code
 * meters[]} (plugs and relays: {@code power} W, {@code total} in watt-minutes) and {@code
 * emeters[]} (EM and 3EM: {@code power}, {@code voltage}, {@code current}, {@code pf}, {@code
 * total} and {@code total_returned} in Wh). Gen2+ {@code GET /rpc/Shelly.GetStatus}: {@code
 * switch:N} and {@code pm1:N} ({@code apower}, {@code voltage}, {@code current}, {@code freq},
 * {@code aenergy.total} Wh), {@code em:N} with {@code emdata:N} (three phases a, b, c), and {@code
 * em1:N} with {@code em1data:N} (one clamp each).
 */
final class StatusParser {
  /** Joules in a watt-minute and in a watt-hour. */
  static final double WATT_MINUTE = 60;

  static final double WATT_HOUR = 3600;

  /** More channels than any Shelly has: a status beyond it is refused rather than grown into. */
  static final int MAX_CHANNELS = 16;

  private final Fields fields;

  StatusParser(Fields fields) {
    this.fields = fields;
  }

  List<Channel> gen1(JsonNode status) {
    List<Channel> out = new ArrayList<>();
    JsonNode relays = status.path("relays");
    int i = 0;
    for (JsonNode meter : iterable(status.path("meters"))) {
      String where = "meters[" + i + "]";
      JsonNode relay = relays.path(i);
      out.add(
          new Channel(
              "meter" + i,
              fields.number(meter, "power", where),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              scaled(fields.nonNegative(meter, "total", where), WATT_MINUTE),
              Optional.empty(),
              relay.isObject()
                  ? fields.bool(relay, "ison", "relays[" + i + "]")
                  : Optional.empty()));
      i++;
    }
    i = 0;
    for (JsonNode em : iterable(status.path("emeters"))) {
      String where = "emeters[" + i + "]";
      out.add(
          new Channel(
              "emeter" + i,
              fields.number(em, "power", where),
              fields.nonNegative(em, "voltage", where),
              fields.nonNegative(em, "current", where),
              Optional.empty(),
              fields.number(em, "pf", where),
              scaled(fields.nonNegative(em, "total", where), WATT_HOUR),
              scaled(fields.nonNegative(em, "total_returned", where), WATT_HOUR),
              Optional.empty()));
      i++;
    }
    return bounded(out);
  }

  List<Channel> gen2(JsonNode status) {
    List<Channel> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = status.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> component = it.next();
      String key = component.getKey();
      JsonNode c = component.getValue();
      if (!c.isObject()) {
        continue;
      }
      if (key.startsWith("switch:") || key.startsWith("pm1:")) {
        String name =
            (key.startsWith("switch:") ? "switch" : "pm") + key.substring(key.indexOf(':') + 1);
        JsonNode energy = c.path("aenergy");
        out.add(
            new Channel(
                name,
                fields.number(c, "apower", key),
                fields.nonNegative(c, "voltage", key),
                fields.nonNegative(c, "current", key),
                fields.nonNegative(c, "freq", key),
                fields.number(c, "pf", key),
                energy.isObject()
                    ? scaled(fields.nonNegative(energy, "total", key + ".aenergy"), WATT_HOUR)
                    : Optional.empty(),
                returned(c, key),
                key.startsWith("switch:") ? fields.bool(c, "output", key) : Optional.empty()));
      } else if (key.startsWith("em:")) {
        JsonNode data = status.path("emdata:" + key.substring(3));
        for (String phase : new String[] {"a", "b", "c"}) {
          out.add(
              new Channel(
                  "phase_" + phase,
                  fields.number(c, phase + "_act_power", key),
                  fields.nonNegative(c, phase + "_voltage", key),
                  fields.nonNegative(c, phase + "_current", key),
                  fields.nonNegative(c, phase + "_freq", key),
                  fields.number(c, phase + "_pf", key),
                  scaled(
                      fields.nonNegative(data, phase + "_total_act_energy", "emdata"), WATT_HOUR),
                  scaled(
                      fields.nonNegative(data, phase + "_total_act_ret_energy", "emdata"),
                      WATT_HOUR),
                  Optional.empty()));
        }
      } else if (key.startsWith("em1:")) {
        String id = key.substring(4);
        JsonNode data = status.path("em1data:" + id);
        out.add(
            new Channel(
                "channel" + id,
                fields.number(c, "act_power", key),
                fields.nonNegative(c, "voltage", key),
                fields.nonNegative(c, "current", key),
                fields.nonNegative(c, "freq", key),
                fields.number(c, "pf", key),
                scaled(fields.nonNegative(data, "total_act_energy", "em1data:" + id), WATT_HOUR),
                scaled(
                    fields.nonNegative(data, "total_act_ret_energy", "em1data:" + id), WATT_HOUR),
                Optional.empty()));
      }
    }
    return bounded(out);
  }

  private Optional<Double> returned(JsonNode component, String key) {
    JsonNode ret = component.path("ret_aenergy");
    return ret.isObject()
        ? scaled(fields.nonNegative(ret, "total", key + ".ret_aenergy"), WATT_HOUR)
        : Optional.empty();
  }

  private static Optional<Double> scaled(Optional<Double> value, double factor) {
    return value.map(v -> v * factor);
  }

  private static Iterable<JsonNode> iterable(JsonNode array) {
    return array.isArray() ? array::elements : List.<JsonNode>of();
  }

  private static List<Channel> bounded(List<Channel> channels) {
    return channels.size() > MAX_CHANNELS ? channels.subList(0, MAX_CHANNELS) : channels;
  }
}
