package dev.powermon.process;

import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * macOS and Windows processes through OSHI, which reads them natively (libproc, the Windows
 * performance counters). Made only on those systems: on Linux the collector reads /proc itself, so
 * OSHI and JNA are not loaded there. One OSHI process list per walk.
 */
final class OshiProcesses implements PlatformProcesses {
  private final OperatingSystem os;
  private final CentralProcessor processor;

  OshiProcesses() {
    SystemInfo system = new SystemInfo();
    this.os = system.getOperatingSystem();
    this.processor = system.getHardware().getProcessor();
  }

  @Override
  public List<PlatformProcess> processes() {
    List<OSProcess> all = os.getProcesses();
    List<PlatformProcess> out = new ArrayList<>(all.size());
    for (OSProcess p : all) {
      out.add(
          new PlatformProcess(
              p.getProcessID(),
              p.getName(),
              p.getStartTime(),
              p.getUserTime() + p.getKernelTime(),
              p::getCommandLine));
    }
    return out;
  }

  @Override
  public long[] cpuMillis() {
    return processor.getSystemCpuLoadTicks();
  }

  @Override
  public int cpus() {
    return processor.getLogicalProcessorCount();
  }
}
