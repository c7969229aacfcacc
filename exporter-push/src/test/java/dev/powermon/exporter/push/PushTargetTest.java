package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The retry policy, with a scripted receiver: which answers are retried, which drop, what is
 * counted.
 */
class PushTargetTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

  private final ScriptedSender sender = new ScriptedSender();
  private final SendQueue queue = new SendQueue(100, 10);
  private final TargetStats stats = new TargetStats("http://127.0.0.1:1/api/v1/write", queue::size);
  private final PushTarget target =
      new PushTarget(
          sender,
          queue,
          stats,
          new Backoff(Duration.ofMillis(1), Duration.ofMillis(2)),
          CLOCK,
          series -> true);
  private final Thread thread = new Thread(target, "test-push");

  @AfterEach
  void stop() throws Exception {
    thread.interrupt();
    thread.join(10_000);
  }

  @Test
  void serverErrorsAnd429AreRetriedWithTheSameBatchUntilItIsAccepted() throws Exception {
    sender.script(503, 429, 204);
    target.offer(SendQueueTest.samples(0, 3));
    target.flush();

    runUntilSent(3);

    assertThat(sender.batches)
        .hasSize(3)
        .allSatisfy(b -> assertThat(SendQueueTest.times(b)).containsExactly(0L, 1L, 2L));
    assertThat(stats.sent()).isEqualTo(3);
    assertThat(stats.failuresByCode()).containsOnlyKeys("503", "429");
    assertThat(stats.lastSuccessSeconds()).isEqualTo(1_700_000_000.0);
  }

  @Test
  void aClientErrorDropsTheBatchWithoutRetryingIt() throws Exception {
    sender.script(400, 204);
    target.offer(SendQueueTest.samples(0, 3));
    target.flush();
    thread.start();
    await(() -> stats.dropped(TargetStats.REJECTED) == 3);
    target.offer(SendQueueTest.samples(3, 2));
    target.flush();

    await(() -> stats.sent() == 2);

    assertThat(sender.batches).hasSize(2);
    assertThat(stats.dropped(TargetStats.REJECTED)).isEqualTo(3);
    assertThat(stats.failuresByCode().get("400").get()).isEqualTo(1);
  }

  @Test
  void noAnswerIsRetriedAndCountedByKind() throws Exception {
    sender.script(
        new ConnectException("refused"),
        new HttpTimeoutException("timed out"),
        new CredentialsException("cannot read token"),
        200);
    target.offer(SendQueueTest.samples(0, 1));
    target.flush();

    runUntilSent(1);

    assertThat(stats.failuresByCode()).containsOnlyKeys("connection", "timeout", "credentials");
    assertThat(queue.size()).isZero();
  }

  @Test
  void samplesPushedOutOfAFullQueueAreCounted() {
    SendQueue small = new SendQueue(4, 4);
    TargetStats smallStats = new TargetStats("t", small::size);
    PushTarget t =
        new PushTarget(sender, small, smallStats, Backoff.DEFAULT, CLOCK, series -> true);

    t.offer(SendQueueTest.samples(0, 3));
    t.offer(SendQueueTest.samples(3, 3));

    assertThat(smallStats.dropped(TargetStats.QUEUE_FULL)).isEqualTo(2);
    assertThat(smallStats.queued()).isEqualTo(4);
  }

  @Test
  void aTargetQueuesOnlyTheSeriesItTakes() {
    SendQueue q = new SendQueue(10, 10);
    PushTarget powerOnly =
        new PushTarget(
            sender,
            q,
            new TargetStats("t", q::size),
            Backoff.DEFAULT,
            CLOCK,
            LineProtocol::accepts);
    Series power =
        new Series("powermon_power_watts", io.prometheus.metrics.model.snapshots.Labels.EMPTY);

    powerOnly.offer(
        List.of(new Sample(power, 1, 5), new Sample(new Series("other", power.labels()), 1, 7)));

    assertThat(q.size()).isEqualTo(1);
  }

  private void runUntilSent(long samples) throws Exception {
    thread.start();
    await(() -> stats.sent() == samples);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  /** Answers with the scripted statuses or exceptions in turn, then 204; records every batch. */
  static final class ScriptedSender implements Sender {
    final List<List<Sample>> batches = new CopyOnWriteArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();

    synchronized void script(Object... next) {
      answers.addAll(List.of(next));
    }

    @Override
    public synchronized Response send(List<Sample> batch) throws IOException {
      batches.add(batch);
      Object answer = answers.isEmpty() ? 204 : answers.poll();
      if (answer instanceof IOException e) {
        throw e;
      }
      return new Response((Integer) answer, "status " + answer);
    }
  }
}
