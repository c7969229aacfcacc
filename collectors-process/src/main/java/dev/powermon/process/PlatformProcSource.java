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
    if (ms.length < CpuTimes.STATES) {
      throw new MalformedProcException("stat.cpu", "truncated: " + ms.length + " CPU states");
    }
    long[] ticks = new long[CpuTimes.STATES];
    for (int i = 0; i < ticks.length; i++) {
      if (ms[i] < 0) {
        throw new MalformedProcException("stat.cpu", "negative CPU time " + ms[i] + " ms");
      }
      ticks[i] = ms[i] / MILLIS_PER_TICK;
    }
    return CpuTimes.of(ticks, Math.max(1, platform.cpus()));
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
