package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Settings;
import dev.powermon.exporter.testcollectors.HangingProvider;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A scrape and a push that overlap share one call; a call past its deadline makes the next fail fast. */
class CollectorRunnerTest {
  private final ExecutorService executor = Executors.newCachedThreadPool(CollectorPool.daemon("test-collect"));
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(CollectorPool.daemon("test"));

  @AfterEach
  void stop() {
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void aSecondCallerWithinTheDeadlineSharesTheCallUnderWay() {
    try (CollectorRunner runner = hanging(Duration.ofSeconds(60))) {
      Future<MetricSnapshots> first = runner.begin();

      assertThat(runner.begin()).isSameAs(first);
    }
  }

  @Test
  void aCallPastItsDeadlineMakesTheNextFailFast() throws Exception {
    try (CollectorRunner runner = hanging(Duration.ofMillis(50))) {
      Future<MetricSnapshots> first = runner.begin();
      Future<MetricSnapshots> next = first;
      for (int i = 0; i < 1000 && next == first; i++) { // bounded: 20 s
        Thread.sleep(20);
        next = runner.begin();
      }

      assertThat(next).isNotSameAs(first);
      Future<MetricSnapshots> refused = next;
      assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasMessageContaining("still running");
    }
  }

  private CollectorRunner hanging(Duration deadline) {
    HangingProvider provider = new HangingProvider();
    Settings settings = Settings.parse("hanging", List.of(), Map.of());
    CollectorPlan plan = new CollectorPlan(provider, settings, Map.of(), deadline, true);
    CoreContext context = new CoreContext(settings, scheduler, "host", false,
        LoggerFactory.getLogger("test"), null);
    CollectorRunner runner = new CollectorRunner(plan, context, executor);
    runner.start();
    runner.awaitOpen(Duration.ofSeconds(30));
    return runner;
  }
}
