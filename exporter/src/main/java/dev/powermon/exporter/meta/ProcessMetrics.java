package dev.powermon.exporter.meta;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * What powermon itself costs: CPU seconds, resident memory, open files and heap, in the standard
 * {@code process_*} names so the usual dashboards work. OSHI reads them the same way on every OS
 * (client_java's JVM instrumentation has no release matching the HTTP server here).
 */
public final class ProcessMetrics {
  public static final MetricSpec CPU =
      MetricSpec.counter("process_cpu_seconds_total").help("User and system CPU time spent by powermon, in seconds.").build();
  public static final MetricSpec RSS =
      MetricSpec.gauge("process_resident_memory_bytes").help("powermon's resident memory, in bytes.").build();
  public static final MetricSpec START =
      MetricSpec.gauge("process_start_time_seconds").help("When powermon started, in seconds since the epoch.").build();
  public static final MetricSpec FDS =
      MetricSpec.gauge("process_open_fds").help("Files and sockets powermon has open.").build();
  public static final MetricSpec HEAP =
      MetricSpec.gauge("jvm_memory_used_bytes").help("JVM memory in use, in bytes, by area (heap, nonheap).")
          .labelNames("area").build();

  public static final List<MetricSpec> SPECS = List.of(CPU, RSS, START, FDS, HEAP);

  private final OperatingSystem os = new SystemInfo().getOperatingSystem();
  private final int pid = os.getProcessId();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  public List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>();
    OSProcess self = os.getProcess(pid);
    if (self != null) {
      out.add(
          CounterSnapshot.builder()
              .name(CPU.name())
              .help(CPU.help())
              .dataPoint(
                  CounterSnapshot.CounterDataPointSnapshot.builder()
                      .value((self.getKernelTime() + self.getUserTime()) / 1000.0)
                      .build())
              .build());
      out.add(MetaMetrics.single(RSS, self.getResidentSetSize()));
      out.add(MetaMetrics.single(START, self.getStartTime() / 1000.0));
      if (self.getOpenFiles() >= 0) {
        out.add(MetaMetrics.single(FDS, self.getOpenFiles()));
      }
    }
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    out.add(
        GaugeSnapshot.builder()
            .name(HEAP.name())
            .help(HEAP.help())
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("area", "heap")).value(heap.getUsed()).build())
            .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("area", "nonheap")).value(nonHeap.getUsed()).build())
            .build());
    return out;
  }
}
