package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "stale is not success": one {@code energy_uj} replaced by a FIFO (a read that never
 * returns) freezes nothing but its own zone, and a sampler that makes no progress is a failure.
 */
class StuckReadTest {
  private static final String ENERGY = "powermon_energy_joules_total";

  @TempDir Path sysfs;

  private PowercapTree twoPackages() {
    return PowercapTree.twoPackages(sysfs);
  }

  @Test
  void aReadThatNeverReturnsFailsAsStuckAndLaterReadsOfThatFileFailAtOnce() throws Exception {
    PowercapTree tree = twoPackages();
    Fifo fifo = Fifo.replace(tree.dir("intel-rapl:1").resolve("energy_uj"));
    try (DeadlineFiles files = new DeadlineFiles(new NioSysFiles(), Clock.systemUTC())) {
      Path stuck = tree.dir("intel-rapl:1").resolve("energy_uj");
      StuckReadException first = (StuckReadException) catchIo(() -> files.read(stuck));
      StuckReadException again = (StuckReadException) catchIo(() -> files.read(stuck));
      assertThat(again.since()).isEqualTo(first.since()); // no second thread sent to block
      assertThat(again).hasMessage("the read of energy_uj has not returned since " + first.since());
      assertThat(files.read(tree.dir("intel-rapl:0").resolve("energy_uj"))).isEqualTo("1000000\n");
      fifo.release();
    }
  }

  @Test
  void stuckReadsHoldAtMostABoundedNumberOfThreads() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    SysFiles hanging =
        new SysFiles() {
          @Override
          public String read(Path file) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return "0";
          }

          @Override
          public List<Path> list(Path dir) {
            return List.of();
          }

          @Override
          public byte[] readAt(Path file, long offset, int length) {
            return new byte[length];
          }
        };
    try (DeadlineFiles files =
        new DeadlineFiles(hanging, Clock.systemUTC(), Duration.ofMillis(20))) {
      for (int i = 0; i < DeadlineFiles.MAX_THREADS; i++) {
        assertThat(catchIo(read(files, "zone" + i))).isInstanceOf(StuckReadException.class);
      }
      assertThat(catchIo(read(files, "one-too-many")))
          .isNotInstanceOf(StuckReadException.class)
          .hasMessageEndingWith(": not read, 17 reads are already stuck");
    } finally {
      never.countDown();
    }
  }

  private IoCall read(DeadlineFiles files, String name) {
    return () -> files.read(sysfs.resolve(name));
  }

  @Test
  void aStuckZoneIsWithheldAndCountedWhileTheOtherIsServed() throws Exception {
    Harness h = new Harness(twoPackages()).sample();
    Fifo fifo = Fifo.replace(h.tree.dir("intel-rapl:1").resolve("energy_uj"));
    try {
      h.tree.energy("intel-rapl:0", 4_000_000);
      h.sample().sample();

      MetricValues m = h.metrics();
      assertThat(h.readings().failure()).isNull();
      assertThat(m.value(ENERGY, "socket", "0")).isEqualTo(3.0);
      assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
      assertThat(m.series(ENERGY, "domain", "total")).isEmpty();
      // the first read waited for its deadline; the second failed at once: both counted
      assertThat(stuckReads(m)).isEqualTo(2.0);
      assertThat(h.warnings)
          .singleElement()
          .asString()
          .startsWith(
              "RAPL zone intel-rapl:1: stopped advancing: cannot read "
                  + sysfs.resolve("class/powercap/intel-rapl:1/energy_uj")
                  + ": the read of energy_uj has not returned since")
          .endsWith(
              " (a FIFO or a hung file system where a sysfs attribute should be); the zone is left"
                  + " out until the read returns, and the other zones are served.");
    } finally {
      fifo.release();
    }
  }

  @Test
  void everyZoneStuckIsTheCollectorsFailure() throws Exception {
    Harness h = new Harness(twoPackages()).sample();
    Fifo zero = Fifo.replace(h.tree.dir("intel-rapl:0").resolve("energy_uj"));
    Fifo one = Fifo.replace(h.tree.dir("intel-rapl:1").resolve("energy_uj"));
    try {
      int handed = h.readings.all().size();
      h.sample();
      // no reading handed over: past 3 sampling intervals the core reports "no fresh reading since"
      assertThat(h.readings.all()).hasSize(handed);
      RaplCollector collector = h.collector();
      assertThat(collector.samplingInterval()).contains(Duration.ofSeconds(1));
      assertThatThrownBy(collector::collect)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("has not returned since")
          .hasMessageContaining("a FIFO or a hung file system");
    } finally {
      zero.release();
      one.release();
    }
  }

  @Test
  void theRealCollectorKeepsServingTheOtherZoneWhileOneFileIsAFifo() throws Exception {
    PowercapTree tree = twoPackages();
    Fifo fifo = Fifo.replace(tree.dir("intel-rapl:1").resolve("energy_uj"));
    try (TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "20ms")
                .build();
        Collector collector = new RaplProvider().open(ctx)) {
      tree.energy("intel-rapl:0", 8_000_000); // +7 J
      MetricValues m =
          Poll.until(
              collector,
              ctx.readings("rapl"),
              v -> v.has(ENERGY) && v.value(ENERGY, "socket", "0") == 7.0);
      assertThat(m.series(ENERGY, "socket", "1")).isEmpty();
      assertThat(stuckReads(m)).isPositive();
    } finally {
      fifo.release();
    }
  }

  /** Failed reads of zone 1 counted as stuck, once its success is shown as 0. */
  private static double stuckReads(MetricValues m) {
    assertThat(m.value("powermon_rapl_zone_success", "rapl_zone", "intel-rapl:1")).isZero();
    return m.value(
        "powermon_rapl_read_errors_total", "rapl_zone", "intel-rapl:1", "reason", "stuck");
  }

  /** Runs {@code io}, which must fail, and returns what it threw. */
  private static IOException catchIo(IoCall io) {
    try {
      io.call();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("did not fail");
  }

  private interface IoCall {
    Object call() throws IOException;
  }
}
