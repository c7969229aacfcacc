package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JAR's listeners under every abuse case of issue #14: slow clients, scrapes beyond
 * --web.max-requests, odd paths and methods, oversized headers, admin POSTs too large or too deep,
 * concurrent /probe requests to a dead plug. A normal client scrapes /metrics all the while ({@link
 * ScrapeWatch}); each case prints its line of figures and must keep every scrape answered.
 */
class ListenerAbuseTest {
  private static final int SLOW_CONNECTIONS = 12;

  /** Longer than the server's 10 s request limit, so the slow clients are cut off and come back. */
  private static final Duration ATTACK = Duration.ofSeconds(15);

  private static final String JSON = "Content-Type: application/json";

  @TempDir static Path dir;
  private static PowercapTree tree;
  private static ServerSocket deadPlug;
  private static PowermonJar powermon;

  @BeforeAll
  static void start() throws Exception {
    tree = PowercapTree.start(dir.resolve("sys"));
    // A plug that takes the connection and never answers: each probe waits out its timeout.
    deadPlug = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Path config = Files.writeString(dir.resolve("powermon.yml"), "log:\n  level: info\n");
    powermon =
        PowermonJar.start(
            dir,
            config,
            List.of(
                "--collector=rapl,kasa",
                "--collector.rapl.sysfs=" + tree.sysfs(),
                "--collector.kasa.target=" + deadPlugTarget(),
                "--collector.kasa.timeout=2s"));
  }

  @AfterAll
  static void stop() throws Exception {
    powermon.close();
    deadPlug.close();
    tree.close();
  }

  @Test
  void slowClientsOnBothListenersDoNotStarveScrapes() throws Exception {
    AtomicInteger slowConnections = new AtomicInteger();
    ScrapeWatch.Watched<Integer> watched =
        ScrapeWatch.during(
            "slowloris",
            powermon.target(),
            () -> {
              long end = System.nanoTime() + ATTACK.toNanos();
              List<Thread> attackers = new ArrayList<>();
              for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                attackers.add(slowloris(powermon.target(), end, slowConnections));
                attackers.add(slowloris(powermon.adminTarget(), end, slowConnections));
              }
              Thread.sleep(ATTACK.toMillis() / 2);
              int adminStatus =
                  RawHttp.status(powermon.adminTarget(), RawHttp.get("GET", "/api/v1/metrics"));
              for (Thread t : attackers) {
                t.join(ATTACK.toMillis() + 5000);
              }
              return adminStatus;
            });

    assertThat(slowConnections.get()).isGreaterThanOrEqualTo(2 * SLOW_CONNECTIONS);
    assertThat(watched.result()).as("the admin API under slow clients").isEqualTo(200);
    assertAllAnswered(watched.figures());
  }

  @Test
  void scrapesBeyondMaxRequestsGet503AtOnce() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    ScrapeWatch.Figures figures =
        ScrapeWatch.during(
                "max-requests",
                powermon.target(),
                // twice the default --web.max-requests
                () -> statuses.addAll(atOnce(80, RawHttp.get("GET", "/metrics"))))
            .figures();

    long refused = statuses.stream().filter(status -> status == 503).count();
    long failed = statuses.stream().filter(status -> status != 200 && status != 503).count();
    System.out.printf(
        "max-requests: %d of the flood's scrapes got 503, %d failed otherwise%n", refused, failed);
    assertThat(failed).as("every flood scrape answered, 200 or 503").isZero();
    // A normal scrape that arrives while the flood holds every permit gets 503, as in
    // node_exporter: answered at once, never left to time out.
    assertThat(figures.answered()).isEqualTo(figures.scrapes());
  }

  @Test
  void onlyExactPathsAnswer() throws Exception {
    String target = powermon.target();
    assertAllAnswered(
        ScrapeWatch.during(
                "traversal",
                target,
                () -> {
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/metricsXYZ")))
                      .isEqualTo(404);
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics/")))
                      .isEqualTo(404);
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/-/healthyX")))
                      .isEqualTo(404);
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/../../etc/passwd")))
                      .isEqualTo(404);
                  assertThat(
                          RawHttp.status(target, RawHttp.get("GET", "/%2e%2e/%2e%2e/etc/passwd")))
                      .isEqualTo(404);
                  assertThat(
                          RawHttp.status(
                              powermon.adminTarget(), RawHttp.get("GET", "/api/v1/metricsX")))
                      .isEqualTo(404);
                  assertThat(
                          RawHttp.status(
                              powermon.adminTarget(),
                              RawHttp.get("GET", "/api/v1/../../../etc/passwd")))
                      .isEqualTo(404);
                  return null;
                })
            .figures());
    assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics"))).isEqualTo(200);
  }

  @Test
  void readOnlyPathsTakeGetAndHeadOnly() throws Exception {
    String target = powermon.target();
    assertAllAnswered(
        ScrapeWatch.during(
                "non-get",
                target,
                () -> {
                  for (String path :
                      List.of(
                          "/metrics", "/", "/probe?target=127.0.0.1", "/-/healthy", "/-/ready")) {
                    for (String method :
                        List.of("POST", "PUT", "DELETE", "TRACE", "OPTIONS", "FOO")) {
                      assertThat(
                              RawHttp.status(
                                  target, RawHttp.get(method, path, "Content-Length: 0")))
                          .as(method + " " + path)
                          .isEqualTo(405);
                    }
                  }
                  return null;
                })
            .figures());
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

    assertAllAnswered(
        ScrapeWatch.during(
                "headers",
                target,
                () -> {
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics", many)))
                      .as("200 headers")
                      .isNotEqualTo(200);
                  assertThat(RawHttp.status(target, RawHttp.get("GET", "/metrics", huge)))
                      .as("a 64 KiB header")
                      .isNotEqualTo(200);
                  return null;
                })
            .figures());
  }

  @Test
  void adminPostsTooLargeOrTooDeepAreRefused() throws Exception {
    String admin = powermon.adminTarget();
    StringBuilder manyKeys = new StringBuilder("{");
    for (int i = 0; i < 2000; i++) {
      manyKeys.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":true");
    }
    String wide = manyKeys.append("}").toString();
    String deep = "[".repeat(10_000);
    String large = "{\"a\": \"" + "x".repeat(1 << 20) + "\"}";

    assertAllAnswered(
        ScrapeWatch.during(
                "admin-post-64k",
                powermon.target(),
                () -> {
                  assertThat(
                          RawHttp.status(
                              admin, RawHttp.withBody("POST", "/api/v1/metrics", large, JSON)))
                      .isIn(413, -1); // 413, or cut off while the rest was still being sent
                  return null;
                })
            .figures());
    assertAllAnswered(
        ScrapeWatch.during(
                "admin-json-depth-keys",
                powermon.target(),
                () -> {
                  assertThat(
                          RawHttp.status(
                              admin, RawHttp.withBody("POST", "/api/v1/metrics", deep, JSON)))
                      .isEqualTo(400);
                  assertThat(
                          RawHttp.status(
                              admin, RawHttp.withBody("POST", "/api/v1/metrics", wide, JSON)))
                      .isEqualTo(400);
                  return null;
                })
            .figures());
  }

  @Test
  void concurrentProbesOfADeadPlugDoNotDelayScrapes() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    assertAllAnswered(
        ScrapeWatch.during(
                "probe-dead-plugs",
                powermon.target(),
                () ->
                    statuses.addAll(
                        atOnce(20, RawHttp.get("GET", "/probe?target=" + deadPlugTarget()))))
            .figures());
    assertThat(statuses)
        .as("probes answered: a failed probe (200), or 503 beyond 8 at once")
        .allMatch(status -> status == 200 || status == 503);
  }

  @Test
  void probeIsNoOpenProxyAndLogsEachRefusedTargetOnce() throws Exception {
    int port = deadPlug.getLocalPort();
    List<String> offList =
        List.of(
            "127.0.0.2:" + port, // another loopback alias
            "[::1]:" + port, // IPv6 loopback
            "127.0.0.1:22", // the configured host, another port
            "10.1.2.3:9999",
            "no-such-host.invalid:" + port);
    for (int round = 0; round < 3; round++) {
      for (String target : offList) {
        assertThat(
                RawHttp.status(
                    powermon.target(),
                    RawHttp.get("GET", "/probe?collector=kasa&target=" + target)))
            .as(target)
            .isEqualTo(403);
      }
    }
    String log = powermon.output();
    for (String target : offList) {
      assertThat(log.lines().filter(l -> l.contains("/probe refused target " + target)))
          .as(target + " logged once\n" + log)
          .hasSize(1);
    }
  }

  /** The statuses of {@code request} sent {@code n} times at once; -1 for a failed one. */
  private static List<Integer> atOnce(int n, String request) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  statuses.add(RawHttp.status(powermon.target(), request));
                } catch (IOException | InterruptedException e) {
                  statuses.add(-1);
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join(30_000);
    }
    return statuses;
  }

  private static String deadPlugTarget() {
    return "127.0.0.1:" + deadPlug.getLocalPort();
  }

  private static void assertAllAnswered(ScrapeWatch.Figures figures) {
    assertThat(figures.scrapes()).isGreaterThanOrEqualTo(10);
    assertThat(figures.ok()).as(figures.line()).isEqualTo(figures.scrapes());
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
