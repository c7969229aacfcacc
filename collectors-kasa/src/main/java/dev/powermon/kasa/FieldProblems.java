package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads optional reply fields narrowly: a field that is mistyped or out of range is left out and
 * noted here, so it costs its own series and the device keeps every other reading. One instance per
 * poll of one device.
 */
final class FieldProblems {
  private static final Pattern INDEX = Pattern.compile("\\[\\d+\\]");

  /**
   * One unusable field.
   *
   * @param field the field's path without list indexes ({@code
   *     system.get_sysinfo.children.on_time}), a bounded label value for the problem counter
   * @param detail what was wrong, with the index and the value, for the log
   */
  record Problem(String field, String detail) {}

  private final List<Problem> problems = new ArrayList<>();

  /** Notes that {@code where.field} could not be used, for the reason {@code detail}. */
  void add(String where, String field, String detail) {
    problems.add(new Problem(INDEX.matcher(where).replaceAll("") + "." + field, detail));
  }

  List<Problem> list() {
    return List.copyOf(problems);
  }

  /** A number, or null when absent or unusable (noted). */
  Double number(JsonNode parent, String field, String where) {
    return read(JsonFields::number, parent, field, where);
  }

  /**
   * A number that must not be negative (energy totals, durations), or null when absent or unusable.
   */
  Double nonNegative(JsonNode parent, String field, String where) {
    return read(JsonFields::nonNegative, parent, field, where);
  }

  /** A text, or null when absent or unusable (noted). */
  String text(JsonNode parent, String field, String where) {
    return read(JsonFields::text, parent, field, where);
  }

  /** A text that every device sends; its absence is noted too. */
  String requiredText(JsonNode parent, String field, String where) {
    return read(JsonFields::requiredText, parent, field, where);
  }

  /** One of {@link JsonFields}' strict reads. */
  private interface Read<T> {
    T from(JsonNode parent, String field, String where) throws KasaProtocolException;
  }

  private <T> T read(Read<T> read, JsonNode parent, String field, String where) {
    try {
      return read.from(parent, field, where);
    } catch (KasaProtocolException e) {
      add(where, field, e.getMessage());
      return null;
    }
  }
}
