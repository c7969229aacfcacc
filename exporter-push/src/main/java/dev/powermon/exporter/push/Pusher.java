package dev.powermon.exporter.push;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushing: every interval it takes the samples of one collection and queues them for each target;
 * each target sends from its own thread. Nothing here runs on the path of a scrape.
 */
public final class Pusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

  /** How long shutdown waits for the queues to empty before it counts the rest as dropped. */
  static final Duration FLUSH_DEADLINE = Duration.ofSeconds(5);

  static final int BATCH_SAMPLES = 2000;

  /** Where one push comes from; {@code nowMillis} is the samples' timestamp. */
  @FunctionalInterface
  public interface Source {
    Collected collect(long nowMillis);
  }

  /**
   * One collection: as snapshots for the Pushgateway (which takes the exposition) and as samples
   * for the queued targets.
   */
  public record Collected(MetricSnapshots snapshots, List<Sample> samples) {}

  private final Source source;
  private final Clock clock;
  private final List<PushTarget> targets;
  private final List<GatewayTarget> gateways;
  private final List<Thread> threads = new ArrayList<>();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "powermon-push"));

  Pusher(Source source, Clock clock, List<PushTarget> targets, List<GatewayTarget> gateways) {
    this.source = source;
    this.clock = clock;
    this.targets = List.copyOf(targets);
    this.gateways = List.copyOf(gateways);
  }

  /** Starts pushing to every target of {@code config}. */
  public static Pusher start(PushConfig config, Source source, String userAgent) {
    HttpClient client = HttpPush.client(config.timeout());
    List<PushTarget> targets = new ArrayList<>();
    for (URI url : config.remoteWrite()) {
      HttpPush http =
          new HttpPush(
              client,
              url,
              config.timeout(),
              config.headers(),
              config.remoteWriteCredentials(),
              userAgent);
      targets.add(target(new RemoteWriteSender(http), url, config.queueSamples(), series -> true));
    }
    PushConfig.Influx influx = config.influx();
    if (influx != null) {
      HttpPush http =
          new HttpPush(
              client, influx.url(), config.timeout(), Map.of(), influx.credentials(), userAgent);
      targets.add(
          target(
              new InfluxSender(http, influx.org(), influx.bucket()),
              influx.url(),
              config.queueSamples(),
              LineProtocol::accepts));
    }
    List<GatewayTarget> gateways = new ArrayList<>();
    if (config.pushgateway() != null) {
      URI url = GatewayTarget.groupUrl(config.pushgateway(), config.instance());
      gateways.add(
          new GatewayTarget(
              new HttpPush(client, url, config.timeout(), Map.of(), Credentials.NONE, userAgent),
              new TargetStats(PushConfig.targetLabel(config.pushgateway()), () -> 0),
              Clock.systemUTC()));
    }
    Pusher pusher = new Pusher(source, Clock.systemUTC(), targets, gateways);
    pusher.run(config.interval());
    pusher
        .stats()
        .forEach(
            t ->
                LOG.atInfo()
                    .addKeyValue("target", t.target())
                    .addKeyValue("interval", config.interval())
                    .log("pushing"));
    return pusher;
  }

  static PushTarget target(Sender sender, URI url, int queueSamples, Predicate<Series> accepts) {
    SendQueue queue = new SendQueue(queueSamples, BATCH_SAMPLES);
    TargetStats stats = new TargetStats(PushConfig.targetLabel(url), queue::size);
    return new PushTarget(sender, queue, stats, Backoff.DEFAULT, Clock.systemUTC(), accepts);
  }

  /** Starts the target threads and the ticker that collects every {@code interval}. */
  void run(Duration interval) {
    for (PushTarget t : targets) {
      Thread thread = daemon(t, "powermon-push-" + t.stats().target());
      threads.add(thread);
      thread.start();
    }
    // Fixed delay, not rate: a late tick never bursts to catch up, so no two pushes share a
    // millisecond.
    ticker.scheduleWithFixedDelay(this::pushOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One collection, queued for every target, and everything queued sent; the gateways get it whole.
   */
  void pushOnce() {
    try {
      Collected collected = source.collect(clock.millis());
      targets.forEach(t -> t.offer(collected.samples()));
      gateways.forEach(g -> g.push(collected.snapshots()));
    } catch (RuntimeException e) {
      LOG.warn(
          "collecting for a push failed: {}", e.toString()); // a bug; the next tick tries again
    }
    targets.forEach(PushTarget::flush);
  }

  /**
   * Queues samples taken between ticks (high-rate readings); they leave with the next flush or full
   * batch.
   */
  public void offer(List<Sample> samples) {
    targets.forEach(t -> t.offer(samples));
  }

  /** The push families, for {@code /metrics}. */
  public List<MetricSnapshot> metrics() {
    return PushMetrics.snapshots(stats());
  }

  private List<TargetStats> stats() {
    List<TargetStats> stats = new ArrayList<>();
    targets.forEach(t -> stats.add(t.stats()));
    gateways.forEach(g -> stats.add(g.stats()));
    return stats;
  }

  /**
   * Stops collecting (a collection under way finishes), then gives the targets {@link
   * #FLUSH_DEADLINE} to send what they hold.
   */
  @Override
  public void close() {
    ticker.shutdown();
    try {
      ticker.awaitTermination(FLUSH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      targets.forEach(t -> t.queue().close());
      long deadline = System.nanoTime() + FLUSH_DEADLINE.toNanos();
      for (GatewayTarget g : gateways) {
        g.close(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      for (Thread thread : threads) {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < threads.size(); i++) {
      threads.get(i).interrupt();
      PushTarget t = targets.get(i);
      int left = t.queue().discardAll();
      if (left > 0) {
        t.stats().dropped(TargetStats.SHUTDOWN, left);
        LOG.atWarn()
            .addKeyValue("target", t.stats().target())
            .log(
                "{} samples were still queued when the flush deadline passed; they are dropped",
                left);
      }
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
