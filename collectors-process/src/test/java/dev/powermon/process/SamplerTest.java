package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.RecordedProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole interval over a fake /proc and a fake powercap tree with known energy, by hand. */
class SamplerTest {
  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final RecordedProblems problems = new RecordedProblems();
  private FakeProc proc;
  private FakePowercap powercap;

  private Sampler sampler(GroupBy by, int top, String... match) {
    proc = proc == null ? new FakeProc(dir.resolve("proc")) : proc;
    powercap =
        powercap == null
            ? new FakePowercap(dir.resolve("sys"))
                .zone("intel-rapl:0", "package-0", 1_000_000, 262_143_328_850L)
                .zone("intel-rapl:0:0", "core", 0, 262_143_328_850L)
                .zone("intel-rapl:0:1", "dram", 500_000, 65_712_999_613L)
                .zone("intel-rapl-mmio:0", "package-0", 1_000_000, 262_143_328_850L)
            : powercap;
    ProcFsSource source = new ProcFsSource(proc.root());
    MatchRules rules = MatchRules.parse(List.of(match));
    ProcessTable table =
        new ProcessTable(source, problems, rules, by == GroupBy.CONTAINER || by == GroupBy.CGROUP);
    List<GroupBy> groupings = match.length > 0 ? List.of(by, GroupBy.MATCH) : List.of(by);
    Clock clock = Clock.fixed(Instant.parse("2026-12-06T11:00:00Z"), ZoneOffset.UTC);
    return new Sampler(
        source,
        RaplEnergy.find(powercap.sysfs()),
        table,
        groupings,
        top,
        match.length,
        problems,
        clock,
        nanos::get);
  }

  /**
   * Advances the fake clock by one second and the package by {@code packageUj}, dram by {@code
   * dramUj}.
   */
  private void interval(long packageUj, long dramUj, long busy, long idle) {
    nanos.addAndGet(1_000_000_000L);
    energy += packageUj;
    dram += dramUj;
    powercap.energy("intel-rapl:0", energy).energy("intel-rapl:0:1", dram);
    proc.cpu(busy, idle);
  }

  private long energy = 1_000_000;
  private long dram = 500_000;

  @Test
  void twoProcessesAtThreeToOneSplitActiveEnergySeventyFiveTwentyFive() throws Exception {
    Sampler s = sampler(GroupBy.PROCESS, 10);
    proc.cpu(1000, 1000).process(10, "burn", 500, 100).process(20, "idle-ish", 100, 200);
    s.sample();
    // 8 J package + 2 J dram = 10 J; 200 of 400 ticks busy: 5 J active; processes 150 + 50 ticks
    proc.process(10, "burn", 650, 100).process(20, "idle-ish", 150, 200);
    interval(8_000_000, 2_000_000, 1200, 1200);
    s.sample();
    ProcessSample sample = s.latest();
    assertThat(sample.source()).isEqualTo("rapl");
    assertThat(sample.hostWatts()).isCloseTo(10, within(1e-9)); // the mmio copy is not added
    assertThat(sample.idleWatts()).isCloseTo(5, within(1e-9));
    Map<String, GroupLedger.Row> rows = rows(sample, GroupBy.PROCESS);
    assertThat(rows.get("burn:10").joules()).isCloseTo(3.75, within(1e-9)); // 75 % of 5 J
    assertThat(rows.get("idle-ish:20").joules()).isCloseTo(1.25, within(1e-9)); // 25 %
    assertThat(rows.get("burn:10").cpuSeconds()).isCloseTo(1.5, within(1e-9));
    assertThat(sample.unattributedWatts()).isCloseTo(0, within(1e-9));
  }

  @Test
  void processExitingMidIntervalKeepsItsEnergyInItsGroup() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10);
    proc.cpu(0, 0).process(10, "worker", 0, 100).process(11, "worker", 0, 101);
    s.sample();
    proc.process(10, "worker", 100, 100).process(11, "worker", 100, 101);
    interval(4_000_000, 0, 200, 0); // all busy: 4 J, 2 J each
    s.sample();
    double before = rows(s.latest(), GroupBy.COMMAND).get("worker").joules();
    assertThat(before).isCloseTo(4, within(1e-9));
    // pid 11 exits mid-interval: its last ticks are lost to the walk, so unattributed, not negative
    proc.exit(11).process(10, "worker", 150, 100);
    interval(4_000_000, 0, 400, 0);
    s.sample();
    ProcessSample after = s.latest();
    assertThat(rows(after, GroupBy.COMMAND).get("worker").joules()).isCloseTo(4 + 1, within(1e-9));
    assertThat(after.unattributedJoules()).isCloseTo(3, within(1e-9));
    assertThat(after.processes()).isEqualTo(1);
    assertThat(after.hostJoules())
        .isCloseTo(
            after.idleJoules() + after.unattributedJoules() + sum(after, GroupBy.COMMAND),
            within(1e-9));
  }

  @Test
  void reusedPidWithAnotherStartTimeIsANewProcess() throws Exception {
    Sampler s = sampler(GroupBy.PROCESS, 10);
    proc.cpu(0, 0).process(10, "old", 5000, 100);
    s.sample();
    // pid 10 exited and was reused: 30 ticks of the new process, not 30 - 5000
    proc.process(10, "new", 30, 900);
    interval(3_000_000, 0, 30, 0);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.PROCESS);
    assertThat(rows).doesNotContainKey("old:10");
    assertThat(rows.get("new:10").joules()).isCloseTo(3, within(1e-9));
    assertThat(problems.failing()).isEmpty();
  }

  @Test
  void anOldProcessTheLastWalkMissedStartsItsBaselineInsteadOfPouringItsLifetimeIn()
      throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10);
    proc.cpu(0, 0).process(10, "a", 0, 500).stat(5, "5 (old) S truncated");
    s.sample();
    // pid 5 (started at 100, before pid 10) reads now, with 10,000 ticks of its whole life
    proc.process(10, "a", 100, 500).process(5, "old", 10_000, 100);
    interval(2_000_000, 0, 100, 0);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.COMMAND);
    assertThat(rows.get("a").joules()).isCloseTo(2, within(1e-9));
    assertThat(rows.get("old").joules()).isZero();
    proc.process(5, "old", 10_100, 100).process(10, "a", 100, 500);
    interval(2_000_000, 0, 200, 0); // from now on it counts like any other
    s.sample();
    assertThat(rows(s.latest(), GroupBy.COMMAND).get("old").joules()).isCloseTo(2, within(1e-9));
  }

  @Test
  void aProcessSeenBetweenForkAndExecTakesItsNewNameAndCommandLine() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10, "burner=.*sha256sum.*");
    proc.cpu(0, 0).process(10, "bash", 0, 100).cmdline(10, "bash");
    s.sample();
    proc.process(10, "sha256sum", 100, 100)
        .cmdline(10, "sha256sum", "/dev/zero"); // exec: same pid, start
    interval(1_000_000, 0, 100, 0);
    s.sample();
    assertThat(rows(s.latest(), GroupBy.COMMAND))
        .containsKey("sha256sum")
        .doesNotContainKey("bash");
    assertThat(rows(s.latest(), GroupBy.MATCH).get("burner").joules()).isCloseTo(1, within(1e-9));
  }

  @Test
  void hostileStatCostsOnlyThatProcessAndIsCounted() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10);
    proc.cpu(0, 0).process(10, "good", 0, 100).process(30, "my (weird) proc", 0, 100);
    s.sample();
    proc.process(10, "good", 100, 100)
        .process(30, "my (weird) proc", 100, 100)
        .stat(20, "20 (trunc") // truncated mid-comm
        .stat(21, "21 (neg) S 1 1 1 0 -1 0 0 0 0 0 -5 1 0 0 20 0 1 0 5 0 0")
        .stat(22, "22 (huge) S 1 1 1 0 -1 0 0 0 0 0 99999999999999999999 1 0 0 20 0 1 0 5 0 0");
    interval(2_000_000, 0, 200, 0);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.COMMAND);
    assertThat(rows.get("good").joules()).isCloseTo(1, within(1e-9));
    assertThat(rows.get("my (weird) proc").joules()).isCloseTo(1, within(1e-9));
    assertThat(problems.count("pid_stat.comm")).isEqualTo(1);
    assertThat(problems.count("pid_stat.utime")).isEqualTo(2);
  }

  @Test
  void pidListedButGoneBeforeItsStatIsReadIsCountedNotFatal() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10);
    proc.cpu(0, 0).process(10, "a", 0, 100);
    s.sample();
    proc.process(10, "a", 10, 100).cmdline(99, "gone"); // pid dir without stat: exited mid-walk
    interval(1_000_000, 0, 10, 0);
    s.sample();
    assertThat(s.latest().vanished()).isEqualTo(1);
    assertThat(rows(s.latest(), GroupBy.COMMAND).get("a").joules()).isCloseTo(1, within(1e-9));
  }

  @Test
  void counterWrapIsCarriedAtTheMaxRange() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10);
    powercap.energy("intel-rapl:0", 262_143_328_850L - 1_000_000); // 1 J before the wrap
    proc.cpu(0, 0).process(10, "a", 0, 100);
    s.sample();
    powercap.energy("intel-rapl:0", 2_000_000 - 1); // wrapped; +1 µJ for the step to zero
    proc.cpu(10, 0).process(10, "a", 10, 100);
    nanos.addAndGet(1_000_000_000L);
    s.sample();
    assertThat(s.latest().hostJoules()).isCloseTo(3, within(1e-9));
  }

  @Test
  void withoutRaplTheEstimateIsSharedAndLabelled() throws Exception {
    proc = new FakeProc(dir.resolve("proc"));
    ProcFsSource source = new ProcFsSource(proc.root());
    ProcessTable table = new ProcessTable(source, problems, MatchRules.parse(List.of()), false);
    assertThat(RaplEnergy.find(dir.resolve("no-sys"))).isNull();
    Sampler s =
        new Sampler(
            source,
            new LoadEstimate(10, 8, 2),
            table,
            List.of(GroupBy.COMMAND),
            10,
            0,
            problems,
            Clock.systemUTC(),
            nanos::get);
    proc.cpu(0, 0).process(10, "a", 0, 100);
    s.sample();
    proc.cpu(100, 100).process(10, "a", 100, 100);
    nanos.addAndGet(2_000_000_000L);
    s.sample();
    // (10 W + 8 W × 2 CPUs × 50 % busy) × 2 s = 36 J; half active
    assertThat(s.latest().source()).isEqualTo("estimate");
    assertThat(s.latest().hostJoules()).isCloseTo(36, within(1e-9));
    assertThat(rows(s.latest(), GroupBy.COMMAND).get("a").joules()).isCloseTo(18, within(1e-9));
  }

  @Test
  void matchGroupsNameCommandLinesAndTheRestIsOther() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, 10, "docker=.*dockerd.*", "microvm=.*qemu.*microvm.*");
    proc.cpu(0, 0)
        .process(10, "dockerd", 0, 1)
        .process(11, "qemu-system-x86", 0, 1)
        .process(12, "bash", 0, 1)
        .process(13, "kworker/0:1", 0, 1)
        .cmdline(10, "/usr/bin/dockerd", "-H", "fd://")
        .cmdline(11, "qemu-system-x86_64", "-M", "microvm", "-m", "512")
        .cmdline(12, "-bash");
    s.sample();
    proc.process(10, "dockerd", 10, 1)
        .process(11, "qemu-system-x86", 20, 1)
        .process(12, "bash", 30, 1)
        .process(13, "kworker/0:1", 40, 1);
    interval(10_000_000, 0, 100, 0);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.MATCH);
    assertThat(rows.get("docker").joules()).isCloseTo(1, within(1e-9));
    assertThat(rows.get("microvm").joules()).isCloseTo(2, within(1e-9));
    assertThat(rows.get("other").joules()).isCloseTo(7, within(1e-9));
  }

  @Test
  void containersFromCgroupsReadOncePerProcess() throws Exception {
    Sampler s = sampler(GroupBy.CONTAINER, 10);
    String id = "3f6a1c9e2b7d4a8c5e0f1b2d3c4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6";
    proc.cpu(0, 0)
        .process(10, "nginx", 0, 1)
        .cgroup(10, "0::/system.slice/docker-" + id + ".scope\n")
        .process(11, "sshd", 0, 1)
        .cgroup(11, "0::/system.slice/ssh.service\n");
    s.sample();
    // a changed cgroup file is not read again: the path is cached for the process's life
    proc.process(10, "nginx", 30, 1).cgroup(10, "0::/elsewhere\n").process(11, "sshd", 10, 1);
    interval(4_000_000, 0, 40, 0);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.CONTAINER);
    GroupLedger.Row nginx = rows.get("3f6a1c9e2b7d");
    assertThat(nginx.joules()).isCloseTo(3, within(1e-9));
    assertThat(nginx.container()).isEqualTo(new Container(id, "docker", ""));
    assertThat(rows.get("ssh.service").container().runtime()).isEqualTo("systemd");
  }

  private static Map<String, GroupLedger.Row> rows(ProcessSample sample, GroupBy by) {
    Map<String, GroupLedger.Row> out = new HashMap<>();
    sample.groups().get(by).forEach(r -> out.put(r.group(), r));
    return out;
  }

  private static double sum(ProcessSample sample, GroupBy by) {
    return sample.groups().get(by).stream().mapToDouble(GroupLedger.Row::joules).sum();
  }
}
