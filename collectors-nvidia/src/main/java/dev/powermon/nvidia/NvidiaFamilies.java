package dev.powermon.nvidia;

import dev.powermon.api.Families;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * Every family the nvidia collector emits besides the unified ones (which the core builds from its
 * readings: {@code source="nvidia"}, {@code device} the GPU's UUID, {@code domain="total"}).
 */
final class NvidiaFamilies {
  static final MetricSpec GPU_INFO =
      MetricSpec.info("powermon_nvidia_gpu_info")
          .help(
              "Every GPU read, value 1: its index, name, PCI bus id and the backend read through (nvml, nvidia-smi).")
          .labelNames("device", "index", "name", "pci_bus_id", "backend")
          .build();
  static final MetricSpec POWER_LIMIT =
      MetricSpec.gauge("powermon_nvidia_power_limit_watts")
          .unit("watts")
          .help("The power limit the driver enforces, in watts.")
          .labelNames("device")
          .build();
  static final MetricSpec TEMPERATURE =
      MetricSpec.gauge("powermon_nvidia_temperature_celsius")
          .unit("celsius")
          .help("GPU core temperature, in degrees Celsius.")
          .labelNames("device")
          .build();
  static final MetricSpec UTILIZATION =
      MetricSpec.gauge("powermon_nvidia_utilization_ratio")
          .unit("ratio")
          .help(
              "Share of the driver's last sample period the GPU (kind gpu) or its memory controller (kind memory)"
                  + " was busy, 0 to 1.")
          .labelNames("device", "kind")
          .build();
  static final MetricSpec CLOCK =
      MetricSpec.gauge("powermon_nvidia_clock_hertz")
          .unit("hertz")
          .help("Current clock of the GPU's SMs (clock sm) and memory (clock memory), in hertz.")
          .labelNames("device", "clock")
          .build();
  static final MetricSpec PROCESS_UTILIZATION =
      MetricSpec.gauge("powermon_nvidia_process_sm_utilization_ratio")
          .unit("ratio")
          .help(
              "A process's share of the GPU's SM time over NVML's last sample window, 0 to 1 (NVML only).")
          .labelNames("device", "pid")
          .enabledByDefault(false)
          .build();

  static final List<MetricSpec> ALL =
      List.of(
          PowerFamilies.POWER_SPEC,
          PowerFamilies.ENERGY_SPEC,
          GPU_INFO,
          POWER_LIMIT,
          TEMPERATURE,
          UTILIZATION,
          CLOCK,
          PROCESS_UTILIZATION);

  private NvidiaFamilies() {}

  static MetricSnapshots build(List<GpuReading> gpus, String backend) {
    Families out = new Families(ALL);
    for (GpuReading g : gpus) {
      // what the driver prints is escaped and capped like every device string; the unified series'
      // device label gets the same treatment from the core
      String device = LabelValues.fromDevice(g.uuid());
      out.info(
          GPU_INFO,
          Labels.of(
              "device",
              device,
              "index",
              Integer.toString(g.index()),
              "name",
              LabelValues.fromDevice(g.name()),
              "pci_bus_id",
              LabelValues.fromDevice(g.pciBusId()),
              "backend",
              backend));
      gauge(out, POWER_LIMIT, Labels.of("device", device), g.powerLimitWatts());
      gauge(out, TEMPERATURE, Labels.of("device", device), g.temperatureCelsius());
      gauge(out, UTILIZATION, Labels.of("device", device, "kind", "gpu"), g.gpuUtilization());
      gauge(out, UTILIZATION, Labels.of("device", device, "kind", "memory"), g.memoryUtilization());
      gauge(out, CLOCK, Labels.of("device", device, "clock", "sm"), g.smClockHertz());
      gauge(out, CLOCK, Labels.of("device", device, "clock", "memory"), g.memoryClockHertz());
      for (GpuReading.ProcessUtilization p : g.processes()) {
        out.gauge(
            PROCESS_UTILIZATION,
            Labels.of("device", device, "pid", Long.toString(p.pid())),
            p.smRatio());
      }
    }
    return out.snapshots();
  }

  /** A field the GPU did not give is left out rather than shown as 0. */
  private static void gauge(Families out, MetricSpec spec, Labels labels, double value) {
    if (!Double.isNaN(value)) {
      out.gauge(spec, labels, value);
    }
  }
}
