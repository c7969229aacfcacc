package dev.powermon.exporter;

import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.web.ListenAddress;
import java.io.IOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.Optional;

/**
 * The one line for a listener that cannot start: the address that was taken, and the same host with
 * a port that is free right now, under the flag that moves it.
 */
final class TakenPort {
  /** Ports tried above the taken one before giving up on a suggestion. */
  private static final int TRIES = 20;

  private TakenPort() {}

  static OperatorError error(String flag, ListenAddress address, IOException e) {
    if (!(e instanceof BindException)) {
      return OperatorError.atRuntime(
          "cannot listen on " + address + " (" + flag + "): " + e.getMessage());
    }
    String hint =
        freePort(address)
            .map(free -> "; choose a free port with " + flag + "=" + free)
            .orElse("; choose a free port with " + flag);
    return OperatorError.atRuntime(
        "cannot listen on "
            + address
            + " ("
            + flag
            + "): address already in use"
            + hint
            + (flag.equals("--web.admin-address") ? ", or " + flag + "=off" : ""));
  }

  /** The same host with the first port above the taken one that accepts a bind now. */
  private static Optional<ListenAddress> freePort(ListenAddress taken) {
    for (int port = taken.port() + 1; port <= Math.min(65535, taken.port() + TRIES); port++) {
      ListenAddress candidate = new ListenAddress(taken.host(), port);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(candidate.socketAddress());
        return Optional.of(candidate);
      } catch (IOException busy) {
        // taken too: try the next one
      }
    }
    return Optional.empty();
  }
}
