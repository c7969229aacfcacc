package dev.powermon.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.powermon.testkit.BoundedChild;
import dev.powermon.testkit.RecordedProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's own /proc with a fake powercap tree of known energy: a CPU-burning child started
 * here is the top group among the test's own processes (this JVM, which walks /proc, and its
 * children: the burner and an idle sibling, each under timeout(1)), and gets a share of the active
 * energy that matches its share of the host's busy CPU time, measured apart from the collector (the
 * child's CPU time through ProcessHandle, the host's from /proc/stat). On a machine busy with other
 * work the burner need not be the host's top process, so it is ranked among what the test controls;
 * every process has its own series (top 1000), so the rank is not cut by the top.
 */
@EnabledOnOs(OS.LINUX)
class RealProcTest {
  @TempDir Path dir;

  @Test
  void aBurningChildIsTheTopGroupAndGetsItsCpuShareOfTheActiveEnergy() throws Exception {
    FakePowercap rapl =
        new FakePowercap(dir).zone("intel-rapl:0", "package-0", 0, 262_143_328_850L);
    RecordedProblems problems = new RecordedProblems();
    ProcFsSource proc = new ProcFsSource(Path.of("/proc"));
    ProcessTable table = new ProcessTable(proc, problems, MatchRules.parse(List.of()), false);
    Sampler sampler =
        new Sampler(
            proc,
            RaplEnergy.find(dir),
            table,
            List.of(GroupBy.PROCESS),
            1000,
            0,
            problems,
            Clock.systemUTC(),
            System::nanoTime);
    try (BoundedChild burning = BoundedChild.start(20, "sha256sum", "/dev/zero");
        BoundedChild idle = BoundedChild.start(20, "sleep", "20")) {
      ProcessHandle burner = burning.command();
      ProcessHandle sleeper = idle.command();
      Thread.sleep(200);
      // the burner's stat is read somewhere in the walk, which a loaded machine may stretch: the
      // host's busy ticks and the burner's CPU time are taken just before and after each sample,
      // and the midpoints compared, as the collector takes the host's midway through its walk
      Midway m0 = sampleMidway(burner, sampler);
      Thread.sleep(2000);
      rapl.energy("intel-rapl:0", 40_000_000); // 40 J in the interval
      Midway m1 = sampleMidway(burner, sampler);
      long busy0 = m0.busyTicks();
      long busy1 = m1.busyTicks();
      long cpu0 = m0.cpuMillis();
      long cpu1 = m1.cpuMillis();

      ProcessSample s = sampler.latest();
      Map<String, GroupLedger.Row> rows = new HashMap<>();
      s.groups().get(GroupBy.PROCESS).forEach(r -> rows.put(r.group(), r));
      String group = "sha256sum:" + burner.pid();
      GroupLedger.Row row = rows.get(group);
      assertThat(row).as("%s among %s", group, rows.keySet()).isNotNull();
      // the test's own processes, by the energy of the interval
      List<String> ours =
          Stream.of(ProcessHandle.current(), burning.wrapper(), burner, idle.wrapper(), sleeper)
              .map(p -> rows.keySet().stream().filter(g -> g.endsWith(":" + p.pid())).findFirst())
              .flatMap(Optional::stream)
              .sorted(Comparator.comparingDouble((String g) -> -rows.get(g).watts()))
              .collect(Collectors.toList());
      assertThat(ours)
          .as("the test's processes, most power first")
          .hasSize(5)
          .first()
          .isEqualTo(group);

      double active = s.hostJoules() - s.idleJoules();
      double cpuShare = (cpu1 - cpu0) / 10.0 / (busy1 - busy0);
      double energyShare = row.joules() / active;
      assertThat(s.hostJoules()).isCloseTo(40, within(1e-9));
      double booked =
          s.groups().get(GroupBy.PROCESS).stream().mapToDouble(GroupLedger.Row::cpuSeconds).sum();
      assertThat(energyShare)
          .as(
              "energy share %.3f vs CPU share %.3f (busy %d ticks, processes %.0f)",
              energyShare, cpuShare, busy1 - busy0, booked * 100)
          .isCloseTo(cpuShare, within(0.1 * cpuShare));
      assertThat(row.cpuSeconds())
          .isCloseTo((cpu1 - cpu0) / 1000.0, within(0.1 * (cpu1 - cpu0) / 1000.0));
    } finally {
      proc.close();
    }
  }

  /** The host's busy ticks and the burner's CPU milliseconds midway around one sample. */
  private record Midway(long busyTicks, long cpuMillis) {}

  private static Midway sampleMidway(ProcessHandle burner, Sampler sampler) throws Exception {
    long busy = busyTicks();
    long cpu = cpu(burner).toMillis();
    sampler.sample();
    return new Midway((busy + busyTicks()) / 2, (cpu + cpu(burner).toMillis()) / 2);
  }

  private static Duration cpu(ProcessHandle p) {
    return p.info()
        .totalCpuDuration()
        .orElseThrow(() -> new AssertionError("no CPU time for " + p.pid()));
  }

  private static long busyTicks() throws Exception {
    return CpuStatParser.parse(Files.readString(Path.of("/proc/stat"))).busyTicks();
  }
}
