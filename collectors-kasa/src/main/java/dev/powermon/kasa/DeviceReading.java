package dev.powermon.kasa;

import java.util.List;

/**
 * One successful poll of a device. {@code total} is the plug's reading or a strip's sum of outlets,
 * null without a meter; {@code cloudConnected} is null when the device does not say; {@code
 * problems} lists the fields left out because their values were unusable.
 */
record DeviceReading(
    SysInfo info,
    Double cloudConnected,
    Realtime total,
    List<OutletReading> outlets,
    List<FieldProblems.Problem> problems) {

  /** An outlet with its own reading, null when the strip has no meter. */
  record OutletReading(Outlet outlet, Realtime realtime) {}
}
