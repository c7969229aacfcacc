package dev.powermon.exporter.web;

import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * The main listener: client_java's HTTPServer for the telemetry path (text, OpenMetrics, protobuf, gzip as
 * negotiated) and the {@link Router} for everything else.
 */
public final class WebServer implements AutoCloseable {
  private static final String NODELAY = "sun.net.httpserver.nodelay";
  private final HTTPServer server;

  private WebServer(HTTPServer server) {
    this.server = server;
  }

  /**
   * Starts listening.
   *
   * @throws java.net.BindException when the address is taken
   */
  public static WebServer start(
      ListenAddress address,
      String telemetryPath,
      Orchestrator orchestrator,
      BuildInfo build,
      ExecutorService probeExecutor)
      throws IOException {
    // The JDK server leaves Nagle's algorithm on: on a kept-alive connection every response after the
    // first then waits for the client's delayed ACK (~40 ms a scrape). Read once, when the first server of
    // the process starts (this one, before the admin server); an operator's -D setting wins.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    // Explicit, empty properties: prometheus.properties files and IO_PROMETHEUS_* variables cannot move the
    // port or filter metrics behind the operator's back.
    PrometheusProperties properties = PrometheusProperties.builder().build();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(orchestrator);
    HTTPServer.Builder builder =
        HTTPServer.builder(properties)
            .port(address.port())
            .registry(registry)
            .metricsHandlerPath(telemetryPath)
            .registerHealthHandler(false)
            .defaultHandler(
                new Router(
                    new LandingPage(build, orchestrator, telemetryPath),
                    new ProbeHandler(orchestrator, probeExecutor, properties),
                    orchestrator::ready));
    if (address.host() != null) {
      builder.hostname(address.host());
    }
    return new WebServer(builder.buildAndStart());
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
