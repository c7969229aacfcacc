package dev.powermon.kasa;

import dev.powermon.api.LabelValues;
import org.slf4j.Logger;

/** One log line when a device starts failing or recovers, never one per poll. */
final class DeviceLog {
  private final Logger logger;

  DeviceLog(Logger logger) {
    this.logger = logger;
  }

  void changed(DeviceState previous, DeviceState now) {
    boolean wasOk = previous != null && previous.ok();
    boolean firstPoll = previous == null;
    if (now.ok() && !wasOk) {
      SysInfo info = now.reading().info();
      logger.info(
          "kasa device {} answers: {} \"{}\" (id {})",
          now.target(), info.model(), LabelValues.fromDevice(info.alias()), now.deviceId());
    } else if (!now.ok() && (wasOk || firstPoll)) {
      logger.warn(
          "kasa device {} failed ({}); its readings are withheld (kasa_scrape_success 0) until it answers: "
              + "check that it is powered and reachable on TCP {}, and that it still speaks the legacy "
              + "protocol (firmware from late 2024 may need KLAP, not supported yet).",
          now.target(), now.error(), now.target().substring(now.target().lastIndexOf(':') + 1));
    }
  }
}
