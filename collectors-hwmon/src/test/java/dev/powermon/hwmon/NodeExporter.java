package dev.powermon.hwmon;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code prometheus-node-exporter} with only its hwmon collector, on a tree and a loopback
 * port, for side-by-side checks. Started and stopped by the test; every wait is bounded.
 */
final class NodeExporter implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");
  private static final Pattern SERIES =
      Pattern.compile("(?m)^(node_hwmon_\\w+)\\{chip=\"([^\"]*)\",sensor=\"([^\"]*)\"\\} (\\S+)$");

  private final Process process;
  private final URI metrics;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private NodeExporter(Process process, int port) {
    this.process = process;
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
  }

  static NodeExporter start(Path sysfs, Path log) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          BINARY + " is missing: apt-get install prometheus-node-exporter (.ci/run does)");
    }
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                BINARY.toString(),
                "--collector.disable-defaults",
                "--collector.hwmon",
                "--path.sysfs=" + sysfs,
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    NodeExporter ne = new NodeExporter(p, port);
    ne.awaitReady();
    return ne;
  }

  /** {@code family chip sensor} to value, for every node_hwmon series with exactly those labels. */
  Map<String, Double> series() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build();
    String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Double> out = new TreeMap<>();
    Matcher m = SERIES.matcher(body);
    while (m.find()) {
      out.put(m.group(1) + " " + m.group(2) + " " + m.group(3), Double.parseDouble(m.group(4)));
    }
    return out;
  }

  private void awaitReady() throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        series();
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    close();
    throw new IOException("node_exporter did not answer on " + metrics + " within 30 s");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
