import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated exporters polling a config server: DEVICES devices, each every POLL_MS (the 60 s interval
 * compressed), with If-None-Match and ±10 % jitter, for SECONDS; every CHANGE_MS one device's config is
 * changed by PUT, so some polls are 200s. Prints requests/s, p50/p99 and the share of 304s.
 *
 *   java Pollers.java BASE_URL TOKEN DEVICES POLL_MS SECONDS CHANGE_MS
 */
public class Pollers {
  public static void main(String[] a) throws Exception {
    String base = a[0];
    String token = a[1];
    int devices = Integer.parseInt(a[2]);
    long pollMs = Long.parseLong(a[3]);
    long seconds = Long.parseLong(a[4]);
    long changeMs = Long.parseLong(a[5]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ScheduledExecutorService pool = Executors.newScheduledThreadPool(32);
    ConcurrentHashMap<Integer, String> tags = new ConcurrentHashMap<>();
    List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong ok = new AtomicLong(), notModified = new AtomicLong(), failed = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    for (int d = 0; d < devices; d++) {
      int device = d;
      Runnable poll = new Runnable() {
        public void run() {
          if (System.nanoTime() > end) {
            return;
          }
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/config/dev-" + device))
              .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token);
          String tag = tags.get(device);
          if (tag != null) {
            b.header("If-None-Match", tag);
          }
          long t0 = System.nanoTime();
          try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            latencies.add(System.nanoTime() - t0);
            if (r.statusCode() == 304) {
              notModified.incrementAndGet();
            } else if (r.statusCode() == 200) {
              ok.incrementAndGet();
              r.headers().firstValue("ETag").ifPresent(t -> tags.put(device, t));
            } else {
              failed.incrementAndGet();
            }
          } catch (Exception e) {
            failed.incrementAndGet();
          }
          long next = Math.round(pollMs * (0.9 + 0.2 * ThreadLocalRandom.current().nextDouble()));
          pool.schedule(this, next, TimeUnit.MILLISECONDS);
        }
      };
      pool.schedule(poll, ThreadLocalRandom.current().nextLong(pollMs), TimeUnit.MILLISECONDS);
    }
    AtomicLong changes = new AtomicLong();
    pool.scheduleAtFixedRate(() -> {
      int device = ThreadLocalRandom.current().nextInt(devices);
      String yaml = "collectors:\n  host:\n    enabled: true\nmetrics:\n  powermon_power_watts: "
          + (changes.incrementAndGet() % 2 == 0) + "\n";
      try {
        http.send(HttpRequest.newBuilder(URI.create(base + "/config/dev-" + device)).timeout(Duration.ofSeconds(5))
            .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(yaml)).build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (Exception e) {
        failed.incrementAndGet();
      }
    }, changeMs, changeMs, TimeUnit.MILLISECONDS);
    long started = System.nanoTime();
    while (System.nanoTime() < end) {
      Thread.sleep(200);
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    List<Long> sorted;
    synchronized (latencies) {
      sorted = new ArrayList<>(latencies);
    }
    Collections.sort(sorted);
    long total = ok.get() + notModified.get();
    System.out.printf("devices %d, poll every %d ms (60 s compressed %.0fx), %.0f s%n", devices, pollMs,
        60000.0 / pollMs, elapsed);
    System.out.printf("requests/s %.0f  p50 %.1f ms  p99 %.1f ms  304 share %.1f %%  failed %d  changes %d%n",
        total / elapsed, pct(sorted, 0.50), pct(sorted, 0.99), 100.0 * notModified.get() / Math.max(1, total),
        failed.get(), changes.get());
  }

  static double pct(List<Long> sorted, double p) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
  }
}
