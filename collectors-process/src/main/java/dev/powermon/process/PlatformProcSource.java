package dev.powermon.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The process table of macOS or Windows as the collector reads /proc: each walk takes one list of
 * processes, and times in milliseconds become the clock ticks /proc counts in (10 ms), so the
 * attribution, groups and invariants are the Linux ones. There are no cgroups (every process is in
 * container group {@code host}); the command name is the process's name.
 */
final class PlatformProcSource implements ProcSource {
  private static final long MILLIS_PER_TICK = 10;
  private static final int USER = 0;
  private static final int NICE = 1;
  private static final int SYSTEM = 2;
  private static final int IDLE = 3;
  private static final int IOWAIT = 4;
  private static final int IRQ = 5;
  private static final int SOFTIRQ = 6;
  private static final int STEAL = 7;

  private final PlatformProcesses platform;
  private Map<Integer, PlatformProcess> walk = Map.of();

  PlatformProcSource(PlatformProcesses platform) {
    this.platform = platform;
  }

  @Override
  public int[] pids() {
    List<PlatformProcess> processes = platform.processes();
    Map<Integer, PlatformProcess> byPid = new HashMap<>();
    int[] pids = new int[processes.size()];
    int n = 0;
    for (PlatformProcess p : processes) {
      if (byPid.putIfAbsent(p.pid(), p) == null) {
        pids[n++] = p.pid();
      }
    }
    walk = byPid;
    return Arrays.copyOf(pids, n);
  }

  @Override
  public CpuTimes hostCpu() throws MalformedProcException {
    long[] ms = platform.cpuMillis();
    if (ms.length <= STEAL) {
      throw new MalformedProcException("stat.cpu", "truncated: " + ms.length + " CPU states");
    }
    for (long v : ms) {
      if (v < 0) {
        throw new MalformedProcException("stat.cpu", "negative CPU time " + v + " ms");
      }
    }
    long busy = ms[USER] + ms[NICE] + ms[SYSTEM] + ms[IRQ] + ms[SOFTIRQ];
    long total = busy + ms[IDLE] + ms[IOWAIT] + ms[STEAL];
    return new CpuTimes(
        busy / MILLIS_PER_TICK, total / MILLIS_PER_TICK, Math.max(1, platform.cpus()));
  }

  @Override
  public void stat(int pid, PidStat into) throws IOException, MalformedProcException {
    PlatformProcess p = process(pid);
    if (p.cpuMillis() < 0 || p.startMillis() < 0) {
      throw new MalformedProcException("pid_stat.cpu", "negative CPU or start time for pid " + pid);
    }
    byte[] name = (p.name() == null ? "" : p.name()).getBytes(StandardCharsets.UTF_8);
    into.pid = pid;
    into.comm(name, 0, name.length);
    into.utimeTicks = p.cpuMillis() / MILLIS_PER_TICK; // user and kernel come summed
    into.stimeTicks = 0;
    into.startTicks = p.startMillis() / MILLIS_PER_TICK;
  }

  @Override
  public String cmdline(int pid) throws IOException {
    String line = process(pid).commandLine().get();
    return line == null ? "" : line.trim();
  }

  @Override
  public String cgroup(int pid) {
    return "";
  }

  private PlatformProcess process(int pid) throws NoSuchFileException {
    PlatformProcess p = walk.get(pid);
    if (p == null) {
      throw new NoSuchFileException("pid " + pid, null, "not in this walk's process list");
    }
    return p;
  }
}
