package dev.powermon.process;

import dev.powermon.api.ParseProblems;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The collector's CPU per interval on a generated /proc of N processes, or on a real one; run by
 * {@code bench/process/bench.sh}, never by the test suite. Measures the sampling thread's CPU time
 * only (not the generator's), over a bounded number of intervals, grouping by container with one
 * match rule (the costliest settings), with 1 % of the processes replaced by new ones every
 * interval. On the real /proc it groups by command and prints the top-10 table {@code powermon
 * probe} would show.
 *
 * <pre>
 *   ProcessBench generate DIR N SAMPLES    a fake tree of N processes in DIR
 *   ProcessBench real PROC SAMPLES         the machine's /proc (no churn)
 * </pre>
 */
final class ProcessBench {
  private static final int WARMUP = 5;

  public static void main(String[] args) throws Exception {
    boolean fake = args[0].equals("generate");
    Path root = Path.of(args[1]);
    int n = fake ? Integer.parseInt(args[2]) : 0;
    int samples = Math.min(1000, Integer.parseInt(args[fake ? 3 : 2]));
    Random random = new Random(16);
    FakeProc proc = null;
    if (fake) {
      proc = new FakeProc(root);
      for (int pid = 1; pid <= n; pid++) {
        spawn(proc, pid, 0, random);
      }
    }
    ParseProblems problems =
        new ParseProblems() {
          @Override
          public void problem(String field, String reason) {}

          @Override
          public void ok(String field) {}
        };
    Path sys = Files.createTempDirectory("bench-sys");
    ProcFsSource source = new ProcFsSource(fake ? proc.root() : root);
    ProcessTable table =
        new ProcessTable(source, problems, MatchRules.parse(List.of("docker=.*dockerd.*")), true);
    Sampler sampler =
        new Sampler(
            source,
            new LoadEstimate(10, 8, 2),
            table,
            List.of(fake ? GroupBy.CONTAINER : GroupBy.COMMAND, GroupBy.MATCH),
            10,
            1,
            problems,
            Clock.systemUTC(),
            System::nanoTime);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = 0;
    long user = 0;
    long wall = 0;
    int nextPid = n + 1;
    for (int i = 0; i < WARMUP + samples; i++) {
      if (fake) {
        proc.cpu(1000L * i, 1000L * i);
        for (int k = 0; k < Math.max(1, n / 100); k++) { // 1 % churn: exits and new processes
          int gone = 1 + random.nextInt(nextPid - 1);
          if (Files.exists(proc.root().resolve(Integer.toString(gone)))) {
            proc.exit(gone);
          }
          spawn(proc, nextPid++, i, random);
        }
        for (int k = 0; k < n / 10; k++) { // a tenth of the processes used CPU this interval
          int pid = 1 + random.nextInt(nextPid - 1);
          if (Files.exists(proc.root().resolve(Integer.toString(pid)))) {
            proc.process(pid, "worker-" + (pid % 50), 10L * i + random.nextInt(10), pid);
          }
        }
      } else {
        Thread.sleep(100);
      }
      long c0 = threads.getCurrentThreadCpuTime();
      long u0 = threads.getCurrentThreadUserTime();
      long w0 = System.nanoTime();
      sampler.sample();
      if (i >= WARMUP) {
        cpu += threads.getCurrentThreadCpuTime() - c0;
        user += threads.getCurrentThreadUserTime() - u0;
        wall += System.nanoTime() - w0;
      }
    }
    double cpuMs = cpu / 1e6 / samples;
    System.out.printf(
        Locale.ROOT,
        "%-4s processes=%-5d cpu_ms_per_interval=%.2f (user %.2f, kernel %.2f)"
            + " wall_ms=%.2f core_percent_at_1s=%.2f%n",
        fake ? "fake" : "real",
        sampler.latest().processes(),
        cpuMs,
        user / 1e6 / samples,
        (cpu - user) / 1e6 / samples,
        wall / 1e6 / samples,
        cpuMs / 1000 * 100);
    if (!fake) { // the top-10 table `powermon probe --collector process` prints, on this machine
      new ProcessCollector(sampler, () -> {}, java.time.Duration.ofSeconds(1), Clock.systemUTC())
          .summary()
          .forEach(System.out::println);
    }
  }

  private static void spawn(FakeProc proc, int pid, long start, Random random) {
    proc.process(pid, "worker-" + (pid % 50), random.nextInt(1000), start * 100 + pid)
        .cmdline(pid, "/usr/bin/worker", "--id", Integer.toString(pid))
        .cgroup(
            pid,
            "0::/system.slice/docker-"
                + String.format(Locale.ROOT, "%064x", pid % 40)
                + ".scope\n");
  }

  private ProcessBench() {}
}
