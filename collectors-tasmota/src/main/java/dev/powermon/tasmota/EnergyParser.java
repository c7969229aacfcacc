package dev.powermon.tasmota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.powermon.api.ParseProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Tasmota's {@code ENERGY} object, the same in {@code Status 10}'s {@code StatusSNS} and in
 * the {@code tele/<topic>/SENSOR} message: {@code Power} W, {@code ApparentPower} VA, {@code
 * ReactivePower} var, {@code Factor}, {@code Voltage} V, {@code Current} A, each a number or, on
 * multi-channel meters, an array with one number per channel (a single number there is shared by
 * every channel); {@code Total}, {@code Today} and {@code Yesterday} in kWh. A field that is not a
 * finite number, or is negative where it cannot be, costs its own series and is reported.
 */
final class EnergyParser {
  /** Joules in a kilowatt-hour. */
  static final double KILOWATT_HOUR = 3_600_000;

  /** More channels than any Tasmota meter has. */
  static final int MAX_CHANNELS = 8;

  private final ParseProblems problems;

  EnergyParser(ParseProblems problems) {
    this.problems = problems;
  }

  /**
   * The reading in {@code energy}.
   *
   * @throws IllegalArgumentException when there is no ENERGY object, or it has no usable Power at
   *     all
   */
  TasmotaReading parse(JsonNode energy) {
    if (energy == null || !energy.isObject()) {
      throw new IllegalArgumentException(
          "no ENERGY object: is an energy monitoring driver configured on the device?");
    }
    List<Optional<Double>> power = values(energy, "Power", true);
    int n = Math.min(MAX_CHANNELS, Math.max(power.size(), 1));
    List<Optional<Double>> apparent = values(energy, "ApparentPower", false);
    List<Optional<Double>> reactive = values(energy, "ReactivePower", true);
    List<Optional<Double>> factor = values(energy, "Factor", true);
    List<Optional<Double>> voltage = values(energy, "Voltage", false);
    List<Optional<Double>> current = values(energy, "Current", false);
    List<TasmotaReading.Channel> channels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      channels.add(
          new TasmotaReading.Channel(
              i,
              at(power, i),
              at(apparent, i),
              at(reactive, i),
              at(factor, i).filter(f -> f >= -1 && f <= 1),
              at(voltage, i),
              at(current, i)));
    }
    if (channels.stream().allMatch(c -> c.watts().isEmpty())) {
      throw new IllegalArgumentException("ENERGY has no usable Power");
    }
    return new TasmotaReading(
        channels,
        kwh(sum(values(energy, "Total", false))),
        kwh(sum(values(energy, "Today", false))),
        kwh(sum(values(energy, "Yesterday", false))));
  }

  private List<Optional<Double>> values(JsonNode energy, String field, boolean signed) {
    JsonNode node = energy.get(field);
    List<Optional<Double>> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      for (int i = 0; i < Math.min(node.size(), MAX_CHANNELS); i++) {
        out.add(number(node.get(i), field, signed));
      }
    } else {
      out.add(number(node, field, signed));
    }
    return out;
  }

  private Optional<Double> number(JsonNode node, String field, boolean signed) {
    if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
      problems.problem(field, node.getNodeType().toString().toLowerCase() + " is not a number");
      return Optional.empty();
    }
    if (!signed && node.asDouble() < 0) {
      problems.problem(field, node.asDouble() + " is negative");
      return Optional.empty();
    }
    problems.ok(field);
    return Optional.of(node.asDouble());
  }

  /**
   * Channel {@code i}'s value; a single value on a multi-channel meter is the one they share (the
   * line voltage).
   */
  private static Optional<Double> at(List<Optional<Double>> values, int i) {
    if (values.size() == 1) {
      return values.get(0);
    }
    return i < values.size() ? values.get(i) : Optional.empty();
  }

  /** The sum of every channel's value, or empty when any is unusable (a partial sum would lie). */
  private static Optional<Double> sum(List<Optional<Double>> values) {
    if (values.isEmpty() || values.stream().anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    return Optional.of(values.stream().mapToDouble(Optional::get).sum());
  }

  private static Optional<Double> kwh(Optional<Double> value) {
    return value.map(v -> v * KILOWATT_HOUR);
  }
}
