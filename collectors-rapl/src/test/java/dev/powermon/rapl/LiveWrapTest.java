package dev.powermon.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.api.Collector;
import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.TestContext;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counters that advance and wrap while the real collector samples them in the background. The
 * updater thread writes the next value only once the collector has shown the previous one, so the
 * test does not depend on how fast this shared machine schedules threads; every scrape in between
 * must be monotonic.
 */
class LiveWrapTest {
  private static final long MAX = 50_000_000; // the zone wraps at 50 J
  private static final long START = 40_000_000;
  private static final long STEP = 7_000_000; // 7 J per step
  private static final int STEPS = 150;

  @TempDir Path sysfs;

  @Test
  void energyKeepsRisingAcrossWrapsAndEndsAtTheHandComputedValue() throws Exception {
    PowercapTree tree = new PowercapTree(sysfs).zone("intel-rapl:0", "package-0", START, MAX);
    try (TestContext ctx =
            TestContext.forProvider(new RaplProvider())
                .setting("sysfs", sysfs.toString())
                .setting("interval", "10ms")
                .build();
        Collector collector = new RaplProvider().open(ctx)) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread updater =
          new Thread(
              () -> {
                try {
                  for (int i = 1; i <= STEPS; i++) {
                    tree.energy("intel-rapl:0", (START + i * STEP) % MAX);
                    double expected = i * STEP / 1e6;
                    Poll.until(
                        collector,
                        ctx.readings("rapl"),
                        m ->
                            m.value("powermon_energy_joules_total", "domain", "package")
                                >= expected);
                  }
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "rapl-updater");
      updater.start();
      double last = 0;
      long scrapes = 0;
      while (updater.isAlive() && scrapes < 1_000_000) {
        double now = totalJoules(collector, ctx);
        assertThat(now).isGreaterThanOrEqualTo(last);
        last = now;
        scrapes++;
        Thread.sleep(1);
      }
      updater.join(60_000);
      assertThat(failure.get()).isNull();

      MetricValues m = served(collector, ctx);
      // 150 steps x 7 J = 1050 J; raw went from 40 J through 40 + 1050 = 1090 J = 21 x 50 J + 40 J:
      // 21 wraps
      assertThat(m.value("powermon_energy_joules_total", "domain", "package")).isEqualTo(1050.0);
      assertThat(m.value("powermon_energy_joules_total", "domain", "total")).isEqualTo(1050.0);
      assertThat(m.value("powermon_rapl_wraps_total", "rapl_zone", "intel-rapl:0")).isEqualTo(21.0);
      assertThat(m.series("powermon_rapl_dropped_samples_total")).isEmpty();
    }
  }

  /**
   * The total's energy as served. The sampler hands a sample's series over one after another, so a
   * look taken between two of them sees the sample without its total yet: look again, a bounded
   * number of times.
   */
  private static double totalJoules(Collector collector, TestContext ctx) throws Exception {
    return served(collector, ctx).value("powermon_energy_joules_total", "domain", "total");
  }

  private static MetricValues served(Collector collector, TestContext ctx) throws Exception {
    for (int attempt = 0; ; attempt++) {
      MetricValues m = Served.of(collector, ctx.readings("rapl"));
      if (!m.series("powermon_energy_joules_total", "domain", "total").isEmpty()
          || attempt == 100) {
        return m;
      }
      Thread.sleep(1);
    }
  }
}
