package dev.powermon.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on 127.0.0.1 for servers the tests start. A port is free when picked, but another
 * process (a parallel build, another test) may bind it before the child does; Prometheus and the
 * exporter then exit saying "address already in use". {@link #startOnFreePorts} starts the child
 * again on new ports when that happens, so the race costs a restart, not the test. An address where
 * nothing must answer is a {@link DeadPort}, held for the whole test rather than picked free and
 * left for anyone to take.
 */
final class FreePort {
  /** Starts on taken ports before giving up: each needs another process to win a fresh race. */
  static final int ATTEMPTS = 5;

  /** What Go's net package and the exporter's one-line error both print for a taken port. */
  private static final String IN_USE = "address already in use";

  private FreePort() {}

  /** Starts a server on the ports it is given. */
  @FunctionalInterface
  interface Starter<T> {
    T start(List<Integer> ports) throws IOException, InterruptedException;
  }

  /** A child that could not listen because one of its ports was taken after it was picked. */
  static final class TakenException extends IOException {
    private static final long serialVersionUID = 1L;

    TakenException(String childOutput) {
      super("a port was taken before the child bound it\n" + childOutput);
    }
  }

  /**
   * A loopback port held by a bound socket that never listens, for an address where nothing must
   * answer: connections to it are refused, and no other process can bind it while it is open.
   */
  static final class DeadPort implements AutoCloseable {
    private final Socket socket = new Socket();

    DeadPort() throws IOException {
      // Without SO_REUSEADDR on this socket, Linux refuses every other bind of the port.
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
      return socket.getLocalPort();
    }

    /** 127.0.0.1:port. */
    String address() {
      return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * {@code count} ports free right now, all different: their sockets are held open together while
   * they are picked.
   */
  static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sockets.forEach(FreePort::closeQuietly);
    }
  }

  /**
   * Runs {@code starter} on {@code count} freshly picked ports, again on new ones each time it
   * throws {@link TakenException}, at most {@link #ATTEMPTS} times.
   */
  static <T> T startOnFreePorts(int count, Starter<T> starter)
      throws IOException, InterruptedException {
    TakenException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return starter.start(pick(count));
      } catch (TakenException e) {
        last = e;
      }
    }
    throw new IllegalStateException(
        "a picked port was taken " + ATTEMPTS + " times in a row; the last start", last);
  }

  /** Whether a child that exited said it could not listen on a taken port. */
  static boolean saysTaken(String childOutput) {
    return childOutput.contains(IN_USE);
  }

  private static void closeQuietly(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // only picked to learn a port: nothing was sent on it
    }
  }
}
