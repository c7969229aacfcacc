package dev.powermon.exporter.push;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one target's queue on its own thread, so a slow or dead receiver costs that thread only.
 * 2xx: delivered. 429, 5xx and no answer: retried with backoff, the same batch, while newer samples
 * wait (or push the oldest out). Other answers: the batch is refused for good, counted and logged
 * once per status.
 */
final class PushTarget implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PushTarget.class);
  private static final long IDLE_POLL_MILLIS = 1000;

  private final Sender sender;
  private final SendQueue queue;
  private final TargetStats stats;
  private final Backoff backoff;
  private final Clock clock;
  private final Predicate<Series> accepts;
  private final Set<Integer> refusalsLogged = new HashSet<>();
  private int failuresInARow;

  /**
   * @param accepts which series this target takes (InfluxDB: the power gauge only)
   */
  PushTarget(
      Sender sender,
      SendQueue queue,
      TargetStats stats,
      Backoff backoff,
      Clock clock,
      Predicate<Series> accepts) {
    this.sender = sender;
    this.queue = queue;
    this.stats = stats;
    this.backoff = backoff;
    this.clock = clock;
    this.accepts = accepts;
  }

  /**
   * Queues the samples of one push that this target takes; counts what the full queue dropped for
   * them.
   */
  void offer(List<Sample> samples) {
    List<Sample> taken = samples.stream().filter(s -> accepts.test(s.series())).toList();
    stats.dropped(TargetStats.QUEUE_FULL, queue.offer(taken));
  }

  /** Sends what is queued now rather than when a batch is full. */
  void flush() {
    queue.flush();
  }

  TargetStats stats() {
    return stats;
  }

  SendQueue queue() {
    return queue;
  }

  /** Sends until the queue is closed and empty, or the thread is interrupted. */
  @Override
  public void run() {
    try {
      while (!queue.isClosedAndEmpty()) {
        List<Sample> batch = queue.next(IDLE_POLL_MILLIS);
        if (!batch.isEmpty() && !deliver(batch)) {
          Thread.sleep(
              backoff.delay(failuresInARow, ThreadLocalRandom.current()::nextDouble).toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread()
          .interrupt(); // shutdown past the flush deadline; the pusher counts what is left
    }
  }

  /** One attempt; false when it should be retried after a pause. */
  private boolean deliver(List<Sample> batch) throws InterruptedException {
    Sender.Response response;
    try {
      response = sender.send(batch);
    } catch (IOException e) {
      return failed(
          e instanceof HttpTimeoutException
              ? "timeout"
              : e instanceof CredentialsException ? "credentials" : "connection",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    int status = response.status();
    if (status >= 200 && status < 300) {
      stats.sent(queue.acknowledge(), clock.millis());
      if (failuresInARow > 0) {
        LOG.atInfo().addKeyValue("target", stats.target()).log("push works again");
      }
      failuresInARow = 0;
      return true;
    }
    if (status == 429 || status >= 500) {
      return failed(String.valueOf(status), "HTTP " + status + ": " + response.firstLine());
    }
    stats.failed(String.valueOf(status));
    stats.dropped(TargetStats.REJECTED, queue.acknowledge());
    if (refusalsLogged.add(status)) {
      LOG.atWarn()
          .addKeyValue("target", stats.target())
          .log(
              "the receiver refused a push with HTTP {} ({}); such batches are dropped, not retried",
              status,
              response.firstLine());
    }
    failuresInARow = 0;
    return true;
  }

  private boolean failed(String code, String why) {
    stats.failed(code);
    if (failuresInARow == 0) {
      LOG.atWarn()
          .addKeyValue("target", stats.target())
          .log("push failing, retrying with backoff and keeping the newest samples: {}", why);
    }
    failuresInARow++;
    return false;
  }
}
