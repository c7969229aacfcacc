package dev.powermon.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
   * Starts Prometheus on a free loopback port with {@code configYaml}; returns once it is ready.
   */
  static PrometheusServer start(String configYaml, Path dir)
      throws IOException, InterruptedException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, configYaml, StandardCharsets.UTF_8);
    String listen = "127.0.0.1:" + FreePort.pick();
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
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!server.api.ready()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String tail = process.tail();
        server.close();
        throw new IllegalStateException("Prometheus did not become ready\n" + tail);
      }
      Thread.sleep(200);
    }
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
