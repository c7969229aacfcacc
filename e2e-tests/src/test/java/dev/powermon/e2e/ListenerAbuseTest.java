package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JAR's listeners under the abuse a red-team run used on them: slow clients, odd paths and
 * methods, oversized headers. A normal client keeps scraping meanwhile; its latency is printed.
 */
class ListenerAbuseTest {
  private static final int SLOW_CONNECTIONS = 12;

  /** Longer than the server's 10 s request limit, so the slow clients are cut off and come back. */
  private static final Duration ATTACK = Duration.ofSeconds(15);

  @TempDir static Path dir;
  private static PowercapTree tree;
  private static PowermonJar powermon;

  @BeforeAll
  static void start() throws Exception {
    tree = PowercapTree.start(dir.resolve("sys"));
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    powermon = PowermonJar.start(dir, config, List.of("--collector.rapl.sysfs=" + tree.sysfs()));
  }

  @AfterAll
  static void stop() throws Exception {
    powermon.close();
    tree.close();
  }

  @Test
  void slowClientsOnBothListenersDoNotStarveScrapes() throws Exception {
    long end = System.nanoTime() + ATTACK.toNanos();
    List<Thread> attackers = new ArrayList<>();
    AtomicInteger slowConnections = new AtomicInteger();
    for (int i = 0; i < SLOW_CONNECTIONS; i++) {
      attackers.add(slowloris(powermon.target(), end, slowConnections));
      attackers.add(slowloris(powermon.adminTarget(), end, slowConnections));
    }
    Thread.sleep(1000); // every slow connection holds its worker before the scrapes start

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    List<Long> millis = new ArrayList<>();
    int ok = 0;
    int scrapes = 0;
    while (System.nanoTime() < end) {
      long start = System.nanoTime();
      scrapes++;
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + powermon.target() + "/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("powermon_collector_success")) {
          ok++;
        }
      } catch (IOException e) {
        // a failed scrape: counted as not ok
      }
      millis.add((System.nanoTime() - start) / 1_000_000);
      Thread.sleep(200);
    }
    int adminStatus = RawHttp.status(powermon.adminTarget(), RawHttp.get("GET", "/api/v1/metrics"));
    for (Thread t : attackers) {
      t.join(5000);
    }

    Collections.sort(millis);
    long p99 = millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
    System.out.printf(
        "slowloris: %d slow connections opened on the two listeners over %d s;"
            + " %d/%d scrapes answered, p50 %d ms, p99 %d ms, max %d ms%n",
        slowConnections.get(),
        ATTACK.toSeconds(),
        ok,
        scrapes,
        millis.get(millis.size() / 2),
        p99,
        millis.get(millis.size() - 1));
    assertThat(slowConnections.get()).isGreaterThanOrEqualTo(2 * SLOW_CONNECTIONS);
    assertThat(ok).as("scrapes answered while slow clients held connections").isEqualTo(scrapes);
    assertThat(adminStatus).as("the admin API under slow clients").isEqualTo(200);
  }

  @Test
  void onlyExactPathsAnswer() throws Exception {
    String target = powermon.target();
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics"))).isEqualTo(200);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/metricsXYZ"))).isEqualTo(404);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics/"))).isEqualTo(404);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/-/healthyX"))).isEqualTo(404);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/../../etc/passwd"))).isEqualTo(404);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/%2e%2e/%2e%2e/etc/passwd")))
        .isEqualTo(404);
    assertThat(RawHttp.status(powermon.adminTarget(), RawHttp.get("GET", "/api/v1/metricsX")))
        .isEqualTo(404);
  }

  @Test
  void readOnlyPathsTakeGetAndHeadOnly() throws Exception {
    String target = powermon.target();
    for (String path :
        List.of("/metrics", "/", "/probe?target=127.0.0.1", "/-/healthy", "/-/ready")) {
      for (String method : List.of("POST", "PUT", "DELETE", "TRACE", "OPTIONS", "FOO")) {
        assertThat(RawHttp.status(target, RawHttp.get(method, path, "Content-Length: 0")))
            .as(method + " " + path)
            .isEqualTo(405);
      }
    }
    assertThat(RawHttp.status(target, RawHttp.get("HEAD", "/metrics"))).isEqualTo(200);
    assertThat(RawHttp.status(target, RawHttp.get("HEAD", "/-/healthy"))).isEqualTo(200);
  }

  @Test
  void oversizedHeadersAreRefused() throws Exception {
    String target = powermon.target();
    String[] many = new String[200];
    for (int i = 0; i < many.length; i++) {
      many[i] = "X-Header-" + i + ": " + i;
    }
    String[] huge = {"X-Huge: " + "a".repeat(64 * 1024)};

    int tooMany = RawHttp.status(target, RawHttp.get("GET", "/metrics", many));
    int tooLarge = RawHttp.status(target, RawHttp.get("GET", "/metrics", huge));

    System.out.printf(
        "200 headers: %d; a 64 KiB header: %d (-1: connection closed)%n", tooMany, tooLarge);
    assertThat(tooMany).isNotEqualTo(200);
    assertThat(tooLarge).isNotEqualTo(200);
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics"))).isEqualTo(200);
  }

  /**
   * A client that sends a request's headers a byte every 500 ms and reconnects when cut off, until
   * {@code endNanos}.
   */
  private static Thread slowloris(String target, long endNanos, AtomicInteger connections) {
    int colon = target.lastIndexOf(':');
    InetSocketAddress address =
        new InetSocketAddress(
            target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    Thread t =
        new Thread(
            () -> {
              while (System.nanoTime() < endNanos) {
                try (Socket socket = new Socket()) {
                  socket.connect(address, 2000);
                  connections.incrementAndGet();
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      "GET /metrics HTTP/1.1\r\nHost: powermon\r\nX-Slow: "
                          .getBytes(StandardCharsets.US_ASCII));
                  while (System.nanoTime() < endNanos) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(500);
                  }
                } catch (IOException e) {
                  // cut off by the server: reconnect
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "slowloris");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
