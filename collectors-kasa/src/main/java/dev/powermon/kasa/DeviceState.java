package dev.powermon.kasa;

import java.util.Map;

/**
 * The outcome of the latest poll of one device: a reading, or the error that replaced it (a failed
 * device's old readings are not kept, so they cannot be served as current).
 *
 * @param target the polled {@code host:port}
 * @param ip the address polled, for the {@code ip} label
 * @param deviceId the device's id, the last one seen when this poll failed, else the target
 * @param energyJoules energy counted since the exporter started, per {@code powermon_*} domain
 */
record DeviceState(
    String target,
    String ip,
    String deviceId,
    DeviceReading reading,
    String error,
    double seconds,
    Map<String, Double> energyJoules) {

  boolean ok() {
    return reading != null;
  }
}
