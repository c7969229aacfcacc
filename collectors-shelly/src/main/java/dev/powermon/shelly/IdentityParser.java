package dev.powermon.shelly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.powermon.api.LabelValues;
import java.io.IOException;
import java.util.Locale;

/** Reads {@code GET /shelly}: Gen2+ devices carry {@code gen} and {@code id}, Gen1 {@code type}. */
final class IdentityParser {
  private IdentityParser() {}

  static ShellyIdentity parse(JsonNode shelly) throws IOException {
    String mac = text(shelly, "mac").toLowerCase(Locale.ROOT);
    JsonNode gen = shelly.get("gen");
    if (gen != null && gen.canConvertToInt() && gen.asInt() >= 2) {
      String id = text(shelly, "id");
      if (id.isEmpty()) {
        throw new IOException("/shelly: a Gen" + gen.asInt() + " device without an id");
      }
      return new ShellyIdentity(
          LabelValues.fromDevice(id),
          gen.asInt(),
          LabelValues.fromDevice(text(shelly, "model")),
          LabelValues.fromDevice(mac),
          LabelValues.fromDevice(text(shelly, "ver")));
    }
    String type = text(shelly, "type");
    if (type.isEmpty() || mac.isEmpty()) {
      throw new IOException(
          "/shelly: neither a Gen2+ id nor a Gen1 type and mac; is this a Shelly?");
    }
    return new ShellyIdentity(
        LabelValues.fromDevice(type.toLowerCase(Locale.ROOT) + "-" + mac),
        1,
        LabelValues.fromDevice(type),
        LabelValues.fromDevice(mac),
        LabelValues.fromDevice(text(shelly, "fw")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.asText() : "";
  }
}
