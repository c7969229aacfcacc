package dev.powermon.host;

import dev.powermon.api.BatteryPower;
import java.util.List;

/**
 * Where the host's readings come from: OSHI on a real machine ({@link OshiHostSource}), fakes in
 * tests. Values are raw, as the operating system reports them; sentinels ("unknown" battery rates)
 * are kept so the collector, not the source, decides what is a reading.
 */
interface HostSource {

  /** Facts that do not change while the process runs: CPU model and counts. */
  CpuInfo cpuInfo();

  /**
   * One reading of every counter and gauge, taken now.
   *
   * @param perCore whether to read per-core CPU ticks too (an extra read on every platform)
   * @throws RuntimeException when the operating system refused the read
   */
  HostSample sample(boolean perCore);

  /** CPU model and counts; strings as the operating system spells them. */
  record CpuInfo(String model, String vendor, int packages, int physicalCores, int logicalCores) {}

  /**
   * CPU time of one CPU (or all of them) since boot, in ticks: {@code busy} is the part not idle or
   * in I/O wait.
   */
  record Ticks(long busy, long total) {}

  /**
   * Bytes through one network interface since it came up, as the kernel counts them (may wrap or
   * reset).
   */
  record InterfaceCounters(String name, long receivedBytes, long transmittedBytes) {}

  /** A reading of the whole host at one instant. {@code cores} is empty unless asked for. */
  record HostSample(
      Ticks cpu,
      List<Ticks> cores,
      long memoryTotalBytes,
      long memoryAvailableBytes,
      List<InterfaceCounters> interfaces,
      List<BatteryPower.Reading> batteries,
      long uptimeSeconds) {

    public HostSample {
      cores = List.copyOf(cores);
      interfaces = List.copyOf(interfaces);
      batteries = List.copyOf(batteries);
    }
  }
}
