package dev.powermon.process;

/**
 * What one {@code /proc/<pid>/stat} line says about a process: its command name (up to 15 bytes, as
 * the kernel keeps it), the CPU time of all its threads in clock ticks, and when it started (ticks
 * since boot), which together with the pid names one process for its whole life.
 */
record PidStat(int pid, String comm, long utimeTicks, long stimeTicks, long startTicks) {

  /** User plus system time of every thread of the process, in clock ticks. */
  long cpuTicks() {
    return utimeTicks + stimeTicks;
  }

  /** The process's identity: a reused pid with another start time is another process. */
  ProcessKey key() {
    return new ProcessKey(pid, startTicks);
  }
}
