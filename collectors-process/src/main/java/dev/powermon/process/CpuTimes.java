package dev.powermon.process;

/**
 * The host's CPU time from the {@code cpu} line of {@code /proc/stat}, in clock ticks: busy (user,
 * nice, system, irq, softirq; guest time is already inside user) and total (busy plus idle, iowait
 * and steal), and the number of CPUs ({@code cpuN} lines).
 */
record CpuTimes(long busyTicks, long totalTicks, int cpus) {

  /** The ticks halfway between two readings. */
  static CpuTimes midpoint(CpuTimes a, CpuTimes b) {
    return new CpuTimes((a.busyTicks + b.busyTicks) / 2, (a.totalTicks + b.totalTicks) / 2, b.cpus);
  }
}
