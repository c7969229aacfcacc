package dev.powermon.exporter.web;

import java.util.List;

/**
 * What the landing page shows and {@code /api/v1/status} serves: one read-only picture of the
 * exporter.
 *
 * @param total the machine's power, null before any reading
 * @param power every power series, sorted by source, device, total first, its sub-domains after it
 */
record Status(
    String version,
    String revision,
    long uptimeSeconds,
    Total total,
    List<CollectorState> collectors,
    List<PowerRow> power) {

  /**
   * @param kind {@code measured} (a wall meter or the host's measured components) or {@code
   *     estimated}
   * @param basis what was summed, in words
   */
  record Total(double watts, String kind, String basis) {}

  /**
   * @param secondsSinceSuccess null when it never succeeded
   * @param error the last error, with the hint to fix it; null when it succeeds
   * @param devices one per device of a multi-device collector (Kasa, Shelly, NUT, Tasmota), else
   *     empty
   */
  record CollectorState(
      String name, boolean ok, Long secondsSinceSuccess, String error, List<Device> devices) {}

  /**
   * One device as its collector's last collection showed it; {@code watts} null when it has no
   * total.
   */
  record Device(
      String id,
      String alias,
      String model,
      String address,
      boolean ok,
      Double watts,
      String error) {}

  /**
   * @param device the device's alias when its collector names one, else its label
   * @param sub a part of the device's total (a RAPL core, a strip's outlet): indented, never summed
   *     with it
   * @param trace the last 60 seconds, one value a second, null for a second without a reading
   */
  record PowerRow(
      String source, String device, String domain, double watts, boolean sub, List<Double> trace) {}
}
