package dev.powermon.kasa.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The HTTP side of a simulated device: a JDK server on a loopback address and any free port. */
final class LoopbackHttp implements AutoCloseable {
  static {
    // The JDK's server writes headers and body apart; with Nagle on, each reply then waits for the
    // client's delayed ACK (40 ms on Linux loopback), a cost of the simulator, not of the protocol.
    // Read once, when the first server starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  final HttpServer server;
  private final ExecutorService executor;

  private LoopbackHttp(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** A server on {@code bind} (127.x only), not started: the caller adds its contexts first. */
  static LoopbackHttp create(InetAddress bind, String threadName) throws IOException {
    if (!bind.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          bind + " is not a loopback address; the simulator stays on 127.x");
    }
    HttpServer server = HttpServer.create(new InetSocketAddress(bind, 0), 16);
    ExecutorService executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    return new LoopbackHttp(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** {@code scheme://host:port}, as a collector target. */
  String target(String scheme) {
    return scheme + "://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
