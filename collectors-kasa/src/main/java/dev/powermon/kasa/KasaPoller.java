package dev.powermon.kasa;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.LabelValues;
import dev.powermon.api.MeterClass;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.PowerReadings;
import dev.powermon.net.HostPort;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Polls every known device on a bounded pool, all at once (devices not known to answer on threads
 * of their own, see {@link #MAX_UNPROVEN_AT_ONCE}), keeps the latest outcome per device for {@code
 * collect()}, and hands each meter's reading to the core ({@link PowerReadings}, meter class wall).
 * A cycle does not start while the previous one runs, so a slow fleet cannot pile up work; a dead
 * device costs one thread for at most the timeout per request. Once closed, a poll still under way
 * (a socket read is not interruptible) neither logs nor hands anything on.
 */
final class KasaPoller implements AutoCloseable {
  private final Duration timeout;
  private final Function<HostPort, KasaSource> sources;

  /**
   * Devices with no good last poll (new ones, and failing ones: perhaps dead, each holding a thread
   * for its whole timeout) are polled on threads of their own, up to this many at once, instead of
   * queueing for the pool: in a first cycle nothing is known, and a dead device queued behind a
   * hundred handshakes started late and stretched the cycle by its timeout (3.0-3.5 s instead of
   * 2.4 s at 256 devices, 26 dead, 64 poll threads). Beyond this many they join the pool's queue.
   */
  static final int MAX_UNPROVEN_AT_ONCE = 256;

  private final ThreadPoolExecutor pool;
  private final ThreadPoolExecutor unproven;
  private final DeviceStateLog stateLog;
  private final Clock clock;
  private final PowerReadings readings;
  private final FieldProblemReports problems;
  private final DeviceLabels labels = new DeviceLabels();
  private final StripEnergy stripEnergy = new StripEnergy();
  private final Map<String, DeviceSession> sessions = new ConcurrentSkipListMap<>();
  private final Map<String, DeviceState> states = new ConcurrentSkipListMap<>();
  private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();
  private volatile Double lastCycleSeconds;
  private volatile long lastCycleEndMillis;
  private volatile boolean closed;

  /** A poller whose devices all share {@code source} (a stateless one: XOR). */
  KasaPoller(Duration timeout, int threads, KasaSource source, CollectorContext context) {
    this(timeout, threads, target -> source, context);
  }

  /** {@code sources} gives each device its own source, as a KLAP session belongs to one device. */
  KasaPoller(
      Duration timeout,
      int threads,
      Function<HostPort, KasaSource> sources,
      CollectorContext context) {
    this.timeout = timeout;
    this.sources = sources;
    this.stateLog = new DeviceStateLog(context.logger());
    this.clock = context.clock();
    this.lastCycleEndMillis = clock.millis(); // freshness counts from the start until a cycle ends
    this.readings = context.powerReadings("kasa", MeterClass.WALL);
    this.problems = new FieldProblemReports(context.problems());
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            daemons("kasa-poll-"));
    pool.allowCoreThreadTimeOut(true);
    this.unproven =
        new ThreadPoolExecutor(
            0,
            MAX_UNPROVEN_AT_ONCE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemons("kasa-poll-new-"),
            (r, full) -> pool.execute(r)); // all busy: queue for the pool
  }

  /** Daemon threads named {@code prefix} and a number, so that polls never keep the JVM up. */
  private static ThreadFactory daemons(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  ExecutorService pool() {
    return pool;
  }

  /** Starts polling {@code target} from the next cycle on; a known target is left as is. */
  void add(HostPort target) {
    sessions.computeIfAbsent(
        target.label(), k -> new DeviceSession(target, timeout, sources.apply(target)));
  }

  /** Starts polling {@code target} through {@code source} (discovery's choice of transport). */
  void add(HostPort target, KasaSource source) {
    sessions.computeIfAbsent(target.label(), k -> new DeviceSession(target, timeout, source));
  }

  void remove(String label) {
    sessions.remove(label);
    DeviceState last = states.remove(label);
    if (last != null) {
      forget(last);
      stripEnergy.forget(last.device());
    }
    labels.release(label);
    problems.forget(label);
  }

  List<String> labels() {
    return new ArrayList<>(sessions.keySet());
  }

  /**
   * Starts a cycle unless one is running; the future completes when every device has answered or
   * failed. New and failing devices start at once on threads of their own ({@link
   * #MAX_UNPROVEN_AT_ONCE}), the others go to the pool slowest first, by their last poll: a device
   * that may be dead then waits its timeout while the others are polled, instead of starting late
   * and stretching the cycle by its whole timeout.
   */
  CompletableFuture<Void> pollAll() {
    CompletableFuture<Void> cycle = new CompletableFuture<>();
    CompletableFuture<Void> previous = running.get();
    if (previous != null && !previous.isDone() || !running.compareAndSet(previous, cycle)) {
      return running.get();
    }
    long start = System.nanoTime();
    Map<DeviceSession, Double> lastSeconds = new IdentityHashMap<>(); // fixed while sorting
    sessions.values().forEach(s -> lastSeconds.put(s, lastSeconds(s)));
    List<DeviceSession> order = new ArrayList<>(lastSeconds.keySet());
    order.sort(Comparator.comparingDouble(lastSeconds::get).reversed());
    List<CompletableFuture<?>> polls = new ArrayList<>();
    for (DeviceSession session : order) {
      boolean proven = lastSeconds.get(session) != Double.POSITIVE_INFINITY;
      polls.add(CompletableFuture.runAsync(() -> poll(session), proven ? pool : unproven));
    }
    CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0]))
        .whenComplete(
            (ok, error) -> {
              states.keySet().retainAll(sessions.keySet()); // forget devices removed meanwhile
              lastCycleSeconds = (System.nanoTime() - start) / 1e9;
              lastCycleEndMillis = clock.millis();
              cycle.complete(null);
            });
    return cycle;
  }

  /** How long the device's last poll took; infinite when it failed or was never polled. */
  private double lastSeconds(DeviceSession session) {
    DeviceState last = states.get(session.target().label());
    return last == null || !last.ok() ? Double.POSITIVE_INFINITY : last.seconds();
  }

  /**
   * Polls one kept device: hands on its readings (or withdraws them), counts its field problems,
   * keeps the outcome, logs what changed; nothing of this once the poller is closed. The outcome is
   * kept last, so that a scrape that sees it sees the core's readings and counts agree with it.
   * Null when another poll of the device was under way for the whole timeout.
   */
  private DeviceState poll(DeviceSession session) {
    String target = session.target().label();
    DeviceState previous = states.get(target);
    DeviceState state = attempt(session, previous, true);
    if (closed || state == null) {
      return state; // interrupted by close() or outlived it, or another poll is under way: not news
    }
    if (state.ok()) {
      handOn(state);
      problems.record(target, state.reading().problems());
    } else if (previous != null && previous.ok()) {
      forget(previous);
    }
    states.put(target, state);
    stateLog.changed(session.target(), previous, state);
    return state;
  }

  /**
   * Hands a poll's meter readings to the core: the plug's, or each outlet's and the strip's total.
   * A meter whose power is unusable hands nothing (power derived from a watt-hour counter over one
   * poll interval would be noise); its energy stays in {@code kasa_*_energy_joules_total}.
   */
  private void handOn(DeviceState state) {
    DeviceReading r = state.reading();
    if (r.total() == null) {
      return;
    }
    long now = clock.millis();
    if (r.info().kind() != SysInfo.Kind.STRIP) {
      reading(
          state.device(), PowerFamilies.TOTAL_DOMAIN, now, r.total().watts(), r.total().joules());
      return;
    }
    List<String> domains = OutletDomains.of(r.info().outlets());
    for (int i = 0; i < r.outlets().size(); i++) {
      Realtime outlet = r.outlets().get(i).realtime();
      reading(state.device(), domains.get(i), now, outlet.watts(), outlet.joules());
    }
    reading(
        state.device(),
        PowerFamilies.TOTAL_DOMAIN,
        now,
        r.total().watts(),
        stripEnergy.record(state.device(), r));
  }

  private void reading(String device, String domain, long millis, Double watts, Double joules) {
    if (watts == null) {
      return;
    }
    if (joules == null) {
      readings.watts(device, domain, Labels.EMPTY, millis, watts); // the core integrates the power
    } else {
      readings.wattsAndJoules(device, domain, Labels.EMPTY, millis, watts, joules);
    }
  }

  private void forget(DeviceState state) {
    readings.forget(state.device());
  }

  /**
   * Polls {@code target} now, on the caller's thread, for {@code /probe}. A kept device's poll is a
   * poll like any other, through its own session (one connection per device): its outcome is kept
   * and its power handed to the core, which answers it on {@code /probe} too. Another address gets
   * a one-off session and is answered alone, so a one-off probe leaves no series behind.
   */
  DeviceState probe(HostPort target) throws IOException {
    DeviceSession known = sessions.get(target.label());
    if (known != null) {
      DeviceState state = poll(known);
      if (state == null) {
        throw new IOException(
            target.label() + ": being polled by the background cycle for longer than the timeout");
      }
      return state;
    }
    return attempt(new DeviceSession(target, timeout, sources.apply(target)), null, false);
  }

  /**
   * One poll of {@code session}; {@code polled} for a device the poller keeps, which claims its id.
   * Null when another poll of the device (the cycle's, a probe's) held it for the whole timeout:
   * that one keeps and reports its own outcome.
   */
  private DeviceState attempt(DeviceSession session, DeviceState previous, boolean polled) {
    String label = session.target().label();
    String knownDevice = previous != null ? previous.device() : label;
    String ip = session.target().host();
    long start = System.nanoTime();
    try {
      ip = session.address().getAddress().getHostAddress();
      DeviceReading reading = session.poll();
      String id = reading.info().deviceId();
      String device =
          id == null
              ? knownDevice
              : polled ? labels.of(LabelValues.fromDevice(id), label) : LabelValues.fromDevice(id);
      return new DeviceState(label, ip, device, reading, null, seconds(start), session.transport());
    } catch (DeviceSession.BusyException e) {
      return null;
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new DeviceState(
          label, ip, knownDevice, null, message, seconds(start), session.transport());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeviceState(
          label, ip, knownDevice, null, "interrupted", seconds(start), session.transport());
    }
  }

  /** Every device's latest outcome, ordered by target. */
  List<DeviceState> states() {
    return new ArrayList<>(states.values());
  }

  /** When the last cycle ended (epoch ms), or when the poller started if none has. */
  long lastCycleEndMillis() {
    return lastCycleEndMillis;
  }

  /** Seconds the last complete cycle took, null before the first. */
  Double lastCycleSeconds() {
    return lastCycleSeconds;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  @Override
  public void close() {
    closed = true; // before the interrupts, so that every poll they cut short sees it
    pool.shutdownNow();
    unproven.shutdownNow();
  }
}
