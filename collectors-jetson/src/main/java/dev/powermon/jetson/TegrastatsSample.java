package dev.powermon.jetson;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One tegrastats line, parsed. Names are kept as tegrastats printed them ({@code VDD_IN}, {@code
 * cpu}, {@code NVENC0}); turning them into metric names is {@link MetricNames}' job.
 *
 * @param timestamp the JetPack 5+ leading {@code MM-DD-YYYY HH:MM:SS}, absent before
 * @param ram RAM, absent when the line had no {@code RAM} group
 * @param swap swap, absent before L4T 28 on some boards and when not configured
 * @param cores CPU cores in the order printed, offline ones included
 * @param engines EMC, GR3D, NVENC… by name without the {@code _FREQ} suffix
 * @param temperatures sensor name to degrees Celsius; offline sensors and the PMIC placeholder left
 *     out
 * @param offlineSensors sensors that printed {@code -256C}
 * @param rails rail name to power; {@code NC} (not connected) channels left out
 * @param recognizedTokens groups understood
 * @param unknownTokens tokens skipped because they matched no known form
 * @param problems tokens of a known field whose value was malformed, each costing that field's
 *     series
 */
record TegrastatsSample(
    Optional<LocalDateTime> timestamp,
    Optional<Memory> ram,
    Optional<Memory> swap,
    List<CpuCore> cores,
    Map<String, Engine> engines,
    Map<String, Double> temperatures,
    Set<String> offlineSensors,
    Map<String, Rail> rails,
    int recognizedTokens,
    int unknownTokens,
    List<Problem> problems) {

  /**
   * Every generation prints RAM and the CPU list; a line with neither is garbage or a fragment, and
   * its other tokens are not trusted (a stray {@code x@5C} must not become a sensor).
   */
  boolean isBad() {
    return ram.isEmpty() && cores.isEmpty();
  }

  /**
   * A token that belongs to a known field but could not be read: {@code field} is what it would
   * have fed ({@code ram}, {@code cpu}, {@code temperature}, {@code rail}, {@code engine}, {@code
   * timestamp}…), {@code token} what was printed, cut to a loggable length.
   */
  record Problem(String field, String token) {}

  /**
   * Used and total memory; {@code cachedBytes} only for swap. Tegrastats' "MB" are MiB (from
   * /proc/meminfo).
   */
  record Memory(long usedBytes, long totalBytes, OptionalLong cachedBytes) {}

  /** One CPU core; an offline ({@code off}) core has neither usage nor frequency. */
  record CpuCore(int index, boolean online, OptionalDouble usagePercent, OptionalLong freqMhz) {}

  /**
   * An engine (EMC, GR3D, NVENC, APE…). {@code on} is false for {@code off}; usage is absent where
   * tegrastats prints only a clock (Thor's GPU, {@code APE 150}); with several clocks (per GPC) the
   * highest is kept.
   */
  record Engine(boolean on, OptionalDouble usagePercent, OptionalLong freqMhz) {}

  /**
   * A power rail in milliwatts: instantaneous, tegrastats' running average, and JetPack 7.2's peak.
   */
  record Rail(long currentMilliwatts, long averageMilliwatts, OptionalLong maxMilliwatts) {}
}
