package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.MetricValues;
import dev.powermon.testkit.RecordedProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {
  private static final Instant T0 = Instant.parse("2026-12-06T11:00:00Z");
  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final RecordedProblems problems = new RecordedProblems();

  @Test
  void aStaleSampleIsRefusedWithWhatToLookAt() throws Exception {
    Sampler sampler = sampler(new FakeProc(dir).process(1, "init", 0, 1));
    sampler.sample();
    ProcessCollector fresh =
        new ProcessCollector(sampler, () -> {}, Duration.ofSeconds(1), at(T0.plusSeconds(3)));
    assertThat(MetricValues.of(fresh.collect()).value("powermon_process_tracked")).isEqualTo(1);
    ProcessCollector stale =
        new ProcessCollector(sampler, () -> {}, Duration.ofSeconds(1), at(T0.plusSeconds(5)));
    assertThatThrownBy(stale::collect)
        .hasMessage(
            "no fresh sample since 2026-12-06T11:00:00Z; the /proc"
                + " walk or the energy read is stuck or failing (see the log)");
  }

  @Test
  void summaryIsTheTopTableProbePrints() throws Exception {
    FakeProc proc = new FakeProc(dir).process(1, "init", 0, 1).process(2, "burn", 0, 2);
    Sampler sampler = sampler(proc);
    sampler.sample();
    proc.cpu(100, 100).process(2, "burn", 100, 2);
    nanos.addAndGet(1_000_000_000L);
    sampler.sample();
    ProcessCollector c = new ProcessCollector(sampler, () -> {}, Duration.ofSeconds(1), at(T0));
    // (10 W + 8 W × 2 CPUs × 50 %) = 18 W; half active, all of it burn's
    assertThat(c.summary())
        .containsExactly(
            "2 processes; host 18.0 W (estimate), idle 9.0 W, unattributed 0.0 W",
            "command   burn                                 9.00 W",
            "command   init                                 0.00 W",
            "command   other                                0.00 W");
  }

  @Test
  void energyUnreadableForAnIntervalStartsANewBaselineRatherThanLumpingTheGap() throws Exception {
    FakeProc proc = new FakeProc(dir.resolve("proc")).process(1, "a", 0, 1);
    FakePowercap rapl =
        new FakePowercap(dir.resolve("sys")).zone("intel-rapl:0", "package-0", 0, 1_000_000_000);
    Sampler sampler =
        new Sampler(
            new ProcFsSource(proc.root()),
            RaplEnergy.find(rapl.sysfs()),
            new ProcessTable(
                new ProcFsSource(proc.root()), problems, MatchRules.parse(List.of()), false),
            List.of(GroupBy.COMMAND),
            10,
            0,
            problems,
            at(T0),
            nanos::get);
    sampler.sample();
    rapl.energy("intel-rapl:0", 1_000_000);
    nanos.addAndGet(1_000_000_000L);
    sampler.sample();
    assertThat(sampler.latest().hostWatts()).isCloseTo(1, within(1e-9));
    rapl.energy("intel-rapl:0", -1); // unreadable: not a number of microjoules
    nanos.addAndGet(1_000_000_000L);
    sampler.sample();
    assertThat(sampler.latest().powerKnown()).isFalse();
    assertThat(problems.failing()).containsKey("host_energy");
    rapl.energy(
        "intel-rapl:0", 50_000_000); // baseline again: the gap's 49 J are not one interval's
    nanos.addAndGet(1_000_000_000L);
    sampler.sample();
    assertThat(sampler.latest().powerKnown()).isFalse();
    rapl.energy("intel-rapl:0", 52_000_000);
    nanos.addAndGet(1_000_000_000L);
    sampler.sample();
    assertThat(sampler.latest().hostWatts()).isCloseTo(2, within(1e-9));
    assertThat(sampler.latest().hostJoules()).isCloseTo(3, within(1e-9));
    assertThat(problems.failing()).doesNotContainKey("host_energy");
  }

  private Sampler sampler(FakeProc proc) {
    ProcFsSource source = new ProcFsSource(proc.root());
    return new Sampler(
        source,
        new LoadEstimate(10, 8, 2),
        new ProcessTable(source, problems, MatchRules.parse(List.of()), false),
        List.of(GroupBy.COMMAND),
        10,
        0,
        problems,
        at(T0),
        nanos::get);
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
