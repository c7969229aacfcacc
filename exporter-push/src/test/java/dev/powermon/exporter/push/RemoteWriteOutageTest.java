package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery through a receiver outage, against a real Prometheus: it is stopped mid-run while
 * samples keep coming, then restarted on the same port and storage. Every sample produced is either
 * stored or counted as dropped.
 */
class RemoteWriteOutageTest {
  private static final Series SERIES =
      new Series("powermon_test_tick", Labels.of("instance", "outage", "job", "powermon"));
  private static final Duration INTERVAL = Duration.ofMillis(50);

  @TempDir Path dir;
  private final Map<Long, Double> produced = new ConcurrentSkipListMap<>();
  private ReceiverProcess prometheus;
  private Pusher pusher;

  @AfterEach
  void stop() throws Exception {
    if (pusher != null) {
      pusher.close();
    }
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void aLargeQueueDeliversEveryTimestampAfterTheReceiverComesBack() throws Exception {
    TargetStats stats = runThroughAnOutage(100_000);

    TreeMap<Long, Double> stored = prometheus.samples("powermon_test_tick");
    assertThat(stored).isEqualTo(new TreeMap<>(produced)); // every timestamp with its value
    assertThat(stats.sent()).isEqualTo(produced.size());
    assertThat(stats.dropped(TargetStats.QUEUE_FULL)).isZero();
    assertThat(stats.failuresByCode()).containsKey("connection");
  }

  @Test
  void aSmallQueueDropsTheOldestAndCountsExactlyWhatIsMissing() throws Exception {
    TargetStats stats = runThroughAnOutage(5);

    TreeMap<Long, Double> stored = prometheus.samples("powermon_test_tick");
    Map<Long, Double> missing = new TreeMap<>(produced);
    missing.keySet().removeAll(stored.keySet());
    assertThat(missing).isNotEmpty();
    assertThat(stats.dropped(TargetStats.QUEUE_FULL)).isEqualTo(missing.size());
    assertThat(stats.sent()).isEqualTo(stored.size());
    assertThat(produced).containsAllEntriesOf(stored); // nothing stored that was not produced
    long newest = ((ConcurrentSkipListMap<Long, Double>) produced).lastKey();
    assertThat(stored).containsKey(newest); // the newest data survive the outage
  }

  /** Pushes a counting series every 50 ms; stops the receiver for a while, restarts it, flushes. */
  private TargetStats runThroughAnOutage(int queueSamples) throws Exception {
    prometheus = ReceiverProcess.prometheus(dir);
    HttpPush http =
        new HttpPush(
            HttpPush.client(Duration.ofSeconds(5)),
            URI.create(prometheus.writeUrl()),
            Duration.ofSeconds(5),
            Map.of(),
            Credentials.NONE,
            "powermon-test");
    PushTarget target =
        Pusher.target(
            new RemoteWriteSender(http),
            URI.create(prometheus.writeUrl()),
            queueSamples,
            series -> true);
    pusher = new Pusher(this::tick, Clock.systemUTC(), List.of(target), List.of());
    TargetStats stats = target.stats();
    pusher.run(INTERVAL);

    await(() -> stats.sent() >= 10);
    prometheus.stop();
    int before = produced.size();
    await(() -> stats.failuresByCode().containsKey("connection") && produced.size() >= before + 30);
    prometheus.restart();
    int after = produced.size();
    await(() -> produced.size() >= after + 10 && stats.sent() > 0 && stats.queued() == 0);
    pusher.close(); // stops producing, flushes the rest
    pusher = null;
    return stats;
  }

  /** One sample per push; its value is its position, so a lost or duplicated one shows. */
  private Pusher.Collected tick(long nowMillis) {
    double value = produced.size();
    produced.put(nowMillis, value);
    return new Pusher.Collected(
        MetricSnapshots.of(), List.of(new Sample(SERIES, nowMillis, value)));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
