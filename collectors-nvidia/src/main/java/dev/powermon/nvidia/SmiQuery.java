package dev.powermon.nvidia;

import java.util.List;

/**
 * The {@code nvidia-smi --query-gpu} field lists. Drivers from 570 on report {@code
 * power.draw.average} (over the driver's one-second window) and {@code power.draw.instant}; older
 * ones only {@code power.draw}, and refuse the new names ("Field … is not a valid field to
 * query."), so the collector asks with {@link #CURRENT} first and falls back to {@link #LEGACY}.
 */
enum SmiQuery {
  CURRENT(
      List.of(
          "index",
          "uuid",
          "name",
          "pci.bus_id",
          "power.draw.average",
          "power.draw.instant",
          "power.limit",
          "temperature.gpu",
          "utilization.gpu",
          "utilization.memory",
          "clocks.sm",
          "clocks.mem")),
  LEGACY(
      List.of(
          "index",
          "uuid",
          "name",
          "pci.bus_id",
          "power.draw",
          "power.limit",
          "temperature.gpu",
          "utilization.gpu",
          "utilization.memory",
          "clocks.sm",
          "clocks.mem"));

  private final List<String> fields;

  SmiQuery(List<String> fields) {
    this.fields = fields;
  }

  List<String> fields() {
    return fields;
  }

  /** The arguments after the program. */
  List<String> arguments() {
    return List.of("--query-gpu=" + String.join(",", fields), "--format=csv,noheader,nounits");
  }
}
