package dev.powermon.tasmota;

import java.util.List;
import java.util.Optional;

/**
 * One {@code ENERGY} object of a Tasmota plug, in base units.
 *
 * @param channels one per metered channel (one on a plug, several on multi-channel meters)
 * @param totalJoules the device's {@code Total} (kWh since {@code TotalStartTime}), converted;
 *     summed over channels when the firmware reports one per channel
 * @param todayJoules {@code Today}, which restarts at the device's midnight
 * @param yesterdayJoules {@code Yesterday}
 */
record TasmotaReading(
    List<Channel> channels,
    Optional<Double> totalJoules,
    Optional<Double> todayJoules,
    Optional<Double> yesterdayJoules) {

  /**
   * One channel; quantities the firmware did not send, or sent unusably, are empty.
   *
   * @param index the channel's position, from 0
   */
  record Channel(
      int index,
      Optional<Double> watts,
      Optional<Double> apparentPower,
      Optional<Double> reactivePower,
      Optional<Double> powerFactor,
      Optional<Double> voltage,
      Optional<Double> current) {}
}
