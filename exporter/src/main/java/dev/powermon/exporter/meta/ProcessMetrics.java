package dev.powermon.exporter.meta;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.NativeLibraryHint;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * What powermon itself costs: CPU seconds, resident memory, open files and heap, in the standard
 * {@code process_*} names so the usual dashboards work. OSHI reads them the same way on every OS
 * (client_java's JVM instrumentation has no release matching the HTTP server here).
 *
 * <p>On Linux they come from the JDK (CPU time, start, open files) and {@code /proc/self/status}
 * (resident memory), so OSHI and JNA are never loaded for them; elsewhere from OSHI.
 *
 * <p>OSHI needs JNA's native library, which cannot load where the temporary directory is read-only
 * or noexec (a hardened container). Then the {@code process_*} families are left out, one line says
 * why, and nothing else is affected; the heap comes from JMX and stays.
 */
public final class ProcessMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessMetrics.class);

  public static final MetricSpec CPU =
      MetricSpec.counter("process_cpu_seconds_total")
          .help("User and system CPU time spent by powermon, in seconds.")
          .build();
  public static final MetricSpec RSS =
      MetricSpec.gauge("process_resident_memory_bytes")
          .help("powermon's resident memory, in bytes.")
          .build();
  public static final MetricSpec START =
      MetricSpec.gauge("process_start_time_seconds")
          .help("When powermon started, in seconds since the epoch.")
          .build();
  public static final MetricSpec FDS =
      MetricSpec.gauge("process_open_fds").help("Files and sockets powermon has open.").build();
  public static final MetricSpec HEAP =
      MetricSpec.gauge("jvm_memory_used_bytes")
          .help("JVM memory in use, in bytes, by area (heap, nonheap).")
          .labelNames("area")
          .build();

  public static final List<MetricSpec> SPECS = List.of(CPU, RSS, START, FDS, HEAP);

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
  private final ProcStatus status = new ProcStatus(Path.of("/proc/self/status"));
  private final boolean linux = status.present();
  private final double startSeconds =
      ProcessHandle.current()
          .info()
          .startInstant()
          .map(i -> i.toEpochMilli() / 1000.0)
          .orElse(Double.NaN);
  private OperatingSystem os;
  private int pid;

  /**
   * Set once OSHI failed to load: JNA does not recover within a process, so it is not tried again.
   */
  private boolean unavailable;

  private String lastFailure;

  public List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>();
    if (linux) {
      addFromJdkAndProc(out);
    } else {
      addFromOshi(out);
    }
    MemoryUsage heap = memory.getHeapMemoryUsage();
    MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
    out.add(
        GaugeSnapshot.builder()
            .name(HEAP.name())
            .help(HEAP.help())
            .dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("area", "heap"))
                    .value(heap.getUsed())
                    .build())
            .dataPoint(
                GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("area", "nonheap"))
                    .value(nonHeap.getUsed())
                    .build())
            .build());
    return out;
  }

  private void addFromJdkAndProc(List<MetricSnapshot> out) {
    if (system instanceof com.sun.management.OperatingSystemMXBean) {
      long nanos = ((com.sun.management.OperatingSystemMXBean) system).getProcessCpuTime();
      if (nanos >= 0) {
        out.add(cpu(nanos / 1e9));
      }
    }
    OptionalLong rss = status.residentBytes();
    if (rss.isPresent()) {
      out.add(MetaMetrics.single(RSS, rss.getAsLong()));
    }
    if (!Double.isNaN(startSeconds)) {
      out.add(MetaMetrics.single(START, startSeconds));
    }
    if (system instanceof com.sun.management.UnixOperatingSystemMXBean) {
      out.add(
          MetaMetrics.single(
              FDS,
              ((com.sun.management.UnixOperatingSystemMXBean) system)
                  .getOpenFileDescriptorCount()));
    }
  }

  private void addFromOshi(List<MetricSnapshot> out) {
    OSProcess self = self();
    if (self != null) {
      out.add(cpu((self.getKernelTime() + self.getUserTime()) / 1000.0));
      out.add(MetaMetrics.single(RSS, self.getResidentSetSize()));
      out.add(MetaMetrics.single(START, self.getStartTime() / 1000.0));
      if (self.getOpenFiles() >= 0) {
        out.add(MetaMetrics.single(FDS, self.getOpenFiles()));
      }
    }
  }

  private static MetricSnapshot cpu(double seconds) {
    return CounterSnapshot.builder()
        .name(CPU.name())
        .help(CPU.help())
        .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(seconds).build())
        .build();
  }

  /**
   * powermon's process as OSHI sees it, or null when OSHI cannot read it (logged when that
   * changes).
   */
  private synchronized OSProcess self() {
    if (unavailable) {
      return null;
    }
    try {
      if (os == null) {
        os = new SystemInfo().getOperatingSystem();
        pid = os.getProcessId();
      }
      OSProcess self = os.getProcess(pid);
      if (lastFailure != null) {
        LOG.info("process metrics are back");
        lastFailure = null;
      }
      return self;
    } catch (LinkageError e) {
      // UnsatisfiedLinkError first, NoClassDefFoundError ("Could not initialize class
      // com.sun.jna.Native")
      // after: the native library will not load in this process.
      unavailable = true;
      LOG.warn(NativeLibraryHint.describe("process metrics (process_*) are unavailable", e));
      return null;
    } catch (RuntimeException e) {
      String failure = "process metrics (process_*) cannot be read: " + e;
      if (!failure.equals(lastFailure)) {
        LOG.warn(failure);
      }
      lastFailure = failure;
      return null;
    }
  }
}
