package dev.powermon.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (the Debian package's binary), storage and listener in the test's own
 * directory.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ChildProcess process;
  final PrometheusApi api;

  private PrometheusServer(ChildProcess process, PrometheusApi api) {
    this.process = process;
    this.api = api;
  }

  /**
   * Starts Prometheus on a free loopback port with {@code configYaml} (on another if that one is
   * taken before Prometheus binds it); returns once it is ready.
   */
  static PrometheusServer start(String configYaml, Path dir)
      throws IOException, InterruptedException {
    return FreePort.startOnFreePorts(1, ports -> startOn(ports.get(0), configYaml, dir));
  }

  /**
   * On 127.0.0.1:{@code port}; throws {@link FreePort.TakenException} when it exits because the
   * port is taken.
   */
  static PrometheusServer startOn(int port, String configYaml, Path dir)
      throws IOException, InterruptedException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configYaml, StandardCharsets.UTF_8);
    String listen = "127.0.0.1:" + port;
    ChildProcess process =
        ChildProcess.start(
            "prometheus",
            List.of(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + listen),
            dir);
    PrometheusServer server = new PrometheusServer(process, new PrometheusApi(listen));
    process.awaitReady(server.api::ready, START_TIMEOUT);
    return server;
  }

  String log() {
    return process.tail();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
