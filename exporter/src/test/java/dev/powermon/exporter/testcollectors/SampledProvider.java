package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A collector that hands every reading to the core through {@link PowerReadings}: at a steady power
 * on its own schedule ({@code interval} set, declared as its sampling interval), or fed reading by
 * reading by the test ({@link #feed}). Either way the readings handed over are kept in {@link
 * #PRODUCED}, for the test to compare with what arrives. {@code /probe?target=T} reads 12 W from
 * device T. {@link #stopSampling()} makes the sampler stop as a stuck one would.
 */
public final class SampledProvider extends NamedOnlyProvider {
  public static final String DEVICE = "lab";

  /** Every reading handed to the core: epoch milliseconds to joules. */
  public static final Map<Long, Double> PRODUCED = new ConcurrentSkipListMap<>();

  static final SettingSpec INTERVAL =
      SettingSpec.builder("interval", SettingType.DURATION)
          .defaultValue("0")
          .help("How often the sampler reads; 0 leaves the readings to the test.")
          .build();
  static final SettingSpec WATTS =
      SettingSpec.builder("watts", SettingType.DECIMAL)
          .defaultValue("40")
          .help("The steady power the sampler sees.")
          .build();

  private static volatile PowerReadings readings = PowerReadings.DISCARD;
  private static volatile boolean stopped;

  public SampledProvider() {
    super("sampled", "Test collector that hands every reading to the core.");
  }

  /** Hands the core one energy reading of the {@code domain="total"} series, as a sampler would. */
  public static void feed(long epochMillis, double joules) {
    PRODUCED.put(epochMillis, joules);
    readings.joules(DEVICE, PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, epochMillis, joules);
  }

  /** Hands the core one power reading of the {@code domain="total"} series. */
  public static void feedWatts(long epochMillis, double watts) {
    readings.watts(DEVICE, PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, epochMillis, watts);
  }

  /** The steady sampler stops reading, as one stuck on a file would. */
  public static void stopSampling() {
    stopped = true;
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(INTERVAL, WATTS);
  }

  @Override
  public List<MetricSpec> metrics() {
    return PowerFamilies.SPECS;
  }

  @Override
  public Collector open(CollectorContext context) {
    PRODUCED.clear();
    stopped = false;
    readings = context.powerReadings("sampled", MeterClass.WALL);
    Duration interval = context.settings().duration(INTERVAL);
    double watts = context.settings().decimal(WATTS);
    ScheduledFuture<?> schedule = interval.isZero() ? null : steady(context, interval, watts);
    return new MultiTargetCollector() {
      @Override
      public MetricSnapshots collect() {
        return MetricSnapshots.builder().build();
      }

      /** A poll of one device at {@code target} that reads 12 W, as a plug would. */
      @Override
      public MetricSnapshots collectTarget(String target) {
        readings.watts(
            target, PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, context.clock().millis(), 12.0);
        return MetricSnapshots.builder().build();
      }

      @Override
      public Optional<Duration> samplingInterval() {
        return interval.isZero() ? Optional.empty() : Optional.of(interval);
      }

      @Override
      public void close() {
        if (schedule != null) {
          schedule.cancel(false);
        }
      }
    };
  }

  /**
   * Energy = watts x time since open, read every {@code interval}: every step's power is {@code
   * watts}.
   */
  private static ScheduledFuture<?> steady(
      CollectorContext context, Duration interval, double watts) {
    long start = context.clock().millis();
    return context
        .scheduler()
        .scheduleWithFixedDelay(
            () -> {
              if (!stopped) {
                long now = context.clock().millis();
                feed(now, watts * (now - start) / 1000.0);
              }
            },
            0,
            interval.toNanos(),
            TimeUnit.NANOSECONDS);
  }
}
