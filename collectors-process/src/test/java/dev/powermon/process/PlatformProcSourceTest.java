package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.oshi.PackageEnergy;
import dev.powermon.testkit.RecordedProblems;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * macOS and Windows: processes as OSHI reports them (a fake here; the native path is validated on
 * those systems) and the platform collector's energy, shared out by the Linux model.
 */
class PlatformProcSourceTest {
  private final FakePlatform platform = new FakePlatform();
  private final PackageEnergy energy = new PackageEnergy();
  private final RecordedProblems problems = new RecordedProblems();
  private final AtomicLong nanos = new AtomicLong();
  private final List<String> commandLinesRead = new ArrayList<>();

  private Sampler sampler(GroupBy by, String... match) {
    PlatformProcSource source = new PlatformProcSource(platform);
    ProcessTable table =
        new ProcessTable(source, problems, MatchRules.parse(List.of(match)), false);
    return new Sampler(
        source,
        new PlatformEnergy(energy, "macos"),
        table,
        match.length > 0 ? List.of(by, GroupBy.MATCH) : List.of(by),
        10,
        match.length,
        problems,
        Clock.fixed(Instant.parse("2026-12-06T11:00:00Z"), ZoneOffset.UTC),
        nanos::get);
  }

  @Test
  void twoProcessesAtThreeToOneSplitTheActiveEnergySeventyFiveTwentyFive() throws Exception {
    Sampler s = sampler(GroupBy.PROCESS);
    platform
        .cpu(10_000, 10_000)
        .process(10, "burn", 5_000, 1_000)
        .process(20, "idle-ish", 1_000, 2_000);
    energy.joules("macos", 0, 100);
    s.sample();
    // 10 J; 2,000 of 4,000 ms busy: 5 J active; processes 1,500 + 500 ms of CPU
    platform
        .cpu(12_000, 12_000)
        .process(10, "burn", 6_500, 1_000)
        .process(20, "idle-ish", 1_500, 2_000);
    energy.joules("macos", 1000, 110);
    nanos.addAndGet(1_000_000_000L);
    s.sample();
    ProcessSample sample = s.latest();
    assertThat(sample.source()).isEqualTo("macos");
    assertThat(sample.hostJoules()).isCloseTo(10, within(1e-9));
    assertThat(sample.idleJoules()).isCloseTo(5, within(1e-9));
    Map<String, GroupLedger.Row> rows = rows(sample, GroupBy.PROCESS);
    assertThat(rows.get("burn:10").joules()).isCloseTo(3.75, within(1e-9));
    assertThat(rows.get("idle-ish:20").joules()).isCloseTo(1.25, within(1e-9));
    assertThat(rows.get("burn:10").cpuSeconds()).isCloseTo(1.5, within(1e-9));
    assertThat(sample.unattributedJoules()).isCloseTo(0, within(1e-9));
  }

  @Test
  void aReusedPidIsANewProcessAndCommandLinesAreAskedForOncePerProcess() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND, "editor=.*vim.*");
    platform.cpu(0, 0).process(10, "vim", 90_000, 1_000);
    energy.joules("windows", 0, 0);
    s.sample();
    platform.process(10, "vim", 90_500, 1_000);
    platform.cpu(500, 0);
    energy.joules("windows", 1000, 2);
    nanos.addAndGet(1_000_000_000L);
    s.sample();
    platform.processes.clear();
    platform.process(10, "cmd.exe", 300, 500_000).cpu(800, 0); // pid 10 again, started later
    energy.joules("windows", 2000, 5);
    nanos.addAndGet(1_000_000_000L);
    s.sample();
    Map<String, GroupLedger.Row> rows = rows(s.latest(), GroupBy.COMMAND);
    assertThat(rows.get("vim").joules()).isCloseTo(2, within(1e-9));
    assertThat(rows.get("cmd.exe").joules())
        .as("300 ms, not 300 − 90,500")
        .isCloseTo(3, within(1e-9));
    assertThat(rows(s.latest(), GroupBy.MATCH).get("editor").joules()).isCloseTo(2, within(1e-9));
    assertThat(commandLinesRead).containsExactly("vim 10", "cmd.exe 10");
  }

  @Test
  void negativeTimesCostOnlyThatProcessAndNoEnergyYetIsOneProblem() throws Exception {
    Sampler s = sampler(GroupBy.COMMAND);
    platform.cpu(0, 0).process(10, "good", 0, 1).process(11, "bad", -5, 1);
    s.sample();
    assertThat(problems.count("host_energy")).isEqualTo(1);
    assertThat(problems.count("pid_stat.cpu")).isEqualTo(1);
    assertThat(s.latest().processes()).isEqualTo(1);
  }

  @Test
  void theSharedCounterNeverGoesBackAndPowerOnlySourcesAreIntegrated() {
    PackageEnergy e = new PackageEnergy();
    e.joules("windows", 0, 50);
    e.joules("windows", 1000, 60);
    e.joules("windows", 2000, 4); // the source restarted its counter
    assertThat(e.latest().joules()).isCloseTo(64, within(1e-9));
    PackageEnergy w = new PackageEnergy();
    w.watts("macos", 0, 10);
    w.watts("macos", 2000, 20); // (10 + 20) / 2 W × 2 s
    assertThat(w.latest().joules()).isCloseTo(30, within(1e-9));
    assertThat(w.latest().collector()).isEqualTo("macos");
  }

  private static Map<String, GroupLedger.Row> rows(ProcessSample sample, GroupBy by) {
    Map<String, GroupLedger.Row> out = new HashMap<>();
    sample.groups().get(by).forEach(r -> out.put(r.group(), r));
    return out;
  }

  /** OSHI's view, as set by the test: processes by pid, the host's CPU milliseconds. */
  private final class FakePlatform implements PlatformProcesses {
    final Map<Integer, PlatformProcess> processes = new HashMap<>();
    private long[] cpu = new long[8];

    FakePlatform cpu(long busyMillis, long idleMillis) {
      cpu = new long[] {busyMillis, 0, 0, idleMillis, 0, 0, 0, 0};
      return this;
    }

    FakePlatform process(int pid, String name, long cpuMillis, long startMillis) {
      processes.put(
          pid,
          new PlatformProcess(
              pid,
              name,
              startMillis,
              cpuMillis,
              () -> {
                commandLinesRead.add(name + " " + pid);
                return "/usr/bin/" + name + " --pid " + pid;
              }));
      return this;
    }

    @Override
    public List<PlatformProcess> processes() {
      return new ArrayList<>(processes.values());
    }

    @Override
    public long[] cpuMillis() {
      return cpu.clone();
    }

    @Override
    public int cpus() {
      return 4;
    }
  }
}
