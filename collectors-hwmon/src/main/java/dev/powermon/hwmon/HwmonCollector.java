package dev.powermon.hwmon;

import dev.powermon.api.Collector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Serves what the background {@link HwmonSampler} last read; a scrape never touches sysfs. */
final class HwmonCollector implements Collector {
  private final HwmonSampler sampler;
  private final ScheduledExecutorService thread;
  private final Duration cycle;
  private final Clock clock;

  /**
   * @param cycle the longest a healthy sample cycle takes: the interval, the chips' read deadline,
   *     and the PMIC's deadline if it is read
   */
  HwmonCollector(
      HwmonSampler sampler, ScheduledExecutorService thread, Duration cycle, Clock clock) {
    this.sampler = sampler;
    this.thread = thread;
    this.cycle = cycle;
    this.clock = clock;
  }

  /**
   * @throws IOException when the sampler has not read for three intervals (it is stuck); its power
   *     is then withheld by the core as well
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    HwmonSampler.Snapshot s = sampler.latest();
    if (clock.millis() - s.epochMillis() > 3 * Math.max(cycle.toMillis(), 1000)) {
      throw new IOException(
          "no fresh reading since "
              + Instant.ofEpochMilli(s.epochMillis())
              + ": the hwmon sampler is stuck (a sysfs read that does not return?)");
    }
    return HwmonFamilies.build(s);
  }

  /** While power is handed to the core, the core holds the sampler to its cycle. */
  @Override
  public Optional<Duration> samplingInterval() {
    HwmonSampler.Snapshot s = sampler.latest();
    return s != null && s.fedPower() ? Optional.of(cycle) : Optional.empty();
  }

  /** The last sample, for tests that compare it with another exporter. */
  HwmonSampler.Snapshot latestForTest() {
    return sampler.latest();
  }

  /** One line per chip and sensor, for {@code powermon probe}. */
  @Override
  public List<String> summary() {
    HwmonSampler.Snapshot s = sampler.latest();
    List<String> lines = new ArrayList<>();
    for (Chip chip : s.chips()) {
      lines.add(
          chip.label()
              + "  ("
              + chip.name()
              + ", "
              + (chip.device().isEmpty() ? "no device" : chip.device())
              + ")");
      for (Sensor sensor : chip.sensors()) {
        lines.add("  " + sensor.file() + "  " + sensor.name() + "  " + format(sensor));
      }
    }
    s.pmic()
        .ifPresent(
            p -> {
              lines.add(HwmonFamilies.PMIC_CHIP + "  (vcgencmd pmic_read_adc)");
              p.watts().forEach((rail, w) -> lines.add(String.format("  %s  %.3f W", rail, w)));
              lines.add(
                  String.format(
                      "  %s  %.3f W (misses the 5 V input's losses)", PmicReading.SUM, p.sum()));
              Optional.ofNullable(p.volts().get("EXT5V"))
                  .ifPresent(v -> lines.add(String.format("  EXT5V  %.3f V", v)));
            });
    return lines;
  }

  private static String format(Sensor s) {
    switch (s.kind()) {
      case POWER_INPUT:
      case POWER_AVERAGE:
        return String.format("%.3f W", s.value());
      case ENERGY:
        return String.format("%.3f J", s.value());
      case CURRENT:
        return String.format("%.3f A", s.value());
      case VOLTAGE:
        return String.format("%.3f V", s.value());
      default:
        return String.format("%.1f °C", s.value());
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sampler.close();
  }
}
