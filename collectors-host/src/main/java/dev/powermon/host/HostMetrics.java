package dev.powermon.host;

import dev.powermon.api.BatteryPower;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.host.HostSampler.Reading;
import dev.powermon.host.HostSource.CpuInfo;
import dev.powermon.host.HostSource.HostSample;
import dev.powermon.host.HostSource.InterfaceCounters;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** The host families: their declarations, and their snapshots built from a {@link Reading}. */
final class HostMetrics {
  static final MetricSpec CPU_UTILIZATION = MetricSpec.gauge("powermon_host_cpu_utilization_ratio")
      .help("Share of the host's CPU time spent busy (not idle, not waiting for I/O) over the last sampling "
          + "interval, 0 to 1.").build();
  static final MetricSpec CORE_UTILIZATION = MetricSpec.gauge("powermon_host_cpu_core_utilization_ratio")
      .help("Share of one logical CPU's time spent busy over the last sampling interval, 0 to 1 "
          + "(only with per-core=true).").labelNames("cpu").build();
  static final MetricSpec MEMORY_USED = MetricSpec.gauge("powermon_host_memory_used_bytes")
      .help("Physical memory in use, in bytes: total minus what the OS reports available "
          + "(free plus reclaimable caches).").build();
  static final MetricSpec MEMORY_TOTAL = MetricSpec.gauge("powermon_host_memory_total_bytes")
      .help("Physical memory installed and usable by the OS, in bytes.").build();
  static final MetricSpec NETWORK_RECEIVE = MetricSpec.counter("powermon_host_network_receive_bytes_total")
      .help("Bytes received by the network interface since it came up.").labelNames("interface").build();
  static final MetricSpec NETWORK_TRANSMIT = MetricSpec.counter("powermon_host_network_transmit_bytes_total")
      .help("Bytes sent by the network interface since it came up.").labelNames("interface").build();
  static final MetricSpec BATTERY_POWER = MetricSpec.gauge("powermon_host_battery_power_watts")
      .help("Power flowing out of the battery, in watts: positive while discharging (the battery runs the "
          + "host), negative while charging. Absent when the platform does not know the rate.")
      .labelNames("battery").build();
  static final MetricSpec UPTIME = MetricSpec.gauge("powermon_host_uptime_seconds")
      .help("Time since the host booted, in seconds.").build();
  static final MetricSpec CPU_INFO = MetricSpec.info("powermon_host_cpu_info")
      .help("The host's CPU: model and vendor as the OS reports them, sockets, physical and logical cores.")
      .labelNames("model", "vendor", "packages", "physical_cores", "logical_cores").build();

  /** Every family the collector may emit, the estimate's unified families included. */
  static final List<MetricSpec> SPECS = List.of(
      CPU_UTILIZATION, CORE_UTILIZATION, MEMORY_USED, MEMORY_TOTAL, NETWORK_RECEIVE, NETWORK_TRANSMIT,
      BATTERY_POWER, UPTIME, CPU_INFO, PowerFamilies.POWER_SPEC, PowerFamilies.ENERGY_SPEC);

  /** The estimate's {@code source} label: never a collector that measures. */
  static final String ESTIMATE_SOURCE = "estimate";

  private HostMetrics() {}

  /** Snapshots of {@code reading}; the estimate only when {@code withEstimate}, as {@code device=hostname}. */
  static MetricSnapshots snapshots(CpuInfo cpu, Reading reading, String hostname, boolean withEstimate) {
    HostSample s = reading.sample();
    List<MetricSnapshot> out = new ArrayList<>();
    out.add(info(cpu));
    out.add(gauge(UPTIME, List.of(point(Labels.EMPTY, s.uptimeSeconds()))));
    out.add(gauge(MEMORY_TOTAL, List.of(point(Labels.EMPTY, s.memoryTotalBytes()))));
    out.add(gauge(MEMORY_USED, List.of(point(Labels.EMPTY, s.memoryTotalBytes() - s.memoryAvailableBytes()))));
    if (!Double.isNaN(reading.cpuUtilization())) {
      out.add(gauge(CPU_UTILIZATION, List.of(point(Labels.EMPTY, reading.cpuUtilization()))));
    }
    addCores(out, reading.coreUtilization());
    addNetwork(out, s.interfaces());
    addBatteries(out, s.batteries());
    if (withEstimate && !Double.isNaN(reading.estimateWatts())) {
      out.addAll(new PowerFamilies(ESTIMATE_SOURCE)
          .power(hostname, PowerFamilies.TOTAL_DOMAIN, reading.estimateWatts(), Labels.EMPTY)
          .energy(hostname, PowerFamilies.TOTAL_DOMAIN, reading.estimateJoules(), Labels.EMPTY)
          .snapshots());
    }
    return new MetricSnapshots(out);
  }

  private static void addCores(List<MetricSnapshot> out, List<Double> cores) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>();
    for (int i = 0; i < cores.size(); i++) {
      if (!Double.isNaN(cores.get(i))) {
        points.add(point(Labels.of("cpu", Integer.toString(i)), cores.get(i)));
      }
    }
    if (!points.isEmpty()) {
      out.add(gauge(CORE_UTILIZATION, points));
    }
  }

  private static void addNetwork(List<MetricSnapshot> out, List<InterfaceCounters> interfaces) {
    if (interfaces.isEmpty()) {
      return;
    }
    CounterSnapshot.Builder rx = counter(NETWORK_RECEIVE);
    CounterSnapshot.Builder tx = counter(NETWORK_TRANSMIT);
    for (InterfaceCounters nif : interfaces) {
      Labels labels = Labels.of("interface", LabelValues.fromDevice(nif.name()));
      rx.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(unsigned(nif.receivedBytes())).build());
      tx.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(unsigned(nif.transmittedBytes())).build());
    }
    out.add(rx.build());
    out.add(tx.build());
  }

  private static void addBatteries(List<MetricSnapshot> out, List<BatteryPower.Reading> batteries) {
    List<GaugeDataPointSnapshot> points = new ArrayList<>();
    for (BatteryPower.Reading battery : batteries) {
      OptionalDouble watts = BatteryPower.outWatts(battery);
      if (watts.isPresent()) {
        points.add(point(Labels.of("battery", LabelValues.fromDevice(battery.name())), watts.getAsDouble()));
      }
    }
    if (!points.isEmpty()) {
      out.add(gauge(BATTERY_POWER, points));
    }
  }

  private static InfoSnapshot info(CpuInfo cpu) {
    Labels labels = Labels.of(
        "model", LabelValues.fromDevice(cpu.model()),
        "vendor", LabelValues.fromDevice(cpu.vendor()),
        "packages", Integer.toString(cpu.packages()),
        "physical_cores", Integer.toString(cpu.physicalCores()),
        "logical_cores", Integer.toString(cpu.logicalCores()));
    return InfoSnapshot.builder().name(CPU_INFO.name()).help(CPU_INFO.help())
        .dataPoint(InfoDataPointSnapshot.builder().labels(labels).build()).build();
  }

  /** Kernel byte counters are unsigned 64-bit; Java's long shows the top half as negative. */
  static double unsigned(long value) {
    return value >= 0 ? value : value + 0x1p64;
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static GaugeSnapshot gauge(MetricSpec spec, List<GaugeDataPointSnapshot> points) {
    GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(spec.name()).help(spec.help());
    points.forEach(b::dataPoint);
    return b.build();
  }

  private static CounterSnapshot.Builder counter(MetricSpec spec) {
    return CounterSnapshot.builder().name(spec.name()).help(spec.help());
  }
}
