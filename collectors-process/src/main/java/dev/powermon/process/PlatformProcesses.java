package dev.powermon.process;

import java.util.List;

/**
 * The process table and the host's CPU time on macOS and Windows: {@link OshiProcesses} there, a
 * fake in tests (the native path is validated on those systems).
 */
interface PlatformProcesses {
  /** Every process now. */
  List<PlatformProcess> processes();

  /**
   * The host's CPU time so far in milliseconds, in OSHI's tick order: user, nice, system, idle,
   * iowait, irq, softirq, steal.
   */
  long[] cpuMillis();

  /** Logical CPUs. */
  int cpus();
}
