package dev.powermon.shelly;

import com.fasterxml.jackson.databind.JsonNode;
import dev.powermon.api.ParseProblems;
import java.util.Optional;

/**
 * Reads one field of a device's JSON as a number, failing narrow: a field that is absent is simply
 * absent; one that is present but not a finite number, or out of range, is reported to the
 * collector's parse problems and read as absent, so it costs its own series only.
 */
final class Fields {
  private final ParseProblems problems;

  Fields(ParseProblems problems) {
    this.problems = problems;
  }

  /** A finite number of any sign (power that flows back, a power factor). */
  Optional<Double> number(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      problems.problem(
          field, where + ": " + node.getNodeType().toString().toLowerCase() + " is not a number");
      return Optional.empty();
    }
    problems.ok(field);
    return Optional.of(node.asDouble());
  }

  /** A finite number of at least zero (volts, amps, hertz, energy counters). */
  Optional<Double> nonNegative(JsonNode parent, String field, String where) {
    Optional<Double> v = number(parent, field, where);
    if (v.isPresent() && v.get() < 0) {
      problems.problem(field, where + ": " + v.get() + " is negative");
      return Optional.empty();
    }
    return v;
  }

  Optional<Boolean> bool(JsonNode parent, String field, String where) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      problems.problem(
          field,
          where + ": " + node.getNodeType().toString().toLowerCase() + " is not true or false");
      return Optional.empty();
    }
    return Optional.of(node.asBoolean());
  }
}
