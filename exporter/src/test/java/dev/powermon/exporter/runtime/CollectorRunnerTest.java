package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.Settings;
import dev.powermon.exporter.testcollectors.HangingProvider;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A scrape and a push that overlap share one call; a call past its deadline makes the next fail
 * fast.
 */
class CollectorRunnerTest {
  private final ExecutorService executor =
      Executors.newCachedThreadPool(CollectorPool.daemon("test-collect"));
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(CollectorPool.daemon("test"));

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
      assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("still running");
    }
  }

  @Test
  void aBackgroundCollectorWithoutAReadingForThreeIntervalsFailsAsStale() throws Exception {
    MutableClock clock = new MutableClock(1_000_000);
    AtomicReference<Long> lastReading = new AtomicReference<>(1_000_000L);
    Settings settings = Settings.parse("bg", List.of(), Map.of());
    CollectorProvider provider = new BackgroundProvider(Duration.ofSeconds(1));
    CollectorPlan plan =
        new CollectorPlan(provider, settings, Map.of(), Duration.ofSeconds(30), true);
    CoreContext context = context("bg", settings);
    try (CollectorRunner runner =
        new CollectorRunner(plan, context, executor, c -> lastReading.get(), clock)) {
      runner.start();
      runner.awaitOpen(Duration.ofSeconds(30));

      clock.set(1_003_000); // exactly three intervals: still fresh
      assertThat(collectOnce(runner).success()).isTrue();

      clock.set(1_003_001);
      CollectionResult stale = collectOnce(runner);
      assertThat(stale.success()).isFalse();
      assertThat(stale.snapshots()).isNull();
      assertThat(stale.error()).startsWith("no fresh reading since 1970-01-01T00:16:40Z");

      lastReading.set(1_003_001L); // the sampler reads again
      assertThat(collectOnce(runner).success()).isTrue();
    }
  }

  @Test
  void aFailureWhoseMessageCarriesAChangingCountIsLoggedOnce() {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger log = (Logger) LoggerFactory.getLogger(CollectorRunner.class);
    log.addAppender(logged);
    log.setLevel(Level.INFO); // "recovered" is info; the tests' root level is warn
    List<String> outcomes =
        new ArrayList<>(
            List.of(
                "3 bad lines in the last read",
                "4 bad lines in the last read",
                "12 bad lines in the last read",
                "",
                "5 bad lines in the last read"));
    Settings settings = Settings.parse("flaky", List.of(), Map.of());
    CollectorPlan plan =
        new CollectorPlan(
            new FlakyProvider(outcomes), settings, Map.of(), Duration.ofSeconds(30), true);
    CoreContext context = context("flaky", settings);
    try (CollectorRunner runner =
        new CollectorRunner(plan, context, executor, c -> null, Clock.systemUTC())) {
      runner.start();
      runner.awaitOpen(Duration.ofSeconds(30));
      for (int i = 0; i < 5; i++) {
        collectOnce(runner);
      }
    } finally {
      log.detachAppender(logged);
      log.setLevel(null);
    }

    assertThat(logged.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "collector failing: 3 bad lines in the last read",
            "collector recovered",
            "collector failing: 5 bad lines in the last read");
  }

  /** A collector whose collections fail with the given messages in turn ("" succeeds). */
  private static final class FlakyProvider extends BackgroundProvider {
    private final List<String> outcomes;

    FlakyProvider(List<String> outcomes) {
      super(Duration.ofSeconds(1));
      this.outcomes = outcomes;
    }

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public Collector open(CollectorContext context) {
      return () -> {
        String outcome = outcomes.remove(0);
        if (!outcome.isEmpty()) {
          throw new IllegalStateException(outcome);
        }
        return MetricSnapshots.builder().build();
      };
    }
  }

  /** A core context for collector {@code name} on this test's scheduler. */
  private CoreContext context(String name, Settings settings) {
    return new CoreContext(
        name,
        settings,
        scheduler,
        "host",
        false,
        LoggerFactory.getLogger("test"),
        null,
        List.of(),
        new CollectorHealth().problems(name, LoggerFactory.getLogger("test")));
  }

  private static CollectionResult collectOnce(CollectorRunner runner) {
    long now = System.nanoTime();
    return runner.finish(runner.begin(), now, now + Duration.ofSeconds(30).toNanos());
  }

  /** A collector that says it samples every {@code interval}. */
  private static class BackgroundProvider implements CollectorProvider {
    private final Duration interval;

    BackgroundProvider(Duration interval) {
      this.interval = interval;
    }

    @Override
    public String name() {
      return "bg";
    }

    @Override
    public String description() {
      return "samples in the background";
    }

    @Override
    public List<MetricSpec> metrics() {
      return List.of();
    }

    @Override
    public ProbeResult probe(CollectorContext context) {
      return ProbeResult.available("always");
    }

    @Override
    public Collector open(CollectorContext context) {
      return new Collector() {
        @Override
        public MetricSnapshots collect() {
          return MetricSnapshots.builder().build();
        }

        @Override
        public Optional<Duration> samplingInterval() {
          return Optional.of(interval);
        }
      };
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile long millis;

    MutableClock(long millis) {
      this.millis = millis;
    }

    void set(long millis) {
      this.millis = millis;
    }

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private CollectorRunner hanging(Duration deadline) {
    HangingProvider provider = new HangingProvider();
    Settings settings = Settings.parse("hanging", List.of(), Map.of());
    CollectorPlan plan = new CollectorPlan(provider, settings, Map.of(), deadline, true);
    CoreContext context = context("hanging", settings);
    CollectorRunner runner =
        new CollectorRunner(plan, context, executor, c -> null, Clock.systemUTC());
    runner.start();
    runner.awaitOpen(Duration.ofSeconds(30));
    return runner;
  }
}
