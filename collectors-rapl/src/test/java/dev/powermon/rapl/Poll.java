package dev.powermon.rapl;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import java.util.function.Predicate;

/**
 * Waits for the background sampler instead of sleeping a fixed time; generous for a slow, shared
 * machine.
 */
final class Poll {
  private static final long TIMEOUT_MILLIS = 30_000;

  private Poll() {}

  static MetricValues until(Collector collector, Predicate<MetricValues> condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
    Exception last = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        MetricValues m = MetricValues.of(collector.collect());
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
