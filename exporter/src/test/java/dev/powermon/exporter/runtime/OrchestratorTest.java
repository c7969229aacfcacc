package dev.powermon.exporter.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.exporter.meta.BuildInfo;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.meta.ReloadStatus;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The core's own families are served only as declared: a family that is not is dropped, not the
 * scrape. Concurrent scrapes share one collection; a scrape after it collects anew.
 */
class OrchestratorTest {
  static final MetricSpec QUEUED = MetricSpec.gauge("powermon_push_queued").help("Queued.").build();

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

  private static Orchestrator orchestrator() {
    return new Orchestrator(
        new MetricTable(null, new LinkedHashMap<>(), Map.of(), Runnable::run),
        new MetaMetrics(BuildInfo.load(), new ReloadStatus()),
        new ProcessMetrics(),
        new PowerWindows(),
        new CollectorHealth());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
