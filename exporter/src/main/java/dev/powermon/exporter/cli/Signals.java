package dev.powermon.exporter.cli;

import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** SIGHUP reloads the configuration, as for every Prometheus component. */
final class Signals {
  private Signals() {}

  static void onHangup(Runnable action) {
    String why;
    try {
      SignalHandler before = Signal.handle(new Signal("HUP"), signal -> action.run());
      if (before != SignalHandler.SIG_IGN) {
        return;
      }
      // Under nohup SIGHUP is ignored; the JVM keeps it so and installs nothing.
      why = "SIGHUP is ignored (started under nohup?)";
    } catch (IllegalArgumentException e) {
      why = "no SIGHUP here (" + e.getMessage() + ")"; // Windows
    }
    LoggerFactory.getLogger(Signals.class)
        .info("{}: reload with POST /-/reload on the admin address", why);
  }
}
