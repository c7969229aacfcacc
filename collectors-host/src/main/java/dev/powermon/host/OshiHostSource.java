package dev.powermon.host;

import dev.powermon.oshi.BatterySource;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OperatingSystem;

/**
 * The host as OSHI sees it. {@link SystemInfo} loads native libraries and caches platform objects,
 * so one instance lives as long as the collector and every sample reuses it.
 */
final class OshiHostSource implements HostSource {
  private final HardwareAbstractionLayer hardware;
  private final OperatingSystem os;
  private final CentralProcessor processor;
  private final BatterySource batteries = BatterySource.ofThisMachine();

  OshiHostSource() {
    SystemInfo info = new SystemInfo();
    this.hardware = info.getHardware();
    this.os = info.getOperatingSystem();
    this.processor = hardware.getProcessor();
  }

  @Override
  public CpuInfo cpuInfo() {
    CentralProcessor.ProcessorIdentifier id = processor.getProcessorIdentifier();
    return new CpuInfo(
        id.getName(),
        id.getVendor(),
        processor.getPhysicalPackageCount(),
        processor.getPhysicalProcessorCount(),
        processor.getLogicalProcessorCount());
  }

  @Override
  public HostSample sample(boolean perCore) {
    List<Ticks> cores = new ArrayList<>();
    if (perCore) {
      for (long[] core : processor.getProcessorCpuLoadTicks()) {
        cores.add(ticks(core));
      }
    }
    GlobalMemory memory = hardware.getMemory();
    return new HostSample(
        ticks(processor.getSystemCpuLoadTicks()),
        cores,
        memory.getTotal(),
        memory.getAvailable(),
        interfaces(),
        batteries.read(),
        os.getSystemUptime());
  }

  /** OSHI's own definition of load: everything but idle and I/O wait is busy. */
  private static Ticks ticks(long[] ticks) {
    long total = 0;
    for (long t : ticks) {
      total += t;
    }
    long idle = ticks[TickType.IDLE.getIndex()] + ticks[TickType.IOWAIT.getIndex()];
    return new Ticks(total - idle, total);
  }

  private List<InterfaceCounters> interfaces() {
    List<InterfaceCounters> out = new ArrayList<>();
    // true: loopback and interfaces without a hardware address (tunnels) too, as node_exporter
    // shows them.
    for (NetworkIF nif : hardware.getNetworkIFs(true)) {
      out.add(new InterfaceCounters(nif.getName(), nif.getBytesRecv(), nif.getBytesSent()));
    }
    return out;
  }
}
