package dev.powermon.rapl;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedReadings;
import java.util.function.Predicate;

/**
 * Waits for the background sampler instead of sleeping a fixed time; generous for a slow, shared
 * machine.
 */
final class Poll {
  private static final long TIMEOUT_MILLIS = 30_000;

  private Poll() {}

  /** Polls what {@code collector} serves with the unified families from its readings. */
  static MetricValues until(
      Collector collector, RecordedReadings readings, Predicate<MetricValues> condition)
      throws InterruptedException {
    return until(() -> Served.of(collector, readings), condition);
  }

  static MetricValues until(Collector collector, Predicate<MetricValues> condition)
      throws InterruptedException {
    return until(() -> MetricValues.of(collector.collect()), condition);
  }

  /** Something to look at that may fail while the sampler starts. */
  interface Look {
    MetricValues get() throws Exception;
  }

  private static MetricValues until(Look look, Predicate<MetricValues> condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    Exception last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        MetricValues m = look.get();
        if (condition.test(m)) {
          return m;
        }
      } catch (Exception e) {
        last = e;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("condition not met within " + TIMEOUT_MILLIS + " ms", last);
  }
}
