package dev.powermon.testkit;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MeterClass;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.Settings;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real {@link CollectorContext} for tests: settings parsed the way the core parses them, a real
 * scheduler (closed with the context), the system clock, power readings and parse problems kept for
 * assertions ({@link #readings(String)}, {@link #problems()}). Use in try-with-resources.
 */
public final class TestContext implements CollectorContext, AutoCloseable {
  private final Settings settings;
  private final ScheduledExecutorService scheduler;
  private final String hostname;
  private final boolean hostPowerMeasured;
  private final Logger logger;
  private final List<MetricSpec> declared;
  private final Map<String, RecordedReadings> readings = new ConcurrentHashMap<>();
  private final RecordedProblems problems = new RecordedProblems();

  private TestContext(Builder b) {
    this.settings = Settings.parse(b.provider.name(), b.provider.settings(), b.settings);
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "test-scheduler");
              t.setDaemon(true);
              return t;
            });
    this.hostname = b.hostname;
    this.hostPowerMeasured = b.hostPowerMeasured;
    this.logger = LoggerFactory.getLogger("collector." + b.provider.name());
    this.declared = b.provider.metrics();
  }

  /** A context for {@code provider}'s collector; add settings as the operator would write them. */
  public static Builder forProvider(CollectorProvider provider) {
    return new Builder(provider);
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public String hostname() {
    return hostname;
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public boolean hostPowerMeasured() {
    return hostPowerMeasured;
  }

  /** Keeps every reading; see {@link #readings(String)}. */
  @Override
  public RecordedReadings powerReadings(String source, MeterClass meterClass) {
    return readings.computeIfAbsent(
        source, s -> new RecordedReadings(s, meterClass, PowerFamilies.declaredExtras(declared)));
  }

  /** The readings the collector handed over for {@code source}; throws when it asked for none. */
  public RecordedReadings readings(String source) {
    RecordedReadings r = readings.get(source);
    if (r == null) {
      throw new AssertionError("the collector asked for no PowerReadings of source " + source);
    }
    return r;
  }

  @Override
  public RecordedProblems problems() {
    return problems;
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Builder. */
  public static final class Builder {
    private final CollectorProvider provider;
    private final Map<String, List<String>> settings = new LinkedHashMap<>();
    private String hostname = "test-host";
    private boolean hostPowerMeasured;

    private Builder(CollectorProvider provider) {
      this.provider = provider;
    }

    /** One setting, as text; several values for a list setting. */
    public Builder setting(String name, String... values) {
      settings.put(name, List.of(values));
      return this;
    }

    public Builder hostname(String hostname) {
      this.hostname = hostname;
      return this;
    }

    public Builder hostPowerMeasured(boolean measured) {
      this.hostPowerMeasured = measured;
      return this;
    }

    public TestContext build() {
      return new TestContext(this);
    }
  }
}
