package dev.powermon.kasa;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.MultiTargetCollector;
import dev.powermon.api.TargetNotAllowedException;
import dev.powermon.net.HostPort;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/**
 * The opened collector: {@link #collect()} answers from the last poll cycle (never waits on a
 * device); {@link #collectTarget} polls one allowed device on demand.
 */
final class KasaCollector implements MultiTargetCollector {
  /** Poll intervals without a finished cycle after which the readings are stale. */
  static final int STALE_AFTER_INTERVALS = 3;

  private final KasaSettings settings;
  private final KasaPoller poller;
  private final DiscoveryLoop discovery;
  private final Set<String> targets = new HashSet<>();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private final Logger logger;
  private final Clock clock;
  private List<String> unmatchedPowers = List.of();

  private KasaCollector(
      KasaSettings settings, KasaPoller poller, DiscoveryLoop discovery, CollectorContext context) {
    this.settings = settings;
    this.poller = poller;
    this.discovery = discovery;
    this.logger = context.logger();
    this.clock = context.clock();
    settings.targets().forEach(t -> targets.add(t.label()));
  }

  static KasaCollector open(CollectorContext context) throws Exception {
    KasaSettings s = KasaSettings.from(context.settings());
    InetAddress discoveryAddress = s.discovery() ? resolve(s.discoveryAddress()) : null;
    KasaSources sources =
        new KasaSources(new KasaAccounts(s.credentials()), s.httpTargets(), s.httpPort());
    KasaPoller poller = new KasaPoller(s.timeout(), s.pollThreads(), sources, context);
    s.targets().forEach(poller::add);
    DiscoveryLoop loop = null;
    if (discoveryAddress != null) {
      Discovery d = new Discovery(discoveryAddress, s.port(), s.klapPort(), s.timeout());
      Set<String> labels = new HashSet<>();
      s.targets().forEach(t -> labels.add(t.label()));
      loop =
          new DiscoveryLoop(
              d::sweep, poller, s.port(), labels, sources::forDiscovered, context.logger());
    }
    KasaCollector collector = new KasaCollector(s, poller, loop, context);
    try {
      collector.start(context.scheduler());
    } catch (InterruptedException | RuntimeException e) {
      collector.close(); // no thread pool left behind by a failed open
      throw e;
    }
    return collector;
  }

  /** Takes a first sample (bounded) so the first scrape has data, then schedules the loops. */
  private void start(ScheduledExecutorService scheduler) throws InterruptedException {
    if (discovery != null) {
      discovery.run();
    }
    Duration firstWait = settings.timeout().plusSeconds(1);
    try {
      poller.pollAll().get(firstWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // slow devices finish in the background; the first scrape shows what has answered
    }
    long poll = settings.pollInterval().toMillis();
    tasks.add(
        scheduler.scheduleAtFixedRate(guarded(poller::pollAll), poll, poll, TimeUnit.MILLISECONDS));
    if (discovery != null) {
      long every = settings.discoveryInterval().toMillis();
      Runnable sweep =
          guarded(
              () ->
                  poller.pool().execute(discovery::run)); // the sweep blocks: not on the scheduler
      tasks.add(scheduler.scheduleAtFixedRate(sweep, every, every, TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public MetricSnapshots collect() throws IOException {
    checkFresh();
    List<DeviceState> states = poller.states();
    checkPowers(states);
    return KasaSnapshots.build(
        states,
        poller.lastCycleSeconds(),
        poller.labels().size() + klapOnly().size(),
        settings.powers());
  }

  /** {@link #collect()} answers from the poller's last cycle. */
  @Override
  public Optional<Duration> refreshInterval() {
    return Optional.of(settings.pollInterval());
  }

  @Override
  public MetricSnapshots collectTarget(String target)
      throws TargetNotAllowedException, IOException {
    HostPort t;
    try {
      t = TargetSyntax.parse(target, settings.port());
    } catch (IllegalArgumentException e) {
      throw new TargetNotAllowedException(e.getMessage());
    }
    if (!targets.contains(t.label())) {
      t = allowedByNetwork(t);
    }
    DeviceState state = poller.probe(t);
    if (!state.ok()) {
      throw new IOException(
          t.label() + ": " + state.error()); // the core answers powermon_probe_success 0
    }
    return KasaSnapshots.build(List.of(state), state.seconds(), null, settings.powers());
  }

  /**
   * Refuses to serve readings once the poller has stopped finishing cycles (its schedule died, its
   * pool is gone): past {@value #STALE_AFTER_INTERVALS} poll intervals plus the time a cycle may
   * take, the collector fails with the reason instead of serving the last readings as current.
   */
  private void checkFresh() throws IOException {
    long devices = Math.max(1, poller.labels().size());
    long rounds = (devices + settings.pollThreads() - 1) / settings.pollThreads();
    long cycleBudget =
        DeviceSession.POLL_BUDGET_IN_TIMEOUTS * settings.timeout().toMillis() * rounds;
    long bound = STALE_AFTER_INTERVALS * settings.pollInterval().toMillis() + cycleBudget;
    long last = poller.lastCycleEndMillis();
    if (clock.millis() - last > bound) {
      throw new IOException(
          "no fresh poll since "
              + Instant.ofEpochMilli(last)
              + " (devices are polled every "
              + settings.pollInterval().toMillis()
              + " ms); readings are withheld until the poller runs again");
    }
  }

  /**
   * Warns when a {@code powers} entry names none of the devices that answered (a typo would leave
   * its host counted twice in fleet totals), once each time the set of such entries changes.
   */
  private synchronized void checkPowers(List<DeviceState> states) {
    if (poller.lastCycleSeconds() == null) {
      return; // nothing has answered yet
    }
    List<String> unmatched = settings.powers().unmatched(meterNames(states));
    if (!unmatched.equals(unmatchedPowers) && !unmatched.isEmpty()) {
      logger.warn(
          "collectors.kasa.powers: {} name(s) no device id, alias, ip or outlet alias among the devices that "
              + "answered; check the spelling (it is case-sensitive). Until then those hosts are not marked as "
              + "metered by a plug.",
          unmatched);
    }
    unmatchedPowers = unmatched;
  }

  /**
   * Every name a device that answered goes by in {@code powers}: id, alias, ip, outlet aliases and
   * ids.
   */
  private static Set<String> meterNames(List<DeviceState> states) {
    Set<String> names = new HashSet<>();
    for (DeviceState state : states) {
      if (state.ok()) {
        SysInfo info = state.reading().info();
        names.addAll(Arrays.asList(info.deviceId(), info.alias(), state.ip()));
        info.outlets().forEach(o -> names.addAll(List.of(o.alias(), o.id())));
      }
    }
    return names;
  }

  /** The target resolved once to an address in probe-allow on the device port, or refused. */
  private HostPort allowedByNetwork(HostPort t) throws TargetNotAllowedException {
    return settings
        .probeAllow()
        .admit(
            t,
            Set.of(settings.port()),
            "'"
                + t.label()
                + "' is neither a configured target nor in probe-allow on port "
                + settings.port());
  }

  @Override
  public List<String> summary() {
    return Summary.lines(poller.states(), klapOnly());
  }

  private List<KlapDevice> klapOnly() {
    return discovery == null ? List.of() : discovery.klapOnly();
  }

  @Override
  public void close() {
    tasks.forEach(t -> t.cancel(false));
    poller.close();
  }

  private static InetAddress resolve(String host) throws UnknownHostException {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new UnknownHostException(
          "collectors.kasa.discovery-address: '" + host + "' does not resolve");
    }
  }

  /**
   * A periodic task that survives its own failure (a thrown exception would cancel the schedule).
   */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        // the pool is shutting down, or a bug; the next tick tries again
      }
    };
  }
}
