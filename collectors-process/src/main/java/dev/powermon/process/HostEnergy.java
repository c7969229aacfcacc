package dev.powermon.process;

import java.io.IOException;

/**
 * Where the host's energy per interval comes from: RAPL's counters ({@link RaplEnergy}) or, where
 * there are none, an estimate from the CPU load ({@link LoadEstimate}). Read by the sampler once
 * per interval.
 */
interface HostEnergy {
  /** The {@code source} label: {@code rapl} or {@code estimate}. */
  String source();

  /**
   * Joules the host used since the previous call.
   *
   * @param cpu the host's busy and total CPU ticks in the interval
   * @param seconds the interval's length
   * @return NaN on the first call (no baseline yet) or when the interval cannot be measured
   */
  double joulesSince(CpuTimes cpu, double seconds) throws IOException;
}
