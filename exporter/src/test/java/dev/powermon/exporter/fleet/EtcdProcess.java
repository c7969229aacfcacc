package dev.powermon.exporter.fleet;

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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real etcd (Debian's etcd-server, installed by .ci/run) on ephemeral loopback ports with its
 * data in a temp dir. {@link #shared()} starts one for the whole test JVM (each suite uses its own
 * key prefix) and stops it, and removes its data, when the JVM exits.
 */
public final class EtcdProcess implements AutoCloseable {
  private static EtcdProcess shared;

  private final Process process;
  private final URI endpoint;

  private EtcdProcess(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static EtcdProcess start(Path dataDir) throws Exception {
    int client = freePort();
    int peer = freePort();
    String clientUrl = "http://127.0.0.1:" + client;
    String peerUrl = "http://127.0.0.1:" + peer;
    Process p =
        new ProcessBuilder(
                List.of(
                    "etcd",
                    "--name",
                    "test",
                    "--data-dir",
                    dataDir.toString(),
                    "--listen-client-urls",
                    clientUrl,
                    "--advertise-client-urls",
                    clientUrl,
                    "--listen-peer-urls",
                    peerUrl,
                    "--initial-advertise-peer-urls",
                    peerUrl,
                    "--initial-cluster",
                    "test=" + peerUrl,
                    "--log-level",
                    "error"))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
            .start();
    EtcdProcess etcd = new EtcdProcess(p, URI.create(clientUrl));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(clientUrl + "/health"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("true")) {
          return etcd;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    etcd.close();
    throw new IllegalStateException("etcd did not become healthy within 20 s on " + clientUrl);
  }

  public static synchronized EtcdProcess shared() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("powermon-etcd-");
      EtcdProcess etcd = start(dir.resolve("data"));
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      etcd.close();
                      try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                      }
                    } catch (Exception e) {
                      // the JVM is exiting; a temp dir left behind is the worst case
                    }
                  }));
      shared = etcd;
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
