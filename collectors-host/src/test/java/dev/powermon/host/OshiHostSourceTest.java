package dev.powermon.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.host.HostSource.HostSample;
import dev.powermon.host.HostSource.InterfaceCounters;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** OSHI for real on the build machine: bounds, not exact values. */
@EnabledOnOs(OS.LINUX)
class OshiHostSourceTest {
  private static OshiHostSource source;

  @BeforeAll
  static void createOnce() {
    source = new OshiHostSource(); // expensive: once for the class, as the collector does
  }

  @AfterAll
  static void release() {
    source = null;
  }

  @Test
  void cpuInfoNamesAModelAndConsistentCounts() {
    HostSource.CpuInfo cpu = source.cpuInfo();
    assertThat(cpu.model()).isNotBlank();
    assertThat(cpu.logicalCores()).isGreaterThanOrEqualTo(cpu.physicalCores()).isPositive();
    assertThat(cpu.packages()).isPositive();
  }

  @Test
  void memoryAndUptimeAreSane() {
    HostSample s = source.sample(false);
    assertThat(s.memoryTotalBytes()).isPositive();
    assertThat(s.memoryAvailableBytes()).isBetween(0L, s.memoryTotalBytes());
    assertThat(s.uptimeSeconds()).isPositive();
    assertThat(s.cores()).isEmpty();
  }

  @Test
  void loopbackIsAmongTheInterfaces() {
    assertThat(source.sample(false).interfaces())
        .extracting(InterfaceCounters::name)
        .contains("lo");
  }

  @Test
  void perCoreTicksCoverEveryLogicalCpu() {
    assertThat(source.sample(true).cores()).hasSize(source.cpuInfo().logicalCores());
  }

  @Test
  void utilizationRisesUnderABusyThread() throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    Thread spinner =
        new Thread(
            () -> {
              long x = 0;
              while (!stop.get()) {
                x += System.nanoTime() % 7; // keep the JIT from removing the loop
              }
              assertThat(x).isNotNegative();
            },
            "busy");
    spinner.setDaemon(true);
    spinner.start();
    try {
      // One busy thread on n CPUs is about 1/n busy; wait for any clearly non-idle window, bounded.
      double threshold = 0.5 / source.cpuInfo().logicalCores();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      double best = 0;
      HostSource.Ticks before = source.sample(false).cpu();
      while (best < threshold && System.nanoTime() < deadline) {
        Thread.sleep(400); // past OSHI's 300 ms tick cache
        HostSource.Ticks after = source.sample(false).cpu();
        double u = Utilization.between(before, after);
        assertThat(Double.isNaN(u) || (u >= 0 && u <= 1)).as("utilization %s in [0,1]", u).isTrue();
        if (!Double.isNaN(u)) {
          best = Math.max(best, u);
        }
        before = after;
      }
      assertThat(best).isGreaterThanOrEqualTo(threshold);
    } finally {
      stop.set(true);
      spinner.join(10_000);
    }
  }
}
