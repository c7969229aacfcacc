package dev.powermon.nvidia;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.MeterClass;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.api.StateLog;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads every GPU on its own thread each interval and hands power to the core: NVML's energy
 * counter with its power (the counter integrates at the GPU's own rate, so it is preferred), or
 * nvidia-smi's watts, which the core integrates. Scrapes are answered from the last read.
 */
final class NvidiaCollector implements Collector {
  static final String SOURCE = "nvidia";

  private final GpuSource source;
  private final PowerReadings readings;
  private final StateLog log;
  private final Clock clock;
  private final Duration cycle;
  private final ScheduledExecutorService thread;
  private volatile List<GpuReading> latest = List.of();
  private volatile String failure;
  private volatile Set<String> fed = new HashSet<>();

  private NvidiaCollector(CollectorContext context, GpuSource source, Duration cycle) {
    this.source = source;
    this.readings = context.powerReadings(SOURCE, MeterClass.COMPONENT);
    this.log = new StateLog(context.logger());
    this.clock = context.clock();
    this.cycle = cycle;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nvidia-sampler");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Takes a first reading, then reads every {@code interval} in the background.
   *
   * @param cycle the longest a healthy read cycle takes (the interval, plus nvidia-smi's deadline)
   */
  static NvidiaCollector start(
      CollectorContext context, GpuSource source, Duration interval, Duration cycle) {
    NvidiaCollector c = new NvidiaCollector(context, source, cycle);
    c.sample();
    c.thread.scheduleWithFixedDelay(
        c::sample, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    return c;
  }

  private void sample() {
    try {
      List<GpuReading> gpus = source.read();
      feed(gpus, clock.millis());
      latest = gpus;
      failure = null;
      log.ok(source.backend(), "reading GPUs again");
    } catch (IOException e) {
      fail(e.getMessage());
    } catch (RuntimeException e) { // a task that throws is never run again
      fail("reading GPUs failed unexpectedly: " + e);
    }
  }

  private void fail(String why) {
    failure = why;
    latest = List.of();
    log.failing(source.backend(), why);
  }

  /** Each GPU's power to the core; a GPU without a power reading ([N/A]) has no power series. */
  private void feed(List<GpuReading> gpus, long now) {
    Set<String> fedNow = new HashSet<>();
    for (GpuReading g : gpus) {
      if (Double.isNaN(g.watts()) && Double.isNaN(g.joules())) {
        continue;
      }
      readings.reading(
          g.uuid(), PowerFamilies.TOTAL_DOMAIN, Labels.EMPTY, now, g.watts(), g.joules());
      fedNow.add(g.uuid());
    }
    fed.stream().filter(uuid -> !fedNow.contains(uuid)).forEach(readings::forget);
    fed = fedNow;
  }

  /**
   * @throws IOException with the backend's reason when the last read failed (nvidia-smi past its
   *     deadline, NVML lost the GPUs)
   */
  @Override
  public MetricSnapshots collect() throws IOException {
    String why = failure;
    if (why != null) {
      throw new IOException(why);
    }
    return NvidiaFamilies.build(latest, source.backend());
  }

  /** The core holds the sampler to its cycle while it hands in power. */
  @Override
  public Optional<Duration> samplingInterval() {
    return fed.isEmpty() ? Optional.empty() : Optional.of(cycle);
  }

  /** One line per GPU for {@code powermon probe}. */
  @Override
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    for (GpuReading g : latest) {
      lines.add(
          String.format(
              "GPU %d  %s  %s  %s  %s  (%s)",
              g.index(),
              g.name(),
              g.uuid(),
              g.pciBusId(),
              Double.isNaN(g.watts()) ? "no power reading" : String.format("%.2f W", g.watts()),
              source.backend()));
    }
    return lines;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    source.close();
  }
}
