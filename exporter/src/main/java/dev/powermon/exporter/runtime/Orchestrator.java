package dev.powermon.exporter.runtime;

import dev.powermon.api.ExposedNames;
import dev.powermon.api.Families;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.exporter.meta.MetaMetrics;
import dev.powermon.exporter.meta.ProcessMetrics;
import dev.powermon.exporter.table.MetricTable;
import dev.powermon.exporter.window.PowerWindows;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one client_java collector registered with the registry: runs every collector in parallel
 * under its own deadline, catches everything (a broken collector costs its own series, never the
 * scrape), merges families emitted by several collectors, applies the metric table and adds the
 * meta-metrics.
 *
 * <p>One collection serves every concurrent scraper: a scrape that arrives within the last
 * collection's reuse window ({@link Collected#reuseNanos()}: the shortest refresh interval of the
 * running collectors, zero when one reads at scrape time) gets its result again; past it, the first
 * scrape collects anew, and those arriving meanwhile get the last result while it is less than two
 * windows old, else wait for the new one. Snapshots are immutable and a result is handed out only
 * once complete, so no scraper sees a half-built one. Changing the collectors, the core's families
 * or the metric table, and {@link #invalidate()}, end the reuse: the next scrape collects anew.
 */
public final class Orchestrator implements MultiCollector {
  private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);
  public static final String CORE = "core";

  private final MetricTable table;
  private final MetaMetrics meta;
  private final ProcessMetrics process;
  private final PowerWindows windows;
  private final CollectorHealth health;
  private final Set<String> reportedProblems = ConcurrentHashMap.newKeySet();
  private final FamilyMerger merger = new FamilyMerger(this::reportOnce);
  private volatile List<CollectorRunner> runners = List.of();
  private volatile GaugeSnapshot lastPower;
  private volatile List<CollectionResult> lastResults = List.of();
  private volatile long lastCollectionNanos;
  private volatile Supplier<List<MetricSnapshot>> extraFamilies = List::of;
  private volatile boolean ready;
  private final Object collecting = new Object();

  /** The collection under way, or null; written under {@link #collecting}. */
  private volatile CompletableFuture<Collected> inFlight;

  /** The last complete collection, served again within its reuse window; null when invalidated. */
  private volatile Collected last;

  /**
   * Counts invalidations (guarded by {@link #collecting}): a collection that began before one is
   * handed to its waiting scrapers but never reused.
   */
  private long generation;

  /** Numbers collections in the order they began, so later ones are told from earlier ones. */
  private long sequence;

  /**
   * The core's own families, which are served only as declared (the checked path of those not built
   * by Families).
   */
  private static final List<MetricSpec> OWN_SPECS = ownSpecs();

  private volatile List<MetricSpec> coreSpecs = OWN_SPECS;

  /** The clock reuse windows are measured by; System.nanoTime but in tests. */
  private final LongSupplier nanoTime;

  public Orchestrator(
      MetricTable table,
      MetaMetrics meta,
      ProcessMetrics process,
      PowerWindows windows,
      CollectorHealth health) {
    this(table, meta, process, windows, health, System::nanoTime);
  }

  /** With the clock reuse windows are measured by. */
  Orchestrator(
      MetricTable table,
      MetaMetrics meta,
      ProcessMetrics process,
      PowerWindows windows,
      CollectorHealth health,
      LongSupplier nanoTime) {
    this.table = table;
    this.health = health;
    this.meta = meta;
    this.process = process;
    this.windows = windows;
    this.nanoTime = nanoTime;
  }

  /** Replaces the running collectors (at start and after a reload). */
  public void setRunners(List<CollectorRunner> runners) {
    this.runners = List.copyOf(runners);
    invalidate();
  }

  /**
   * Families the core adds beside the meta-metrics (the push counters), asked for at every
   * collection; {@code declared} are their specs, against which every collection is checked.
   */
  public void setExtraFamilies(List<MetricSpec> declared, Supplier<List<MetricSnapshot>> families) {
    List<MetricSpec> specs = new ArrayList<>(OWN_SPECS);
    specs.addAll(declared);
    this.coreSpecs = List.copyOf(specs);
    this.extraFamilies = families;
    invalidate();
  }

  public List<CollectorRunner> runners() {
    return runners;
  }

  /**
   * The families built from {@code collector}'s readings received since {@code sinceMillis} (epoch
   * ms): a {@code /probe} answer's power and energy.
   */
  public List<MetricSnapshot> readingsSince(String collector, long sinceMillis) {
    return windows.familiesReadSince(collector, sinceMillis);
  }

  /**
   * The last collection, per collector, with the families built from its readings; empty before the
   * first.
   */
  public List<CollectionResult> lastResults() {
    return lastResults;
  }

  /**
   * When the last collection ran (System.nanoTime), for the landing page to tell whether to collect
   * again.
   */
  public long lastCollectionNanos() {
    return lastCollectionNanos;
  }

  /** The core's power windows, read-only: the landing page's sparklines and meter classes. */
  public PowerWindows windows() {
    return windows;
  }

  /** The unified power family of the last scrape, for the landing page; null before the first. */
  public GaugeSnapshot lastPower() {
    return lastPower;
  }

  /**
   * What a scrape would serve, for a push: the same as a scrape, as reading never changes a window.
   */
  public MetricSnapshots collectForPush() {
    return collect();
  }

  /**
   * The collection at startup, before the first scrape: every family reaches the metric table (and
   * so the admin list and the file) and every collector's state is logged. Each collector is
   * bounded by its own deadline, so a hung one cannot hold readiness longer.
   */
  public void collectFirst() {
    collect();
    ready = true;
  }

  /** Whether the first collection is done: {@code /-/ready} answers 503 until then. */
  public boolean ready() {
    return ready;
  }

  /**
   * A scrape: the last collection while it is within its reuse window, else the collection under
   * way, else a new one. Power series fed through readings are built from their fixed windows; see
   * {@link PowerWindows}.
   */
  @Override
  public MetricSnapshots collect() {
    return collected().snapshots();
  }

  /**
   * What {@link #collect()} serves, with when it was collected and for how long it is reused; the
   * telemetry path caches its encoded bodies by it.
   */
  public Collected collected() {
    Collected reusable = reusable();
    if (reusable != null) {
      return reusable;
    }
    CompletableFuture<Collected> shared;
    CompletableFuture<Collected> mine = null;
    long began;
    long number = 0;
    synchronized (collecting) {
      reusable =
          reusable(); // a collection may have completed while this scrape waited for the lock
      if (reusable != null) {
        return reusable;
      }
      if (inFlight == null) {
        mine = new CompletableFuture<>();
        inFlight = mine;
        number = ++sequence;
      }
      shared = inFlight;
      began = generation;
    }
    return mine == null ? shared.join() : collectFor(mine, began, number);
  }

  /**
   * The last collection if a scrape now may be served it without waiting, else null: within its
   * reuse window, or within a second window while a newer collection is under way (so the scrapes
   * arriving meanwhile do not all wait for it), and nothing it was built from changed.
   */
  public Collected reusable() {
    Collected recent = last;
    if (recent == null) {
      return null;
    }
    long now = nanoTime.getAsLong();
    long version = table.version();
    if (recent.reusableAt(now, version)) {
      return recent;
    }
    return inFlight != null && recent.servableWhileRefreshedAt(now, version) ? recent : null;
  }

  /** Runs one collection for the caller and every scrape that joined {@code mine} meanwhile. */
  private Collected collectFor(CompletableFuture<Collected> mine, long began, long number) {
    try {
      Collected result = collectNow(number);
      synchronized (collecting) {
        if (generation == began) { // else what it collected was replaced meanwhile: never reuse it
          last = result;
        }
      }
      mine.complete(result);
      return result;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      synchronized (collecting) {
        if (inFlight == mine) { // else the collectors changed meanwhile and a newer one runs
          inFlight = null;
        }
      }
    }
  }

  /**
   * The next scrape collects anew rather than reusing or joining a collection of what was replaced
   * (the collectors after a reload, the core's families, the reload state).
   */
  public void invalidate() {
    synchronized (collecting) {
      generation++;
      inFlight = null;
      last = null;
    }
  }

  private Collected collectNow(long number) {
    long startNanos = nanoTime.getAsLong();
    long startMillis = System.currentTimeMillis();
    // Read before the table is: a change made while this collection runs ends its reuse.
    long tableVersion = table.version();
    List<CollectorRunner> running = runners;
    List<CollectionResult> results = runAll(running);
    Duration reuse = reuseWindow(running); // after runAll: a runner takes its opened collector then
    List<CollectionResult> withReadings = withReadings(results);
    lastResults = withReadings;
    lastCollectionNanos = System.nanoTime();
    List<MetricSnapshot> out = new ArrayList<>();
    for (FamilyMerger.Family family : merger.merge(withReadings)) {
      String name = ExposedNames.of(family.snapshot());
      boolean admitted = false;
      for (String collector : family.collectors()) {
        admitted |= table.observe(name, collector, defaultFor(collector, name));
      }
      if (!admitted) {
        continue; // discovered beyond the collector's cap: counted by the table, not served
      }
      if (name.equals(PowerFamilies.POWER) && family.snapshot() instanceof GaugeSnapshot) {
        lastPower = (GaugeSnapshot) family.snapshot();
      }
      if (table.isEnabled(name)) {
        out.add(family.snapshot());
      }
    }
    List<MetricSnapshot> own = new ArrayList<>(meta.snapshots(results, table.droppedFamilies()));
    own.addAll(health.snapshots(running, windows));
    own.addAll(meta.collection(startMillis / 1000.0, reuse.toNanos() / 1e9));
    own.addAll(process.snapshots());
    own.addAll(extraFamilies.get());
    for (MetricSnapshot s : own) {
      List<String> undeclared = Families.problems(coreSpecs, s);
      if (!undeclared.isEmpty()) {
        undeclared.forEach(this::reportOnce); // a core bug: its family is dropped, never the scrape
        continue;
      }
      String name = ExposedNames.of(s);
      table.observe(name, CORE, true);
      if (table.isEnabled(name)) {
        out.add(s);
      }
    }
    return new Collected(
        new MetricSnapshots(out), number, startNanos, reuse.toNanos(), tableVersion);
  }

  /**
   * How long a collection of {@code running} may be served again: the shortest refresh interval of
   * the open collectors, as their background samplers and pollers change nothing sooner; zero when
   * one reads at scrape time, or none is open. A collector not open yet is left out: it fails fast
   * whenever asked, and is seen open at most one window later.
   */
  static Duration reuseWindow(List<CollectorRunner> running) {
    Duration shortest = null;
    for (CollectorRunner r : running) {
      Optional<Duration> window = r.reuseWindow();
      if (window.isPresent() && (shortest == null || window.get().compareTo(shortest) < 0)) {
        shortest = window.get();
      }
    }
    return shortest == null ? Duration.ZERO : shortest;
  }

  /**
   * Each successful collector's snapshots followed by the families the core builds from its
   * readings; a failed or stale collector's readings are not served.
   */
  private List<CollectionResult> withReadings(List<CollectionResult> results) {
    List<CollectionResult> out = new ArrayList<>(results.size());
    for (CollectionResult r : results) {
      if (!r.success()) {
        out.add(r);
        continue;
      }
      List<MetricSnapshot> built = windows.families(r.collector());
      if (built.isEmpty()) {
        out.add(r);
        continue;
      }
      List<MetricSnapshot> all = new ArrayList<>();
      r.snapshots().forEach(all::add);
      all.addAll(built);
      out.add(
          new CollectionResult(
              r.collector(), new MetricSnapshots(all), r.durationSeconds(), r.error()));
    }
    return out;
  }

  /** Runs {@code selected} in parallel, each under its own deadline. */
  public static List<CollectionResult> runAll(List<CollectorRunner> selected) {
    long start = System.nanoTime();
    List<Future<MetricSnapshots>> pending = new ArrayList<>(selected.size());
    for (CollectorRunner r : selected) {
      pending.add(r.begin());
    }
    List<CollectionResult> results = new ArrayList<>(selected.size());
    for (int i = 0; i < selected.size(); i++) {
      CollectorRunner r = selected.get(i);
      results.add(r.finish(pending.get(i), start, start + r.plan().deadline().toNanos()));
    }
    return results;
  }

  private static List<MetricSpec> ownSpecs() {
    List<MetricSpec> out = new ArrayList<>(MetaMetrics.SPECS);
    out.addAll(CollectorHealth.SPECS);
    out.addAll(ProcessMetrics.SPECS);
    return List.copyOf(out);
  }

  private boolean defaultFor(String collector, String family) {
    for (CollectorRunner r : runners) {
      if (r.name().equals(collector)) {
        return r.plan().provider().enabledByDefault(family);
      }
    }
    return true;
  }

  private void reportOnce(String problem) {
    if (reportedProblems.add(problem)) {
      LOG.warn(problem);
    }
  }
}
