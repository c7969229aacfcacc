package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ExposedNames;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.Settings;
import dev.powermon.exporter.table.MetricTable;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The core's own families are served only as declared: a family that is not is dropped, not the
 * scrape. Concurrent scrapes share one collection; a later scrape reuses it within the shortest
 * sampling interval of the collectors, and collects anew after it, or when something it was built
 * from changed.
 */
class OrchestratorTest {
  static final MetricSpec QUEUED = MetricSpec.gauge("powermon_push_queued").help("Queued.").build();

  private final CollectorPool pool = new CollectorPool();

  /** The clock reuse windows are measured by, moved by the tests. */
  private final AtomicLong clock = new AtomicLong(System.nanoTime());

  @AfterEach
  void stop() {
    orchestratorRunners.forEach(CollectorRunner::close);
    pool.close();
  }

  private final List<CollectorRunner> orchestratorRunners = new ArrayList<>();

  @Test
  void aCoreFamilyThatDiffersFromItsDeclarationIsDroppedAndTheRestServed() {
    Orchestrator orchestrator = orchestrator();
    MetricSnapshot declared =
        new Families(List.of(QUEUED)).gauge(QUEUED, Labels.EMPTY, 3).list().get(0);
    MetricSnapshot otherLabels =
        GaugeSnapshot.builder()
            .name("powermon_push_sent")
            .help("Sent.")
            .dataPoint(
                GaugeDataPointSnapshot.builder().labels(Labels.of("target", "a")).value(1).build())
            .build();
    orchestrator.setExtraFamilies(
        List.of(QUEUED, MetricSpec.gauge("powermon_push_sent").help("Sent.").build()),
        () -> List.of(declared, otherLabels));

    List<String> served = new ArrayList<>();
    orchestrator.collect().forEach(s -> served.add(ExposedNames.of(s)));

    assertThat(served)
        .contains(
            "powermon_push_queued", "powermon_build_info", "powermon_config_last_reload_successful")
        .doesNotContain("powermon_push_sent");
  }

  @Test
  void aScrapeArrivingDuringACollectionGetsItsResult() throws Exception {
    Orchestrator orchestrator = orchestrator();
    AtomicInteger collections = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    orchestrator.setExtraFamilies(
        List.of(QUEUED),
        () -> {
          collections.incrementAndGet();
          await(release);
          return List.of();
        });
    CompletableFuture<MetricSnapshots> first = CompletableFuture.supplyAsync(orchestrator::collect);
    for (int i = 0; i < 1000 && collections.get() == 0; i++) { // bounded: 10 s
      Thread.sleep(10);
    }
    CompletableFuture<MetricSnapshots> second = new CompletableFuture<>();
    Thread joiner = new Thread(() -> second.complete(orchestrator.collect()));
    joiner.start();
    for (int i = 0; i < 1000 && joiner.getState() != Thread.State.WAITING; i++) { // bounded: 10 s
      Thread.sleep(10);
    }
    release.countDown();

    assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
    assertThat(collections).hasValue(1);
  }

  @Test
  void changedCoreFamiliesAreCollectedAtTheNextScrape() {
    Orchestrator orchestrator = orchestrator();
    MetricSnapshot declared =
        new Families(List.of(QUEUED)).gauge(QUEUED, Labels.EMPTY, 3).list().get(0);
    orchestrator.collect();

    orchestrator.setExtraFamilies(List.of(QUEUED), () -> List.of(declared));

    List<String> served = new ArrayList<>();
    orchestrator.collect().forEach(s -> served.add(ExposedNames.of(s)));
    assertThat(served).contains("powermon_push_queued");
  }

  @Test
  void aScrapeWithinTheShortestSamplingIntervalIsServedTheLastCollection() {
    CountingProvider hourly = new CountingProvider("hourly", Duration.ofHours(1));
    CountingProvider minutely = new CountingProvider("minutely", Duration.ofMinutes(1));
    Orchestrator orchestrator = orchestrator(hourly, minutely);

    MetricSnapshots first = orchestrator.collect();
    MetricSnapshots second = orchestrator.collect();

    assertThat(second).isSameAs(first);
    assertThat(hourly.calls).hasValue(1);
    assertThat(minutely.calls).hasValue(1);
    assertThat(value(first, "powermon_collection_reuse_seconds")).isEqualTo(60.0);
  }

  @Test
  void aPollerWithoutASamplingIntervalIsReusedOverItsRefreshInterval() {
    CountingProvider poller = CountingProvider.polling("poller", Duration.ofMinutes(10));
    Orchestrator orchestrator = orchestrator(poller);

    MetricSnapshots first = orchestrator.collect();

    assertThat(orchestrator.collect()).isSameAs(first);
    assertThat(poller.calls).hasValue(1);
    assertThat(value(first, "powermon_collection_reuse_seconds")).isEqualTo(600.0);
  }

  @Test
  void aCollectorThatReadsAtScrapeTimeIsCollectedAtEveryScrape() {
    CountingProvider sampled = new CountingProvider("sampled", Duration.ofHours(1));
    CountingProvider onScrape = new CountingProvider("onscrape", null);
    Orchestrator orchestrator = orchestrator(sampled, onScrape);

    MetricSnapshots first = orchestrator.collect();
    MetricSnapshots second = orchestrator.collect();

    assertThat(second).isNotSameAs(first);
    assertThat(onScrape.calls).hasValue(2);
    assertThat(value(second, "powermon_collection_reuse_seconds")).isEqualTo(0.0);
  }

  @Test
  void aCollectionIsNotReusedPastItsWindow() {
    CountingProvider minutely = new CountingProvider("minutely", Duration.ofMinutes(1));
    Orchestrator orchestrator = orchestrator(minutely);

    MetricSnapshots first = orchestrator.collect();
    clock.addAndGet(Duration.ofSeconds(61).toNanos());
    MetricSnapshots second = orchestrator.collect();

    assertThat(second).isNotSameAs(first);
    assertThat(minutely.calls).hasValue(2);
  }

  @Test
  void whileANewCollectionRunsTheLastIsServedForUpToASecondWindow() throws Exception {
    CountingProvider minutely = new CountingProvider("minutely", Duration.ofMinutes(1));
    Orchestrator orchestrator = orchestrator(minutely);
    AtomicBoolean hold = new AtomicBoolean();
    AtomicInteger held = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    orchestrator.setExtraFamilies(
        List.of(QUEUED),
        () -> {
          if (hold.get()) {
            held.incrementAndGet();
            await(release);
          }
          return List.of();
        });
    MetricSnapshots last = orchestrator.collect();
    hold.set(true);
    clock.addAndGet(Duration.ofSeconds(90).toNanos()); // past the window, within two
    CompletableFuture<MetricSnapshots> refreshing =
        CompletableFuture.supplyAsync(orchestrator::collect);
    for (int i = 0; i < 1000 && held.get() == 0; i++) { // bounded: 10 s
      Thread.sleep(10);
    }

    MetricSnapshots meanwhile = orchestrator.collect();
    clock.addAndGet(Duration.ofSeconds(40).toNanos()); // past two windows: waits for the new one
    CompletableFuture<MetricSnapshots> waiting =
        CompletableFuture.supplyAsync(orchestrator::collect);
    release.countDown();

    assertThat(meanwhile).isSameAs(last);
    MetricSnapshots refreshed = refreshing.get(10, TimeUnit.SECONDS);
    assertThat(refreshed).isNotSameAs(last);
    assertThat(waiting.get(10, TimeUnit.SECONDS)).isSameAs(refreshed);
    assertThat(minutely.calls).hasValue(2);
  }

  @Test
  void anAdminToggleAndAnInvalidationEndTheReuse() {
    CountingProvider hourly = new CountingProvider("hourly", Duration.ofHours(1));
    MetricTable table = Orchestrators.emptyTable();
    Orchestrator orchestrator = orchestrator(table, hourly);
    assertThat(names(orchestrator.collect())).contains(CountingProvider.CALLS.name());

    table.apply(Map.of(CountingProvider.CALLS.name(), false));
    MetricSnapshots afterToggle = orchestrator.collect();
    orchestrator.invalidate();
    orchestrator.collect();

    assertThat(names(afterToggle)).doesNotContain(CountingProvider.CALLS.name());
    assertThat(hourly.calls).hasValue(3);
  }

  @Test
  void aCollectionThatBeganBeforeAnInvalidationIsServedToItsScrapeButNotReused() throws Exception {
    CountingProvider hourly = new CountingProvider("hourly", Duration.ofHours(1));
    Orchestrator orchestrator = orchestrator(hourly);
    AtomicInteger extras = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    orchestrator.setExtraFamilies(
        List.of(QUEUED),
        () -> {
          if (extras.incrementAndGet() == 1) {
            await(release);
          }
          return List.of();
        });
    CompletableFuture<MetricSnapshots> first = CompletableFuture.supplyAsync(orchestrator::collect);
    for (int i = 0; i < 1000 && extras.get() == 0; i++) { // bounded: 10 s
      Thread.sleep(10);
    }

    orchestrator.invalidate(); // as a reload does
    release.countDown();
    MetricSnapshots served = first.get(10, TimeUnit.SECONDS);
    MetricSnapshots next = orchestrator.collect();

    assertThat(next).isNotSameAs(served);
    assertThat(extras).hasValue(2);
  }

  @Test
  void theServedCollectionSaysWhenItBegan() {
    Orchestrator orchestrator = orchestrator(new CountingProvider("hourly", Duration.ofHours(1)));
    double before = System.currentTimeMillis() / 1000.0;

    double began = value(orchestrator.collect(), "powermon_collection_timestamp_seconds");

    assertThat(began).isBetween(before, System.currentTimeMillis() / 1000.0);
  }

  private Orchestrator orchestrator(CountingProvider... providers) {
    return orchestrator(Orchestrators.emptyTable(), providers);
  }

  /** An orchestrator over {@code providers}, each opened through the pool as serve opens them. */
  private Orchestrator orchestrator(MetricTable table, CountingProvider... providers) {
    List<CollectorPlan> plans = new ArrayList<>();
    for (CountingProvider p : providers) {
      plans.add(
          new CollectorPlan(
              p,
              Settings.parse(p.name(), List.of(), Map.of()),
              Map.of(),
              Duration.ofSeconds(30),
              true));
    }
    for (CollectorPlan plan : plans) {
      CollectorRunner runner = pool.start(plan, plans);
      runner.awaitOpen(Duration.ofSeconds(30));
      orchestratorRunners.add(runner);
    }
    Orchestrator orchestrator = Orchestrators.over(pool, table, clock::get);
    orchestrator.setRunners(orchestratorRunners);
    return orchestrator;
  }

  private static List<String> names(MetricSnapshots snapshots) {
    List<String> out = new ArrayList<>();
    snapshots.forEach(s -> out.add(ExposedNames.of(s)));
    return out;
  }

  /** The value of the unlabelled gauge {@code name}. */
  private static double value(MetricSnapshots snapshots, String name) {
    for (MetricSnapshot s : snapshots) {
      if (ExposedNames.of(s).equals(name)) {
        return ((GaugeSnapshot) s).getDataPoints().get(0).getValue();
      }
    }
    throw new AssertionError(name + " not served");
  }

  /**
   * A collector that counts its collect() calls and serves the count; it samples every {@code
   * interval}, or reads at scrape time when that is null.
   */
  private static final class CountingProvider implements CollectorProvider {
    static final MetricSpec CALLS =
        MetricSpec.gauge("counting_calls").help("Calls so far.").labelNames("collector").build();

    final AtomicInteger calls = new AtomicInteger();
    private final String name;
    private final Duration interval;
    private final boolean sampler;

    CountingProvider(String name, Duration interval) {
      this(name, interval, true);
    }

    private CountingProvider(String name, Duration interval, boolean sampler) {
      this.name = name;
      this.interval = interval;
      this.sampler = sampler;
    }

    /** Polls every {@code interval} but hands the core no readings: no sampling interval. */
    static CountingProvider polling(String name, Duration interval) {
      return new CountingProvider(name, interval, false);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return "counts its collections";
    }

    @Override
    public List<MetricSpec> metrics() {
      return List.of(CALLS);
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
          return new Families(List.of(CALLS))
              .gauge(CALLS, Labels.of("collector", name), calls.incrementAndGet())
              .snapshots();
        }

        @Override
        public Optional<Duration> samplingInterval() {
          return sampler ? Optional.ofNullable(interval) : Optional.empty();
        }

        @Override
        public Optional<Duration> refreshInterval() {
          return Optional.ofNullable(interval);
        }
      };
    }
  }

  private static Orchestrator orchestrator() {
    return Orchestrators.bare();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
