package dev.powermon.process;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import dev.powermon.api.StateLog;
import dev.powermon.oshi.NativeAccess;
import dev.powermon.oshi.PackageEnergy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code process} collector: the host's energy shared among processes, commands, containers or
 * the operator's command-line groups by CPU time. Its cost grows with the process count, so it runs
 * only when named.
 */
public final class ProcessProvider implements CollectorProvider {
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("100ms")
          .max("1h")
          .help(
              "How often the host's energy is read and /proc walked (once per interval); the cost"
                  + " is one stat read per process per interval.")
          .build();
  static final SettingSpec GROUP_BY =
      SettingSpec.builder("group-by", SettingType.STRING)
          .defaultValue("command")
          .check(
              v -> GroupBy.isSetting((String) v), "must be process, command, container or cgroup")
          .help(
              "How processes are grouped into series: process (comm:pid), command (comm), container"
                  + " (container id, systemd unit or host, from /proc/PID/cgroup) or cgroup (its path).")
          .build();
  static final SettingSpec TOP =
      SettingSpec.builder("top", SettingType.INTEGER)
          .defaultValue("10")
          .min("1")
          .max("1000")
          .help(
              "Groups with their own series, by energy in each interval; the rest are summed in"
                  + " group=\"other\", so the series count is bounded whatever the host runs.")
          .build();
  static final SettingSpec MATCH =
      SettingSpec.builder("match", SettingType.STRING)
          .list()
          .check(
              MatchRules::isValid,
              "must be NAME=REGEX (NAME: letters, digits, _ . -, not 'other';"
                  + " REGEX: a Java regular expression)")
          .help(
              "A named group of command lines, NAME=REGEX matched against the whole command line;"
                  + " repeat for several (the first match wins; the rest go to 'other'). Served as"
                  + " group_by=\"match\" beside group-by. Only NAME is exported, never a command line.")
          .build();
  static final SettingSpec PROC =
      SettingSpec.builder("proc", SettingType.PATH)
          .defaultValue("/proc")
          .help(
              "Where procfs is mounted; /host/proc in a container that mounts the host's /proc there"
                  + " (with the host's pid namespace).")
          .build();
  static final SettingSpec SYSFS =
      SettingSpec.builder("sysfs", SettingType.PATH)
          .defaultValue("/sys")
          .help("Where sysfs is mounted, for the host's RAPL energy (class/powercap/intel-rapl:*).")
          .build();
  static final SettingSpec ESTIMATE_IDLE =
      SettingSpec.builder("estimate-idle-watts", SettingType.DECIMAL)
          .defaultValue("10")
          .min("0")
          .max("100000")
          .help("Without readable RAPL: the host's assumed power at idle, in watts.")
          .build();
  static final SettingSpec ESTIMATE_PER_CPU =
      SettingSpec.builder("estimate-cpu-watts", SettingType.DECIMAL)
          .defaultValue("8")
          .min("0")
          .max("10000")
          .help("Without readable RAPL: the assumed extra power of one fully busy CPU, in watts.")
          .build();

  /**
   * {@code macos} or {@code windows}, where processes come through OSHI and the host's energy from
   * that platform's collector; null elsewhere (Linux: /proc).
   */
  static String platform() {
    String os = System.getProperty("os.name", "");
    if (os.startsWith("Mac")) {
      return "macos";
    }
    return os.startsWith("Windows") ? "windows" : null;
  }

  /** How long open() waits between its two samples, unless the interval is shorter. */
  private static final long FIRST_WINDOW_MILLIS = 500;

  @Override
  public String name() {
    return "process";
  }

  @Override
  public String description() {
    return "Per-process, per-command and per-container power: the host's energy shared by CPU time"
        + " (Linux /proc). Costs CPU in proportion to the process count.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(INTERVAL, GROUP_BY, TOP, MATCH, PROC, SYSFS, ESTIMATE_IDLE, ESTIMATE_PER_CPU);
  }

  @Override
  public List<MetricSpec> metrics() {
    return ProcessFamilies.ALL;
  }

  /** Its cost grows with the process count, so the operator chooses it; it sends nothing. */
  @Override
  public boolean onlyWhenNamed() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    Settings s = context.settings();
    String platform = platform();
    if (platform != null) {
      try (ProcSource proc = new PlatformProcSource(new OshiProcesses())) {
        return ProbeResult.available(
            proc.pids().length
                + " processes through OSHI, host energy from the "
                + (context.hostPowerMeasured() ? platform + " collector" : "CPU-load estimate"));
      } catch (IOException | RuntimeException | LinkageError e) {
        return ProbeResult.unavailable(NativeAccess.describe("listing processes through OSHI", e));
      }
    }
    ProcFsSource proc = new ProcFsSource(s.path(PROC));
    try {
      return ProbeResult.available(
          proc.pids().length
              + " processes in "
              + proc.root()
              + ", host energy from "
              + (RaplEnergy.find(s.path(SYSFS)) != null ? "RAPL" : "the CPU-load estimate"));
    } catch (IOException e) {
      return ProbeResult.unavailable(
          "cannot list "
              + proc.root()
              + " ("
              + e.getMessage()
              + "); needs Linux procfs, or --collector.process.proc=/host/proc in a container");
    }
  }

  @Override
  public Collector open(CollectorContext context) throws IOException {
    Settings s = context.settings();
    String platform = platform();
    ProcSource proc =
        platform == null
            ? new ProcFsSource(s.path(PROC))
            : new PlatformProcSource(new OshiProcesses());
    CpuTimes cpu;
    try {
      cpu = proc.hostCpu();
    } catch (IOException | MalformedProcException e) {
      throw new IOException(
          platform != null
              ? "cannot read the CPU times through OSHI: " + e.getMessage()
              : "cannot read "
                  + s.path(PROC).resolve("stat")
                  + ": "
                  + e.getMessage()
                  + "; needs Linux procfs, or --collector.process.proc=/host/proc in a container",
          e);
    }
    HostEnergy host;
    if (platform != null) {
      // the platform collector measures the package: share its energy, when it runs
      host =
          context.hostPowerMeasured() ? new PlatformEnergy(PackageEnergy.SHARED, platform) : null;
    } else {
      host = RaplEnergy.find(s.path(SYSFS));
    }
    if (host == null) {
      context
          .logger()
          .info(
              "{}; sharing out a CPU-load estimate (source=\"estimate\")",
              platform != null
                  ? "the " + platform + " collector does not run"
                  : "no readable RAPL under " + s.path(SYSFS).resolve("class/powercap"));
      host = new LoadEstimate(s.decimal(ESTIMATE_IDLE), s.decimal(ESTIMATE_PER_CPU), cpu.cpus());
    }
    MatchRules match = MatchRules.parse(s.strings(MATCH));
    GroupBy groupBy = GroupBy.of(s.string(GROUP_BY));
    List<GroupBy> groupings = new ArrayList<>(List.of(groupBy));
    if (!match.isEmpty()) {
      groupings.add(GroupBy.MATCH);
    }
    boolean wantsCgroup = groupBy == GroupBy.CONTAINER || groupBy == GroupBy.CGROUP;
    ProcessTable table = new ProcessTable(proc, context.problems(), match, wantsCgroup);
    Sampler sampler =
        new Sampler(
            proc,
            host,
            table,
            groupings,
            (int) s.integer(TOP),
            s.strings(MATCH).size(),
            context.problems(),
            context.clock(),
            context::nanoTime);
    Duration interval = s.duration(INTERVAL);
    try {
      sampler.sample(); // the baseline
      // A second sample shortly after gives the first scrape and `powermon probe` power readings;
      // half a second holds 50 ticks per CPU, enough for a first split.
      Thread.sleep(Math.min(interval.toMillis(), FIRST_WINDOW_MILLIS));
      sampler.sample();
    } catch (InterruptedException e) {
      proc.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking the first sample", e);
    } catch (IOException | RuntimeException e) {
      proc.close();
      throw e;
    }
    StateLog log = new StateLog(context.logger());
    // its own thread, not the shared scheduler: a walk of thousands of processes takes tens of
    // milliseconds, which would delay every other collector's sampling behind it
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "process-sampler");
              t.setDaemon(true);
              return t;
            });
    thread.scheduleAtFixedRate(
        () -> {
          try {
            sampler.sample();
            log.ok("sample", "sampling again");
          } catch (IOException | RuntimeException e) { // the loop must outlive one bad interval
            log.failing("sample", String.valueOf(e.getMessage()));
          }
        },
        interval.toNanos(),
        interval.toNanos(),
        TimeUnit.NANOSECONDS);
    Runnable stop =
        () -> {
          thread.shutdownNow();
          try {
            // the kept stat files are closed once no walk reads them any more
            if (thread.awaitTermination(5, TimeUnit.SECONDS)) {
              proc.close();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    return new ProcessCollector(sampler, stop, interval, context.clock());
  }
}
