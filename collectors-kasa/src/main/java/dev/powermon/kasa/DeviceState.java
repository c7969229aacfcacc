package dev.powermon.kasa;

/**
 * The outcome of the latest poll of one device: a reading, or the error that replaced it (a failed
 * device's old readings are not kept, so they cannot be served as current).
 *
 * @param target the polled {@code host:port}
 * @param ip the address polled, for the {@code ip} label
 * @param device the device's series label: its id (the last one seen when this poll failed, else
 *     the target), or {@code id@target} when another target claimed that id first
 * @param transport how the device was reached ({@code xor}, {@code klap v2}), for the summary line
 */
record DeviceState(
    String target,
    String ip,
    String device,
    DeviceReading reading,
    String error,
    double seconds,
    String transport) {

  boolean ok() {
    return reading != null;
  }
}
