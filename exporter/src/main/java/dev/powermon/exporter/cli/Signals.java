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
      // Windows has no SIGHUP; under nohup it is ignored and the JVM refuses a handler. Said once, at start.
      LoggerFactory.getLogger(Signals.class).info("SIGHUP does not reload here ({}); reload with POST /-/reload"
          + " on the admin address", e.getMessage());
    }
  }
}
