package dev.powermon.exporter.web;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import dev.powermon.exporter.runtime.CollectorPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One listening socket: the JDK server with a listen backlog of {@link #BACKLOG}, its own worker
 * pool and a single root context, so the handler sees every path and matches it exactly (the JDK
 * matches contexts by prefix: a context at {@code /metrics} would answer {@code /metricsXYZ}).
 *
 * <p>client_java's {@code HTTPServer} is not used: it fixes the backlog at 3.
 */
public final class Listener implements AutoCloseable {
  static final int BACKLOG = 128;

  private final HttpServer server;
  private final ThreadPoolExecutor workers;

  private Listener(HttpServer server, ThreadPoolExecutor workers) {
    this.server = server;
    this.workers = workers;
  }

  /**
   * @param security TLS, basic auth and headers of the listener's web config
   * @param workers threads serving requests; a thread is held while a slow client sends its headers
   *     (up to {@link HttpLimits#MAX_REQUEST_SECONDS}), so this is sized for slow clients as well
   *     as scrapers
   * @throws java.net.BindException when the address is taken
   */
  static Listener start(
      String name, ListenAddress address, int workers, HttpHandler handler, WebSecurity security)
      throws IOException {
    return start(name, address, workers, handler, security, security.authenticator());
  }

  /**
   * As above, with {@code authenticator} deciding who gets in (the config server's: its bearer
   * token, or the web config's users through {@link WebSecurity#authenticator()}).
   */
  public static Listener start(
      String name,
      ListenAddress address,
      int workers,
      HttpHandler handler,
      WebSecurity security,
      Authenticator authenticator)
      throws IOException {
    HttpLimits.apply();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            CollectorPool.daemon(name));
    pool.allowCoreThreadTimeOut(true); // idle listeners hold no threads
    HttpServer server;
    if (security.tls()) {
      HttpsServer https = HttpsServer.create(address.socketAddress(), BACKLOG);
      security.attach(https);
      server = https;
    } else {
      server = HttpServer.create(address.socketAddress(), BACKLOG);
    }
    server.setExecutor(pool);
    HttpContext root = server.createContext("/", handler);
    root.setAuthenticator(authenticator);
    root.getFilters().add(security.headers());
    server.start();
    return new Listener(server, pool);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
