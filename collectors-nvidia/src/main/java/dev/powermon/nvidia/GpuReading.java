package dev.powermon.nvidia;

import java.util.List;

/**
 * One GPU as read at one instant; every measurement is NaN when the GPU or the driver does not
 * offer it.
 *
 * @param uuid {@code GPU-…}, the stable identity ({@code device} label)
 * @param watts power now (NVML: {@code nvmlDeviceGetPowerUsage}, mW; nvidia-smi: {@code
 *     power.draw*})
 * @param joules the GPU's own energy counter (NVML {@code nvmlDeviceGetTotalEnergyConsumption}, mJ,
 *     Volta and later); NaN through nvidia-smi, which has none
 * @param gpuUtilization and {@code memoryUtilization} as ratios, 0 to 1
 * @param processes per-process SM utilisation where NVML offers it; empty otherwise
 */
record GpuReading(
    int index,
    String uuid,
    String name,
    String pciBusId,
    double watts,
    double joules,
    double powerLimitWatts,
    double temperatureCelsius,
    double gpuUtilization,
    double memoryUtilization,
    double smClockHertz,
    double memoryClockHertz,
    List<ProcessUtilization> processes) {

  /** A process's share of a GPU's SM time over NVML's last sample window. */
  record ProcessUtilization(long pid, double smRatio) {}
}
