package dev.powermon.kasa;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code system.get_sysinfo} says about a device. Fields are null (texts empty) when this kind
 * of device does not report them (a strip has no top-level relay state; bulbs have no on-time) or
 * when the reply's value was unusable. {@code deviceId} is null only when unusable; {@code
 * outletsComplete} is false when an outlet listed could not be read, so a strip total would miss
 * it.
 */
record SysInfo(
    String deviceId,
    String alias,
    String model,
    String mac,
    String hwVer,
    String swVer,
    Kind kind,
    String feature,
    Double relayState,
    Double ledOff,
    Double rssi,
    Double onTimeSeconds,
    Double updating,
    List<Outlet> outlets,
    boolean outletsComplete) {

  /** The device families that answer the legacy protocol differently. */
  enum Kind {
    PLUG,
    STRIP,
    BULB
  }

  /**
   * Whether to ask for energy readings. Plugs and strips say so with {@code ENE} in {@code
   * feature}; asking a meterless device can crash some firmware. Bulbs have no {@code feature} and
   * are asked on their own emeter module, whose absence is then not an error.
   */
  boolean hasMeter() {
    return kind == Kind.BULB
        || (feature != null && Arrays.asList(feature.split(":")).contains("ENE"));
  }

  /** The module that answers {@code get_realtime} on this device. */
  String emeterModule() {
    return kind == Kind.BULB ? "smartlife.iot.common.emeter" : "emeter";
  }

  /** The module that answers {@code get_info} (cloud connection) on this device. */
  String cloudModule() {
    return kind == Kind.BULB ? "smartlife.iot.common.cloud" : "cnCloud";
  }
}
