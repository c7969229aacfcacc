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
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real receiver on a loopback port, from its Debian package (installed by .ci/run): Prometheus
 * with the remote-write receiver on, or VictoriaMetrics. Started, stopped and restarted on the same
 * port and storage, and queried through the Prometheus query API both offer.
 */
public final class ReceiverProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path dir;
  private final int port;
  private final List<String> command;
  private final String readyPath;
  private Process process;

  private ReceiverProcess(Path dir, int port, List<String> command, String readyPath) {
    this.dir = dir;
    this.port = port;
    this.command = command;
    this.readyPath = readyPath;
  }

  /**
   * Starts Prometheus (package {@code prometheus}) with an empty configuration and its storage
   * under {@code dir}.
   */
  public static ReceiverProcess prometheus(Path dir) throws Exception {
    Files.writeString(dir.resolve("prometheus.yml"), "");
    int port = freePort();
    return start(
        dir,
        port,
        "/-/ready",
        List.of(
            "prometheus",
            "--config.file=" + dir.resolve("prometheus.yml"),
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.enable-remote-write-receiver"));
  }

  /**
   * Starts VictoriaMetrics (package {@code victoria-metrics}) with its storage under {@code dir};
   * it answers queries on what it received without the default 30 s delay.
   */
  public static ReceiverProcess victoriaMetrics(Path dir) throws Exception {
    int port = freePort();
    return start(
        dir,
        port,
        "/health",
        List.of(
            "victoria-metrics",
            "-storageDataPath=" + dir.resolve("data"),
            "-httpListenAddr=127.0.0.1:" + port,
            "-search.latencyOffset=0s"));
  }

  /**
   * Starts the Pushgateway (package {@code prometheus-pushgateway}), persisting under {@code dir},
   * not /var/lib.
   */
  public static ReceiverProcess pushgateway(Path dir) throws Exception {
    int port = freePort();
    return start(
        dir,
        port,
        "/-/ready",
        List.of(
            "prometheus-pushgateway",
            "--web.listen-address=127.0.0.1:" + port,
            "--persistence.file=" + dir.resolve("pushgateway.data")));
  }

  private static ReceiverProcess start(Path dir, int port, String readyPath, List<String> command)
      throws Exception {
    ReceiverProcess p = new ReceiverProcess(dir, port, command, readyPath);
    p.launch();
    return p;
  }

  /** The receiver's URL with {@code path}: {@code /api/v1/write}, {@code /api/v2/write}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Where remote-write goes. */
  public String writeUrl() {
    return url("/api/v1/write");
  }

  /**
   * Stops it the way systemd would (SIGTERM), so its write-ahead log is complete for the restart.
   */
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

  /**
   * Every stored sample of {@code selector} in the last hour: timestamp in milliseconds to value.
   */
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

  /**
   * VictoriaMetrics: every stored sample of the series matching {@code selector}, timestamp in ms
   * to value.
   */
  public TreeMap<Long, Double> exported(String selector) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        url(
                            "/api/v1/export?match[]="
                                + URLEncoder.encode(selector, StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(15))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "export " + selector + ": HTTP " + response.statusCode() + " " + response.body());
    }
    TreeMap<Long, Double> out = new TreeMap<>();
    for (String line : response.body().split("\n")) {
      if (!line.isBlank()) {
        JsonNode series = new ObjectMapper().readTree(line);
        for (int i = 0; i < series.get("timestamps").size(); i++) {
          out.put(series.get("timestamps").get(i).asLong(), series.get("values").get(i).asDouble());
        }
      }
    }
    return out;
  }

  /** The body of a GET of {@code path} (the Pushgateway's {@code /metrics}). */
  public String text(String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(15)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The {@code data.result} of an instant query at the current time. */
  public JsonNode query(String promql) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        url(
                            "/api/v1/query?query="
                                + URLEncoder.encode(promql, StandardCharsets.UTF_8))))
                .timeout(Duration.ofSeconds(15))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(
          "query " + promql + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return new ObjectMapper().readTree(response.body()).get("data").get("result");
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      stop();
    }
  }

  private void launch() throws Exception {
    Path log = dir.resolve(command.get(0) + ".log");
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!ready()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        close();
        throw new IOException(
            command.get(0)
                + " did not become ready in "
                + STARTUP.toSeconds()
                + " s: "
                + Files.readString(log));
      }
      Thread.sleep(100);
    }
  }

  private boolean ready() throws InterruptedException {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url(readyPath)))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
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
