package dev.powermon.exporter.cli;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** SIGHUP reloads the configuration, as for every Prometheus component. */
final class Signals {
  private Signals() {}

  static void onHangup(Runnable action) {
    try {
      Signal.handle(new Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException e) {
      // No SIGHUP on Windows: reload through the admin API instead.
      LoggerFactory.getLogger(Signals.class).debug("SIGHUP is not available here: {}", e.getMessage());
    }
  }
}
