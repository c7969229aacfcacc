package dev.powermon.exporter.meta;

import dev.powermon.api.MetricSpec;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What powermon itself costs, in the {@code process_*} and {@code jvm_*} families JVM dashboards
 * expect, as client_java's JVM instrumentation defines them (names, help, labels): on Linux it
 * reads {@code /proc/self} and JMX, so neither OSHI nor JNA is loaded; elsewhere {@code
 * process_resident_memory_bytes} is left out, as client_java does.
 *
 * <p>Registered: memory (areas and pools), garbage collection, threads, class loading, buffer
 * pools, runtime info and the process. Left out, measured with {@code
 * bench/footprint/JvmFamilies.java}: JIT compilation time (meaningless with C1 only), allocation
 * per pool (a listener on every collection) and native memory (needs native memory tracking).
 * Within the registered modules only the declared families are collected (the scrape's name filter
 * skips the others' callbacks): what JVM dashboards chart, not initial sizes, sizes after the last
 * collection, the finalizer queue or monitor-only deadlocks.
 */
public final class ProcessMetrics {
  public static final List<MetricSpec> PROCESS =
      List.of(
          MetricSpec.counter("process_cpu_seconds_total")
              .unit("seconds")
              .help("Total user and system CPU time spent in seconds.")
              .build(),
          MetricSpec.gauge("process_start_time_seconds")
              .unit("seconds")
              .help("Start time of the process since unix epoch in seconds.")
              .build(),
          MetricSpec.gauge("process_open_fds").help("Number of open file descriptors.").build(),
          MetricSpec.gauge("process_max_fds")
              .help("Maximum number of open file descriptors.")
              .build(),
          MetricSpec.gauge("process_virtual_memory_bytes")
              .unit("bytes")
              .help("Virtual memory size in bytes.")
              .build(),
          MetricSpec.gauge("process_resident_memory_bytes")
              .unit("bytes")
              .help("Resident memory size in bytes.")
              .build());

  public static final List<MetricSpec> MEMORY =
      List.of(
          bytes("jvm_memory_used_bytes", "area", "Used bytes of a given JVM memory area."),
          bytes(
              "jvm_memory_committed_bytes",
              "area",
              "Committed (bytes) of a given JVM memory area."),
          bytes("jvm_memory_max_bytes", "area", "Max (bytes) of a given JVM memory area."),
          bytes("jvm_memory_pool_used_bytes", "pool", "Used bytes of a given JVM memory pool."),
          bytes(
              "jvm_memory_pool_committed_bytes",
              "pool",
              "Committed bytes of a given JVM memory pool."),
          bytes("jvm_memory_pool_max_bytes", "pool", "Max bytes of a given JVM memory pool."));

  public static final List<MetricSpec> JVM =
      List.of(
          MetricSpec.summary("jvm_gc_collection_seconds")
              .unit("seconds")
              .help("Time spent in a given JVM garbage collector in seconds.")
              .labelNames("gc")
              .build(),
          MetricSpec.gauge("jvm_threads_current").help("Current thread count of a JVM").build(),
          MetricSpec.gauge("jvm_threads_daemon").help("Daemon thread count of a JVM").build(),
          MetricSpec.gauge("jvm_threads_peak").help("Peak thread count of a JVM").build(),
          MetricSpec.counter("jvm_threads_started_total")
              .help("Started thread count of a JVM")
              .build(),
          MetricSpec.gauge("jvm_threads_deadlocked")
              .help(
                  "Cycles of JVM-threads that are in deadlock waiting to acquire object monitors"
                      + " or ownable synchronizers")
              .build(),
          MetricSpec.gauge("jvm_threads_state")
              .help("Current count of threads by state")
              .labelNames("state")
              .build(),
          MetricSpec.gauge("jvm_classes_currently_loaded")
              .help("The number of classes that are currently loaded in the JVM")
              .build(),
          MetricSpec.counter("jvm_classes_loaded_total")
              .help(
                  "The total number of classes that have been loaded since the JVM has started"
                      + " execution")
              .build(),
          MetricSpec.counter("jvm_classes_unloaded_total")
              .help(
                  "The total number of classes that have been unloaded since the JVM has started"
                      + " execution")
              .build(),
          bytes("jvm_buffer_pool_used_bytes", "pool", "Used bytes of a given JVM buffer pool."),
          bytes(
              "jvm_buffer_pool_capacity_bytes",
              "pool",
              "Bytes capacity of a given JVM buffer pool."),
          MetricSpec.gauge("jvm_buffer_pool_used_buffers")
              .help("Used buffers of a given JVM buffer pool.")
              .labelNames("pool")
              .build(),
          MetricSpec.info("jvm_runtime_info")
              .help("JVM runtime info")
              .labelNames("runtime", "vendor", "version")
              .build());

  /** Every family served; {@code ProcessMetricsTest} holds client_java to these declarations. */
  public static final List<MetricSpec> SPECS = concat(PROCESS, MEMORY, JVM);

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Predicate<String> declared = names(SPECS)::contains;

  public ProcessMetrics() {
    io.prometheus.metrics.instrumentation.jvm.ProcessMetrics.builder().register(registry);
    JvmMemoryMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    JvmThreadsMetrics.builder().register(registry);
    JvmClassLoadingMetrics.builder().register(registry);
    JvmBufferPoolMetrics.builder().register(registry);
    JvmRuntimeInfoMetric.builder().register(registry);
  }

  public List<MetricSnapshot> snapshots() {
    List<MetricSnapshot> out = new ArrayList<>();
    registry.scrape(declared).forEach(out::add);
    return out;
  }

  /**
   * The declared names, as exposed and as client_java's filter may ask for them (counters without
   * {@code _total}, info metrics without {@code _info}).
   */
  private static Set<String> names(List<MetricSpec> specs) {
    Set<String> names = new HashSet<>();
    for (MetricSpec spec : specs) {
      names.add(spec.name());
      names.add(spec.name().replaceFirst("_(total|info)$", ""));
    }
    return Set.copyOf(names);
  }

  private static MetricSpec bytes(String name, String label, String help) {
    return MetricSpec.gauge(name).unit("bytes").help(help).labelNames(label).build();
  }

  @SafeVarargs
  private static List<MetricSpec> concat(List<MetricSpec>... lists) {
    List<MetricSpec> all = new ArrayList<>();
    for (List<MetricSpec> list : lists) {
      all.addAll(list);
    }
    return List.copyOf(all);
  }
}
