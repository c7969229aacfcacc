package dev.powermon.process;

/**
 * The host's CPU time from the {@code cpu} line of {@code /proc/stat}, in clock ticks: busy (user,
 * nice, system, irq, softirq; guest time is already inside user) and total (busy plus idle, iowait
 * and steal), and the number of CPUs ({@code cpuN} lines).
 */
record CpuTimes(long busyTicks, long totalTicks, int cpus) {
  /** How many CPU states {@link #of} takes, in /proc/stat's (and OSHI's) order. */
  static final int STATES = 8;

  /**
   * From the time in each CPU state, in /proc/stat's order: user, nice, system, idle, iowait, irq,
   * softirq, steal (OSHI's tick order too).
   */
  static CpuTimes of(long[] states, int cpus) {
    long busy = states[0] + states[1] + states[2] + states[5] + states[6];
    return new CpuTimes(busy, busy + states[3] + states[4] + states[7], cpus);
  }

  /** The ticks halfway between two readings. */
  static CpuTimes midpoint(CpuTimes a, CpuTimes b) {
    return new CpuTimes((a.busyTicks + b.busyTicks) / 2, (a.totalTicks + b.totalTicks) / 2, b.cpus);
  }
}
