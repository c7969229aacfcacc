package dev.powermon.process;

/**
 * The host's power guessed from its CPU load, for hosts without RAPL: {@code idle + perCpu × cpus ×
 * busy share}. Labelled {@code source="estimate"} wherever it shows.
 */
final class LoadEstimate implements HostEnergy {
  private final double idleWatts;
  private final double wattsPerCpu;
  private final int cpus;

  LoadEstimate(double idleWatts, double wattsPerCpu, int cpus) {
    this.idleWatts = idleWatts;
    this.wattsPerCpu = wattsPerCpu;
    this.cpus = cpus;
  }

  @Override
  public String source() {
    return "estimate";
  }

  @Override
  public double joulesSince(CpuTimes cpu, double seconds) {
    double busy = cpu.totalTicks() > 0 ? (double) cpu.busyTicks() / cpu.totalTicks() : 0;
    return (idleWatts + wattsPerCpu * cpus * busy) * seconds;
  }
}
