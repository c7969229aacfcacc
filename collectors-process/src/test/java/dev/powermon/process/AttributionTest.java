package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionTest {
  @Test
  void twoProcessesAtThreeToOneShareActiveEnergySeventyFiveTwentyFive() {
    // 100 J over 400 ticks of which 200 busy: active 50 J, idle 50 J; processes 150 + 50 ticks =
    // busy
    Attribution<String> a =
        Attribution.split(100, new CpuTimes(200, 400, 2), Map.of("a", 150L, "b", 50L));
    assertThat(a.idleJoules()).isCloseTo(50, within(1e-9));
    assertThat(a.processJoules().get("a")).isCloseTo(37.5, within(1e-9)); // 75 % of 50 J
    assertThat(a.processJoules().get("b")).isCloseTo(12.5, within(1e-9)); // 25 %
    assertThat(a.unattributedJoules()).isCloseTo(0, within(1e-9));
  }

  @Test
  void busyTimeNoProcessAccountsForIsUnattributed() {
    // busy 200 ticks, processes only 100: half of the 50 J active goes unattributed
    Attribution<String> a =
        Attribution.split(100, new CpuTimes(200, 400, 2), Map.of("a", 75L, "b", 25L));
    assertThat(a.processJoules().get("a")).isCloseTo(18.75, within(1e-9));
    assertThat(a.processJoules().get("b")).isCloseTo(6.25, within(1e-9));
    assertThat(a.unattributedJoules()).isCloseTo(25, within(1e-9));
  }

  @Test
  void processTicksAheadOfTheHostAreScaledToActiveNotBeyond() {
    // processes read a moment later than /proc/stat: 300 ticks against 200 busy
    Attribution<String> a =
        Attribution.split(100, new CpuTimes(200, 400, 2), Map.of("a", 240L, "b", 60L));
    assertThat(a.processJoules().get("a")).isCloseTo(40, within(1e-9)); // 80 % of active 50 J
    assertThat(a.processJoules().get("b")).isCloseTo(10, within(1e-9));
    assertThat(a.unattributedJoules()).isZero();
  }

  @Test
  void idleIntervalAndEmptyTableGiveEverythingToIdle() {
    Attribution<String> a = Attribution.split(30, new CpuTimes(0, 400, 2), Map.of("a", 0L));
    assertThat(a.idleJoules()).isEqualTo(30);
    assertThat(a.processJoules().get("a")).isZero();
    Attribution<String> none = Attribution.split(30, new CpuTimes(0, 0, 2), Map.of());
    assertThat(none.idleJoules()).isEqualTo(30);
  }

  /** The invariants over many random CPU-time splits (seeded, so a failure reproduces). */
  @Test
  void invariantsHoldOverRandomSplits() {
    Random random = new Random(16);
    for (int round = 0; round < 5_000; round++) {
      double joules =
          random.nextInt(4) == 0 ? random.nextDouble() * 1e-3 : random.nextDouble() * 5000;
      long total = 1 + random.nextInt(100_000);
      long busy = (long) (total * random.nextDouble());
      int processes = random.nextInt(200);
      Map<Integer, Long> ticks = new LinkedHashMap<>();
      for (int p = 0; p < processes; p++) {
        // mostly within busy, sometimes ahead of it (sampling skew), some zero
        long bound = Math.max(1, busy * (random.nextInt(5) == 0 ? 3 : 1) / Math.max(1, processes));
        ticks.put(p, random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * bound));
      }
      Attribution<Integer> a = Attribution.split(joules, new CpuTimes(busy, total, 4), ticks);
      double sum = a.idleJoules() + a.unattributedJoules();
      for (double share : a.processJoules().values()) {
        assertThat(share)
            .as("round %d: a share is never negative", round)
            .isGreaterThanOrEqualTo(0);
        assertThat(share)
            .as("round %d: no process above the host", round)
            .isLessThanOrEqualTo(joules);
        sum += share;
      }
      assertThat(a.idleJoules()).isGreaterThanOrEqualTo(0);
      assertThat(a.unattributedJoules()).isGreaterThanOrEqualTo(0);
      assertThat(sum)
          .as("round %d: Σ process + idle + unattributed = ΔE", round)
          .isCloseTo(joules, within(1e-9 * Math.max(1, joules)));
      // proportional: equal ticks, equal shares; more ticks, no smaller share
      long sumTicks = ticks.values().stream().mapToLong(Long::longValue).sum();
      double active = joules * busy / total;
      for (Map.Entry<Integer, Long> e : ticks.entrySet()) {
        double expected = active * e.getValue() / Math.max(busy, Math.max(sumTicks, 1));
        assertThat(a.processJoules().get(e.getKey()))
            .isCloseTo(expected, within(1e-9 * Math.max(1, joules)));
      }
    }
  }
}
