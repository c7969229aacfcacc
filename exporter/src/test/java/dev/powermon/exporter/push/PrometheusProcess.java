package dev.powermon.exporter.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (Debian package {@code prometheus}, installed by .ci/run) on a loopback port with the
 * remote-write receiver on: started, stopped and restarted on the same port and storage, and queried.
 */
public final class PrometheusProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private Process process;

  private PrometheusProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts Prometheus with an empty configuration and its storage under {@code dir}. */
  public static PrometheusProcess start(Path dir) throws Exception {
    Files.writeString(dir.resolve("prometheus.yml"), "");
    PrometheusProcess p = new PrometheusProcess(dir, freePort());
    p.launch();
    return p;
  }

  public String writeUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  /** Stops it the way systemd would (SIGTERM), so its write-ahead log is complete for the restart. */
  public void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts it again on the same port with the same storage. */
  public void restart() throws Exception {
    launch();
  }

  /** Every stored sample of {@code selector} in the last hour: timestamp in milliseconds to value. */
  public TreeMap<Long, Double> samples(String selector) throws Exception {
    TreeMap<Long, Double> out = new TreeMap<>();
    for (JsonNode series : query(selector + "[1h]")) {
      for (JsonNode point : series.get("values")) {
        long millis = new BigDecimal(point.get(0).asText()).movePointRight(3).longValueExact();
        out.put(millis, Double.parseDouble(point.get(1).asText()));
      }
    }
    return out;
  }

  /** The {@code data.result} of an instant query at the current time. */
  public JsonNode query(String promql) throws Exception {
    String url = "http://127.0.0.1:" + port + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode body = new ObjectMapper().readTree(response.body());
    if (response.statusCode() != 200) {
      throw new IOException("query " + promql + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return body.get("data").get("result");
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private void launch() throws Exception {
    process = new ProcessBuilder(
            "prometheus",
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-remote-write-receiver")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("prometheus.log").toFile()))
        .start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IOException("prometheus did not become ready in " + STARTUP.toSeconds() + " s: "
            + Files.readString(dir.resolve("prometheus.log")));
      }
      Thread.sleep(100);
    }
  }

  private boolean ready() throws InterruptedException {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
