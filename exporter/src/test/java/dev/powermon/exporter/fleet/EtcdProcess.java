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
import java.util.ArrayList;
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

  /** A one-member cluster with its data in {@code dataDir}, healthy. */
  public static EtcdProcess start(Path dataDir) throws Exception {
    return cluster(dataDir.getParent(), dataDir.getFileName().toString(), 1).get(0);
  }

  /**
   * A cluster of {@code members} on loopback, each with its data in {@code dir/<name>-<i>}; returns
   * once every member reports itself healthy (a member is, once the cluster has a leader).
   */
  public static List<EtcdProcess> cluster(Path dir, String name, int members) throws Exception {
    List<String> names = new ArrayList<>();
    List<String> clientUrls = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      names.add(members == 1 ? name : name + "-" + i);
      clientUrls.add("http://127.0.0.1:" + freePort());
      peers.add(names.get(i) + "=http://127.0.0.1:" + freePort());
    }
    List<EtcdProcess> started = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      Path data = dir.resolve(names.get(i));
      String peerUrl = peers.get(i).substring(names.get(i).length() + 1);
      Process p =
          new ProcessBuilder(
                  List.of(
                      "etcd",
                      "--name",
                      names.get(i),
                      "--data-dir",
                      data.toString(),
                      "--listen-client-urls",
                      clientUrls.get(i),
                      "--advertise-client-urls",
                      clientUrls.get(i),
                      "--listen-peer-urls",
                      peerUrl,
                      "--initial-advertise-peer-urls",
                      peerUrl,
                      "--initial-cluster",
                      String.join(",", peers),
                      "--log-level",
                      "error"))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(names.get(i) + ".log").toFile())
              .start();
      started.add(new EtcdProcess(p, URI.create(clientUrls.get(i))));
    }
    for (EtcdProcess etcd : started) {
      etcd.awaitHealthy(started);
    }
    return started;
  }

  /** Waits up to 20 s; on failure stops every member of {@code cluster} and throws. */
  private void awaitHealthy(List<EtcdProcess> cluster) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/health"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("true")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    for (EtcdProcess member : cluster) {
      member.close();
    }
    throw new IllegalStateException("etcd did not become healthy within 20 s on " + endpoint);
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
