import com.sun.management.ThreadMXBean;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * What each of client_java's JVM instrumentation modules costs per scrape: each registered alone in
 * its own registry, scraped and written as text SCRAPES times after a warm-up, on one thread, with
 * THREADS other threads parked (powermon runs ~80: thread metrics grow with them). Prints families,
 * series, the process's CPU and the thread's bytes allocated per scrape, and the text's size.
 *
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp exporter/target/powermon.jar \
 *     bench/footprint/JvmFamilies.java [SCRAPES [THREADS]]
 */
public class JvmFamilies {
  public static void main(String[] args) throws Exception {
    int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int parked = args.length > 1 ? Integer.parseInt(args[1]) : 80;
    for (int i = 0; i < parked; i++) {
      Thread t = new Thread(() -> LockSupport.park(), "parked-" + i);
      t.setDaemon(true);
      t.start();
    }
    Map<String, Consumer<PrometheusRegistry>> modules = new LinkedHashMap<>();
    modules.put("JvmMemoryMetrics", r -> JvmMemoryMetrics.builder().register(r));
    modules.put("JvmGarbageCollectorMetrics", r -> JvmGarbageCollectorMetrics.builder().register(r));
    modules.put("JvmThreadsMetrics", r -> JvmThreadsMetrics.builder().register(r));
    modules.put("JvmClassLoadingMetrics", r -> JvmClassLoadingMetrics.builder().register(r));
    modules.put("JvmBufferPoolMetrics", r -> JvmBufferPoolMetrics.builder().register(r));
    modules.put("JvmRuntimeInfoMetric", r -> JvmRuntimeInfoMetric.builder().register(r));
    modules.put("ProcessMetrics", r -> ProcessMetrics.builder().register(r));
    modules.put("JvmCompilationMetrics", r -> JvmCompilationMetrics.builder().register(r));
    modules.put(
        "JvmMemoryPoolAllocationMetrics", r -> JvmMemoryPoolAllocationMetrics.builder().register(r));
    modules.put("JvmNativeMemoryMetrics", r -> JvmNativeMemoryMetrics.builder().register(r));
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    // The process's CPU, not this thread's: thread states and deadlock detection run in the VM
    // thread, at a safepoint.
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    System.out.printf(
        "| module | families | series | CPU per scrape, µs | bytes allocated per scrape | text bytes |%n");
    System.out.printf("|---|---|---|---|---|---|%n");
    for (Map.Entry<String, Consumer<PrometheusRegistry>> m : modules.entrySet()) {
      PrometheusRegistry registry = new PrometheusRegistry();
      m.getValue().accept(registry);
      for (int i = 0; i < scrapes / 4; i++) { // warm-up: class loading and C1
        out.reset();
        writer.write(out, registry.scrape());
      }
      long cpu = os.getProcessCpuTime();
      long bytes = threads.getThreadAllocatedBytes(self);
      MetricSnapshots last = null;
      for (int i = 0; i < scrapes; i++) {
        out.reset();
        last = registry.scrape();
        writer.write(out, last);
      }
      cpu = os.getProcessCpuTime() - cpu;
      bytes = threads.getThreadAllocatedBytes(self) - bytes;
      int series = 0;
      for (MetricSnapshot s : last) {
        series += s.getDataPoints().size();
      }
      System.out.printf(
          "| %s | %d | %d | %.1f | %,d | %,d |%n",
          m.getKey(), last.size(), series, cpu / 1e3 / scrapes, bytes / scrapes, out.size());
    }
  }
}
