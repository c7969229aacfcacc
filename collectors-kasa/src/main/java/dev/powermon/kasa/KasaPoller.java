package dev.powermon.kasa;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;

/**
 * Polls every known device on a bounded pool, all at once, and keeps the latest outcome per device
 * for {@code collect()}. A cycle does not start while the previous one runs, so a slow fleet cannot
 * pile up work; a dead device costs one thread for at most the timeout per request.
 */
final class KasaPoller implements AutoCloseable {
  private final Duration timeout;
  private final KasaTransport transport;
  private final ThreadPoolExecutor pool;
  private final DeviceLog log;
  private final FieldProblemLog problems;
  private final EnergyLedger ledger = new EnergyLedger();
  private final Map<String, DeviceSession> sessions = new ConcurrentSkipListMap<>();
  private final Map<String, DeviceState> states = new ConcurrentSkipListMap<>();
  private final AtomicReference<CompletableFuture<Void>> running = new AtomicReference<>();
  private volatile Double lastCycleSeconds;

  KasaPoller(Duration timeout, int threads, KasaTransport transport, Logger logger) {
    this.timeout = timeout;
    this.transport = transport;
    this.log = new DeviceLog(logger);
    this.problems = new FieldProblemLog(logger);
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "kasa-poll-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  ExecutorService pool() {
    return pool;
  }

  /** Starts polling {@code target} from the next cycle on; a known target is left as is. */
  void add(Target target) {
    sessions.computeIfAbsent(target.label(), k -> new DeviceSession(target, timeout, transport));
  }

  void remove(String label) {
    sessions.remove(label);
    states.remove(label);
    problems.forget(label);
  }

  List<String> labels() {
    return new ArrayList<>(sessions.keySet());
  }

  /** Starts a cycle unless one is running; the future completes when every device has answered or failed. */
  CompletableFuture<Void> pollAll() {
    CompletableFuture<Void> cycle = new CompletableFuture<>();
    CompletableFuture<Void> previous = running.get();
    if (previous != null && !previous.isDone() || !running.compareAndSet(previous, cycle)) {
      return running.get();
    }
    long start = System.nanoTime();
    List<CompletableFuture<?>> polls = new ArrayList<>();
    for (DeviceSession session : sessions.values()) {
      polls.add(CompletableFuture.runAsync(() -> states.put(session.target().label(), poll(session)), pool));
    }
    CompletableFuture.allOf(polls.toArray(new CompletableFuture<?>[0]))
        .whenComplete((ok, error) -> {
          states.keySet().retainAll(sessions.keySet()); // forget devices removed meanwhile
          lastCycleSeconds = (System.nanoTime() - start) / 1e9;
          cycle.complete(null);
        });
    return cycle;
  }

  /** Polls one device of the cycle, logging when it starts failing or recovers. */
  private DeviceState poll(DeviceSession session) {
    DeviceState previous = states.get(session.target().label());
    DeviceState state = attempt(session, previous, ledger);
    log.changed(previous, state);
    if (state.ok()) {
      problems.record(state.target(), state.reading().problems());
    }
    return state;
  }

  /**
   * Polls {@code target} now, on the caller's thread, for {@code /probe}: through the device's own
   * session when it is polled anyway (one connection per device), else a one-off session whose
   * energy is not counted (the ledger only follows devices the exporter polls).
   */
  DeviceState probe(Target target) {
    DeviceSession known = sessions.get(target.label());
    if (known != null) {
      return attempt(known, states.get(target.label()), ledger);
    }
    return attempt(new DeviceSession(target, timeout, transport), null, null);
  }

  private static DeviceState attempt(DeviceSession session, DeviceState previous, EnergyLedger ledger) {
    String label = session.target().label();
    String knownId = previous != null ? previous.deviceId() : label;
    String ip = session.target().host();
    long start = System.nanoTime();
    try {
      ip = session.address().getAddress().getHostAddress();
      DeviceReading reading = session.poll();
      String id = reading.info().deviceId() != null ? reading.info().deviceId() : knownId;
      Map<String, Double> energy = ledger == null ? Map.of() : ledger.record(id, reading);
      return new DeviceState(label, ip, id, reading, null, seconds(start), energy);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      return new DeviceState(label, ip, knownId, null, message, seconds(start), Map.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new DeviceState(label, ip, knownId, null, "interrupted", seconds(start), Map.of());
    }
  }

  /** Every device's latest outcome, ordered by target. */
  List<DeviceState> states() {
    return new ArrayList<>(states.values());
  }

  /** Unusable fields counted so far, per field path. */
  Map<String, Long> problemCounts() {
    return problems.counts();
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
    pool.shutdownNow();
  }
}
