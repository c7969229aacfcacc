package dev.powermon.nvidia;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Executables;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ParseProblems;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code nvidia} collector: NVIDIA GPUs through NVML (JNA), or {@code nvidia-smi} when NVML
 * does not load. Enabled by default only where NVML loads; the nvidia-smi fallback runs when the
 * operator names it.
 */
public final class NvidiaProvider implements CollectorProvider {
  static final SettingSpec NVIDIA_SMI =
      SettingSpec.builder("nvidia-smi", SettingType.PATH)
          .help(
              "nvidia-smi, read when NVML does not load (default: nvidia-smi on PATH, used only when this"
                  + " collector is named). Naming it enables the collector on a host where NVML does not load.")
          .build();
  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("1s")
          .min("100ms")
          .max("1m")
          .help("How often every GPU is read in the background.")
          .build();
  static final SettingSpec TIMEOUT =
      SettingSpec.builder("timeout", SettingType.DURATION)
          .defaultValue("5s")
          .min("100ms")
          .max("1m")
          .help("Deadline of one nvidia-smi run; a run past it is killed and the collection fails.")
          .build();

  /**
   * How NVML is loaded: {@link NvmlSource#load} here, a stand-in where a test needs NVML absent or
   * present.
   */
  interface NvmlLoader {
    GpuSource load(ParseProblems problems) throws IOException;
  }

  private final NvmlLoader nvml;

  public NvidiaProvider() {
    this(NvmlSource::load);
  }

  NvidiaProvider(NvmlLoader nvml) {
    this.nvml = nvml;
  }

  @Override
  public String name() {
    return "nvidia";
  }

  @Override
  public String description() {
    return "NVIDIA GPUs through NVML (power, energy counter, limit, temperature, utilisation, clocks), nvidia-smi"
        + " as the fallback.";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(NVIDIA_SMI, INTERVAL, TIMEOUT);
  }

  @Override
  public List<MetricSpec> metrics() {
    return NvidiaFamilies.ALL;
  }

  @Override
  public boolean measuresHostPower() {
    return false; // a GPU is a part of the host: the estimate still covers the rest
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try (GpuSource gpus = nvml.load(ParseProblems.DISCARD)) {
      return ProbeResult.available("NVML: " + gpus.read().size() + " GPUs");
    } catch (IOException | RuntimeException | LinkageError nvmlMissing) {
      Settings s = context.settings();
      if (s.isGiven(NVIDIA_SMI)) {
        return Files.isExecutable(s.path(NVIDIA_SMI))
            ? ProbeResult.available("NVML does not load; reading " + s.path(NVIDIA_SMI))
            : ProbeResult.unavailable(s.path(NVIDIA_SMI) + " is not an executable file");
      }
      return ProbeResult.unavailable(
          nvmlMissing.getMessage()
              + onPath()
                  .map(
                      p ->
                          "; "
                              + p
                              + " exists: name it"
                              + " with --collector.nvidia.nvidia-smi="
                              + p
                              + " to read through it")
                  .orElse(""));
    }
  }

  @Override
  public Collector open(CollectorContext context) throws IOException {
    Settings s = context.settings();
    GpuSource source;
    try {
      source = nvml.load(context.problems());
    } catch (IOException | LinkageError nvmlMissing) {
      Path smi =
          s.isGiven(NVIDIA_SMI)
              ? s.path(NVIDIA_SMI)
              : onPath()
                  .orElseThrow(
                      () ->
                          new IOException(
                              nvmlMissing.getMessage()
                                  + ", and no nvidia-smi on PATH; install the NVIDIA driver or name nvidia-smi"
                                  + " with --collector.nvidia.nvidia-smi"));
      if (!Files.isExecutable(smi)) {
        throw new IOException(
            "collectors.nvidia.nvidia-smi: " + smi + " is not an executable file");
      }
      context.logger().info("{}; reading GPUs through {}", nvmlMissing.getMessage(), smi);
      source = new SmiSource(smi, s.duration(TIMEOUT), context.problems());
    }
    // nvidia-smi may take up to its deadline per run: staleness is judged on the whole cycle
    Duration interval = s.duration(INTERVAL);
    Duration cycle = source instanceof SmiSource ? interval.plus(s.duration(TIMEOUT)) : interval;
    return NvidiaCollector.start(context, source, interval, cycle);
  }

  private static Optional<Path> onPath() {
    return Executables.onPath("nvidia-smi");
  }
}
