package dev.powermon.exporter.web;

import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.runtime.Orchestrator;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.concurrent.ExecutorService;

/**
 * The main listener: the {@link ScrapeHandler} on the telemetry path (client_java's writers: text,
 * OpenMetrics, protobuf, gzip as negotiated; bodies cached per collection) and the rest of the
 * {@link Router}, on a {@link Listener}.
 */
public final class WebServer implements AutoCloseable {
  /** node_exporter's default for {@code --web.max-requests}. */
  public static final int DEFAULT_MAX_REQUESTS = 40;

  /**
   * Worker threads beyond the scrapes allowed at once: the landing page, health, /probe (which
   * waits on its own pool) and clients still sending their headers.
   */
  private static final int SPARE_WORKERS = 24;

  private final Listener listener;

  private WebServer(Listener listener) {
    this.listener = listener;
  }

  /** With node_exporter's default request limit. */
  public static WebServer start(
      ListenAddress address,
      String telemetryPath,
      Orchestrator orchestrator,
      BuildInfo build,
      ExecutorService probeExecutor)
      throws IOException {
    return start(
        address,
        telemetryPath,
        orchestrator,
        build,
        probeExecutor,
        DEFAULT_MAX_REQUESTS,
        WebSecurity.plain());
  }

  /**
   * Starts listening.
   *
   * @param maxRequests scrapes waiting for a collection at once ({@code --web.max-requests}); more
   *     get 503 at once; 0 is no limit
   * @param security the listener's web config (TLS, basic auth, headers)
   * @throws java.net.BindException when the address is taken
   */
  public static WebServer start(
      ListenAddress address,
      String telemetryPath,
      Orchestrator orchestrator,
      BuildInfo build,
      ExecutorService probeExecutor,
      int maxRequests,
      WebSecurity security)
      throws IOException {
    // Explicit, empty properties: prometheus.properties files and IO_PROMETHEUS_* variables cannot
    // move the
    // port or filter metrics behind the operator's back.
    PrometheusProperties properties = PrometheusProperties.builder().build();
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(orchestrator);
    Router router =
        new Router(
            telemetryPath,
            new ScrapeHandler(
                orchestrator, properties, new MetricsHandler(properties, registry), maxRequests),
            new LandingPage(build, orchestrator, telemetryPath),
            new ProbeHandler(orchestrator, probeExecutor, properties),
            orchestrator::ready);
    int workers = (maxRequests > 0 ? maxRequests : DEFAULT_MAX_REQUESTS) + SPARE_WORKERS;
    return new WebServer(Listener.start("powermon-http", address, workers, router, security));
  }

  public int port() {
    return listener.address().getPort();
  }

  @Override
  public void close() {
    listener.close();
  }
}
