package dev.powermon.kasa;

import dev.powermon.api.LabelValues;
import dev.powermon.api.StateLog;
import dev.powermon.net.HostPort;
import org.slf4j.Logger;

/**
 * A polled device's news, logged once each ({@link StateLog}): its first answer, its failing with a
 * reason and what to check, a new reason, and its recovery; a device that stays up or down is not
 * logged again.
 */
final class DeviceStateLog {
  private final Logger logger;
  private final StateLog log;

  DeviceStateLog(Logger logger) {
    this.logger = logger;
    this.log = new StateLog(logger);
  }

  /** Logs what changed from {@code previous} (null before the first poll) to {@code state}. */
  void changed(HostPort target, DeviceState previous, DeviceState state) {
    String key = "kasa device " + target.label();
    if (state.ok()) {
      SysInfo info = state.reading().info();
      String answers =
          "answers: "
              + info.model()
              + " \""
              + LabelValues.fromDevice(info.alias())
              + "\" (id "
              + state.device()
              + ")";
      if (!log.ok(key, answers) && previous == null) {
        logger.info("{}: {}", key, answers); // the first answer is news too
      }
      return;
    }
    String check =
        switch (state.transport()) {
          case "xor" ->
              "reachable on TCP "
                  + target.port()
                  + ", and that it still speaks the legacy "
                  + "protocol (firmware from late 2024 speaks KLAP: write the target as klap://host)";
          case "?" -> "reachable (on its legacy TCP port, or HTTP for KLAP and AES)";
          default ->
              "reachable over HTTP ("
                  + state.transport()
                  + "), and that the credentials file holds the "
                  + "account it is bound to";
        };
    log.failing(
        key,
        "failed ("
            + state.error()
            + "); its readings are withheld (kasa_scrape_success 0) until it "
            + "answers: check that it is powered and "
            + check
            + ".");
  }
}
