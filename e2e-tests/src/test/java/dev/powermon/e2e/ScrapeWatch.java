package dev.powermon.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A normal client scraping {@code /metrics} every 100 ms while an abuse case runs, as Prometheus
 * would; afterwards one line of figures, {@code abuse=<case> scrapes=N success=…% p50=… p99=…}.
 */
final class ScrapeWatch {
  /** A short attack is repeated this long, so some 30 scrapes overlap it. */
  private static final Duration MIN_ATTACK = Duration.ofSeconds(3);

  /** A bound on the rounds of a short attack. */
  private static final int MAX_ROUNDS = 10_000;

  /** The figures of one case. */
  record Figures(String abuseCase, int scrapes, int ok, int answered, long p50, long p99) {
    double successPercent() {
      return 100.0 * ok / scrapes;
    }

    String line() {
      return String.format(
          "abuse=%s scrapes=%d success=%.1f%% p50=%dms p99=%dms",
          abuseCase, scrapes, successPercent(), p50, p99);
    }
  }

  private ScrapeWatch() {}

  /**
   * Runs {@code attack}, again and again for at least 3 s, while scraping {@code target}
   * (host:port); prints and returns the figures with the attack's last result.
   */
  static <T> Watched<T> during(String abuseCase, String target, Callable<T> attack)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest scrape =
        HttpRequest.newBuilder(URI.create("http://" + target + "/metrics"))
            .timeout(Duration.ofSeconds(5))
            .build();
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger answered = new AtomicInteger(); // any status, 503 included
    AtomicBoolean attacking = new AtomicBoolean(true);
    Thread scraper =
        new Thread(
            () -> {
              while (attacking.get()) { // each scrape bounded by its 5 s timeout
                long start = System.nanoTime();
                try {
                  HttpResponse<String> r = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                  answered.incrementAndGet();
                  if (r.statusCode() == 200 && r.body().contains("powermon_collector_success")) {
                    ok.incrementAndGet();
                  }
                  millis.add((System.nanoTime() - start) / 1_000_000);
                  Thread.sleep(100);
                } catch (IOException e) {
                  millis.add((System.nanoTime() - start) / 1_000_000); // failed: counted, not ok
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "scrape-watch");
    scraper.setDaemon(true);
    scraper.start();
    T result = null;
    long minimumEnd = System.nanoTime() + MIN_ATTACK.toNanos();
    try {
      for (int round = 0;
          round < MAX_ROUNDS && (round == 0 || System.nanoTime() < minimumEnd);
          round++) {
        result = attack.call();
      }
    } finally {
      attacking.set(false);
      scraper.join(10_000);
    }
    List<Long> sorted;
    synchronized (millis) {
      sorted = new ArrayList<>(millis);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    Figures figures =
        new Figures(
            abuseCase,
            n,
            ok.get(),
            answered.get(),
            n == 0 ? -1 : sorted.get(n / 2),
            n == 0 ? -1 : sorted.get((int) Math.ceil(n * 0.99) - 1));
    System.out.println(figures.line());
    return new Watched<>(figures, result);
  }

  /** The figures of the scrapes and what the attack returned. */
  record Watched<T>(Figures figures, T result) {}
}
