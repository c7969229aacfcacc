package dev.powermon.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.oshi.PackageEnergy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class IOReportSourceTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final FakeReadings readings = new FakeReadings();
  private final SampleLog ledger = readings.log();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private IOReportSource source(EnergyChannelSource channels) {
    // an hour-long period: the test drives sample() itself
    return new IOReportSource(
        () -> channels,
        scheduler,
        Duration.ofHours(1),
        nanos::get,
        LoggerFactory.getLogger("test"),
        new dev.powermon.testkit.RecordedProblems());
  }

  @Test
  void windowsBecomeWattsAndGrowingCounters() {
    FakeChannels channels =
        new FakeChannels(
            List.of(
                List.of(
                    new ChannelEnergy("CPU Energy", "mJ", 3_000),
                    new ChannelEnergy("GPU Energy", "nJ", 1_000_000_000)),
                List.of(
                    new ChannelEnergy("CPU Energy", "mJ", 1_500),
                    new ChannelEnergy("GPU Energy", "nJ", 0))));
    IOReportSource source = source(channels);
    source.start(ledger);
    nanos.addAndGet(1_500_000_000L); // 1.5 s
    source.sample(ledger);
    // cpu 3 J / 1.5 s = 2 W; gpu 1e9 nJ = 1 J / 1.5 s = 0.6667 W; total 4 J / 1.5 s = 2.6667 W
    assertThat(ledger.view().watts().get("cpu")).isCloseTo(2.0, within(1e-12));
    assertThat(ledger.view().watts().get("total")).isCloseTo(4 / 1.5, within(1e-12));
    nanos.addAndGet(500_000_000L); // 0.5 s
    source.sample(ledger);
    // cpu 1.5 J / 0.5 s = 3 W; energy 3 + 1.5 = 4.5 J; total 4 + 1.5 = 5.5 J
    assertThat(ledger.view().watts().get("cpu")).isCloseTo(3.0, within(1e-12));
    // each window's mean power is one reading at its end; the core integrates
    assertThat(readings.watts("cpu")).hasSize(2);
    assertThat(readings.watts("total").get(1)).isCloseTo(1.5 / 0.5, within(1e-12));
    // energy counters: cpu 3 + 1.5 = 4.5 J; total 4 + 1.5 = 5.5 J
    assertThat(readings.joules("cpu").get(1)).isCloseTo(4.5, within(1e-12));
    assertThat(readings.joules("total").get(1)).isCloseTo(5.5, within(1e-12));
    // and for the process collector to share out: the total's counter
    assertThat(PackageEnergy.SHARED.latest().collector()).isEqualTo("macos");
    assertThat(PackageEnergy.SHARED.latest().joules()).isGreaterThanOrEqualTo(5.5);
    assertThat(source.problem()).isEmpty();
  }

  @Test
  void aJnaThatCannotLoadIsOneLineNamingJnaTmpdirNotAnError() {
    IOReportSource unlinked =
        new IOReportSource(
            () -> {
              throw new UnsatisfiedLinkError(
                  "libjnidispatch.so: failed to map segment from shared object");
            },
            scheduler,
            Duration.ofHours(1),
            nanos::get,
            LoggerFactory.getLogger("test"),
            new dev.powermon.testkit.RecordedProblems());
    unlinked.start(ledger); // returns: the collector reports the problem
    assertThat(unlinked.problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith(
                        "opening IOReport through JNA failed: JNA cannot load its native library")
                    .contains("failed to map segment")
                    .contains("read-only")
                    .contains("-Djna.tmpdir")
                    .doesNotContain("\n"));

    EnergyChannelSource later =
        new EnergyChannelSource() {
          @Override
          public List<ChannelEnergy> sample() {
            throw new NoClassDefFoundError("Could not initialize class com.sun.jna.Native");
          }

          @Override
          public void close() {}
        };
    IOReportSource source = source(later);
    source.start(ledger);
    source.sample(ledger); // an Error here would silently end the scheduled task
    assertThat(source.problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .contains("Could not initialize class com.sun.jna.Native")
                    .contains("-Djna.tmpdir"));
  }

  @Test
  void aFailingSubscriptionIsAProblemAndClosingClosesIt() {
    FakeChannels channels = new FakeChannels(List.of());
    IOReportSource source = source(channels);
    source.start(ledger);
    source.sample(ledger);
    assertThat(source.problem()).contains("IOReport sampling failed: subscription gone");
    assertThat(ledger.view().lastSampleNanos()).isEmpty();
    source.close();
    assertThat(channels.closed).isTrue();
  }

  @Test
  void aSubscriptionThatCannotOpenIsAProblem() {
    IOReportSource source =
        new IOReportSource(
            () -> {
              throw new java.io.IOException("no Energy Model");
            },
            scheduler,
            Duration.ofSeconds(1),
            nanos::get,
            LoggerFactory.getLogger("test"),
            new dev.powermon.testkit.RecordedProblems());
    source.start(ledger);
    assertThat(source.problem())
        .contains("cannot subscribe to IOReport Energy Model channels: no Energy Model");
    source.close();
  }
}
