package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Typed reads of reply fields; a field of the wrong type is an error naming it, never a silent
 * zero.
 */
final class JsonFields {
  private JsonFields() {}

  /** The object {@code parent.field}; fails when absent or not an object. */
  static JsonNode object(JsonNode parent, String field, String where) throws KasaProtocolException {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new KasaProtocolException(
          where + "." + field + ": expected an object, got " + describe(node));
    }
    return node;
  }

  /** A text field, or null when absent; fails on any other type. */
  static String text(JsonNode parent, String field, String where) throws KasaProtocolException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new KasaProtocolException(
          where + "." + field + ": expected text, got " + describe(node));
    }
    return node.textValue();
  }

  static String requiredText(JsonNode parent, String field, String where)
      throws KasaProtocolException {
    String value = text(parent, field, where);
    if (value == null) {
      throw new KasaProtocolException(where + "." + field + ": missing");
    }
    return value;
  }

  /** A finite number, or null when absent; fails on text, booleans and the like. */
  static Double number(JsonNode parent, String field, String where) throws KasaProtocolException {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
      throw new KasaProtocolException(
          where + "." + field + ": expected a number, got " + describe(node));
    }
    return node.doubleValue();
  }

  static double requiredNumber(JsonNode parent, String field, String where)
      throws KasaProtocolException {
    Double value = number(parent, field, where);
    if (value == null) {
      throw new KasaProtocolException(where + "." + field + ": missing");
    }
    return value;
  }

  /** A number that must not be negative (energy totals, durations), or null when absent. */
  static Double nonNegative(JsonNode parent, String field, String where)
      throws KasaProtocolException {
    Double value = number(parent, field, where);
    if (value != null && value < 0) {
      throw new KasaProtocolException(
          where + "." + field + ": expected a value >= 0, got " + value);
    }
    return value;
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String text = node.toString();
    return node.getNodeType().toString().toLowerCase(Locale.ROOT)
        + " "
        + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
  }
}
