package dev.powermon.exporter.table;

import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.MetricTableWriter;
import dev.powermon.exporter.config.NearestName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which metric families are served. The operator's table (the config file's {@code metrics:})
 * decides where it has an entry; otherwise the emitting collector's default does. Every family ever
 * seen is added to the file with its default, so the file always shows the whole table.
 *
 * <p>The table tells real names from typos: an entry no collector declares and none has emitted is
 * reported with the nearest known name, and the admin API refuses such names unless the file has
 * them. Families a collector discovers at run time (emitted but not declared) are capped per
 * collector, so a device that invents names cannot grow the table and the file without bound; the
 * rest are counted.
 */
public final class MetricTable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricTable.class);

  /** What decided a family's state. */
  public enum Decision {
    TABLE,
    DEFAULT
  }

  /** Families each collector may discover at run time, beyond what it declares. */
  public static final int DISCOVERY_CAP = 256;

  /**
   * One family as the admin API shows it.
   *
   * @param unknown true when no collector declares the family and none has emitted it: likely a
   *     typo
   */
  public record Entry(
      String family,
      boolean enabled,
      Decision decidedBy,
      Set<String> collectors,
      boolean unknown) {}

  /** Outcome of an admin change. */
  public record Change(Map<String, Boolean> changed, boolean persisted, String persistError) {}

  private final Path file;
  private final Executor writer;
  private final Predicate<Path> writable;
  private final Map<String, Boolean> operator = new LinkedHashMap<>();
  private final Map<String, Boolean> defaults = new TreeMap<>();
  private final Map<String, Set<String>> collectors = new TreeMap<>();
  private final Map<String, Set<String>> declared;
  private final Set<String> declaredAnywhere = new HashSet<>();
  private final int discoveryCap;

  /** Per collector: undeclared families taken into the table, and those refused beyond the cap. */
  private final Map<String, Integer> discovered = new HashMap<>();

  private final Map<String, Long> dropped = new TreeMap<>();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();

  /**
   * One write at a time, snapshot taken inside: a discovery write can never land after, and undo,
   * an admin change.
   */
  private final Object fileLock = new Object();

  private boolean unwritableLogged;

  /**
   * Told the whole table each time it was written to the file (the config server's sync listens).
   */
  private volatile Consumer<Map<String, Boolean>> written = table -> {};

  /**
   * Counts changes to the operator's choices (written under this object's lock), so a collection
   * filtered by an older table is not served again.
   */
  private volatile long version;

  /**
   * @param file the config file that holds the table, or null when running without one
   * @param declared per collector (and the core), the families it declares, whether it runs or not
   * @param writer where discovered families are written back, off the scrape's path
   */
  public MetricTable(
      Path file,
      Map<String, Boolean> operatorTable,
      Map<String, Set<String>> declared,
      Executor writer) {
    this(file, operatorTable, declared, writer, MetricTable::canWrite, DISCOVERY_CAP);
  }

  /**
   * With the writability check as a seam (tests run as root, for whom every file is writable) and
   * the discovery cap.
   */
  MetricTable(
      Path file,
      Map<String, Boolean> operatorTable,
      Map<String, Set<String>> declared,
      Executor writer,
      Predicate<Path> writable,
      int discoveryCap) {
    this.file = file;
    this.writer = writer;
    this.writable = writable;
    this.discoveryCap = discoveryCap;
    this.declared = Map.copyOf(declared);
    declared.values().forEach(declaredAnywhere::addAll);
    this.operator.putAll(operatorTable);
    removeLeftovers(file);
  }

  /** Changes whenever the operator's choices change (the admin API, a reload). */
  public long version() {
    return version;
  }

  public synchronized boolean isEnabled(String family) {
    Boolean chosen = operator.get(family);
    return chosen != null ? chosen : defaults.getOrDefault(family, true);
  }

  /**
   * Records that {@code collector} emitted {@code family}; a family new to the file is written to
   * it with its default in the background.
   *
   * @return false when the family is one the collector discovered beyond its cap: it is counted,
   *     kept out of the table and the file, and not served
   */
  public boolean observe(String family, String collector, boolean defaultEnabled) {
    boolean added;
    synchronized (this) {
      Set<String> emitters = collectors.get(family);
      if (emitters == null || !emitters.contains(collector)) {
        boolean discovery =
            !declared.getOrDefault(collector, Set.of()).contains(family)
                && !operator.containsKey(family);
        if (discovery && !takeDiscoverySlot(collector)) {
          return false;
        }
        collectors.computeIfAbsent(family, f -> new TreeSet<>()).add(collector);
      }
      added = defaults.putIfAbsent(family, defaultEnabled) == null && !operator.containsKey(family);
    }
    if (added && file != null && writeScheduled.compareAndSet(false, true)) {
      writer.execute(
          () -> {
            writeScheduled.set(false);
            writeDiscovered(); // nothing when a direct write took these families in already
          });
    }
    return true;
  }

  private boolean takeDiscoverySlot(String collector) {
    int taken = discovered.getOrDefault(collector, 0);
    if (taken < discoveryCap) {
      discovered.put(collector, taken + 1);
      return true;
    }
    if (dropped.merge(collector, 1L, Long::sum) == 1) {
      LOG.atWarn()
          .addKeyValue("collector", collector)
          .log(
              "the collector emits more than {} families it did not declare; further new ones are not served or"
                  + " written to the config file, and are counted in powermon_discovered_families_dropped_total",
              discoveryCap);
    }
    return false;
  }

  /**
   * Per collector, how many emitted families were refused beyond the discovery cap (a count of
   * emissions).
   */
  public synchronized Map<String, Long> droppedFamilies() {
    return new TreeMap<>(dropped);
  }

  /**
   * Logs one warning per table entry that no collector declares and none has emitted, with the
   * nearest known family; at load and after a reload, once the first collection has shown what is
   * emitted.
   *
   * @return the warnings
   */
  public List<String> reportUnknown() {
    List<String> warnings = new ArrayList<>();
    synchronized (this) {
      for (String family : operator.keySet()) {
        if (!known(family)) {
          warnings.add(
              (file == null ? "" : file + ": ")
                  + "metrics."
                  + family
                  + " names a family no collector declares or emits"
                  + suggestion(family));
        }
      }
    }
    warnings.forEach(LOG::warn);
    return warnings;
  }

  private boolean known(String family) {
    return declaredAnywhere.contains(family) || defaults.containsKey(family);
  }

  /** "; did you mean X?" for the nearest known family, or "" when none is near. */
  private String suggestion(String family) {
    Set<String> names = new TreeSet<>(declaredAnywhere);
    names.addAll(defaults.keySet());
    String nearest = NearestName.of(family, names);
    return nearest == null ? "" : "; did you mean " + nearest + "?";
  }

  /**
   * Writes families found since the file was read into it now, rather than in the background: after
   * the first collection, so the file is whole before the first scrape.
   */
  public void writeDiscovered() {
    if (file == null) {
      return;
    }
    synchronized (
        fileLock) { // checked under the lock: a write that waited for it may find nothing left
      boolean pending;
      synchronized (this) {
        pending = defaults.keySet().stream().anyMatch(f -> !operator.containsKey(f));
      }
      if (pending) {
        persistLocked();
      }
    }
  }

  /**
   * Applies an operator's changes from the admin API, from the next scrape on, and writes them to
   * the file.
   *
   * @throws IllegalArgumentException naming every family that no collector declares or has emitted
   *     and that is not in the file, each with the nearest known name
   */
  public Change apply(Map<String, Boolean> changes) {
    Map<String, Boolean> changed = new LinkedHashMap<>();
    synchronized (this) {
      List<String> unknown = new ArrayList<>();
      for (String family : changes.keySet()) {
        if (!known(family) && !operator.containsKey(family)) {
          String nearest = suggestion(family);
          unknown.add(nearest.isEmpty() ? family : family + " (" + nearest.substring(2) + ")");
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown metric families: " + String.join(", ", unknown));
      }
      changes.forEach(
          (family, enabled) -> {
            if (isEnabled(family) != enabled || !operator.containsKey(family)) {
              changed.put(family, enabled);
            }
            operator.put(family, enabled);
          });
      version++;
    }
    String error = persist();
    return new Change(
        changed, error == null && file != null, file == null ? "no --config.file" : error);
  }

  /** Whom to tell the table each time it was written to the file. */
  public void onWritten(Consumer<Map<String, Boolean>> listener) {
    this.written = listener;
  }

  /** After a successful reload: the file's table replaces the operator's choices. */
  public synchronized void replaceOperatorTable(Map<String, Boolean> table) {
    operator.clear();
    operator.putAll(table);
    version++;
  }

  /** Every family known or in the table, by name. */
  public synchronized List<Entry> entries() {
    Map<String, Entry> out = new TreeMap<>();
    Set<String> names = new TreeSet<>(defaults.keySet());
    names.addAll(operator.keySet());
    for (String family : names) {
      out.put(
          family,
          new Entry(
              family,
              isEnabled(family),
              operator.containsKey(family) ? Decision.TABLE : Decision.DEFAULT,
              Set.copyOf(collectors.getOrDefault(family, Set.of())),
              !known(family)));
    }
    return new ArrayList<>(out.values());
  }

  /**
   * Writes the whole table into the file. Returns null on success, else why not (logged once per
   * kind of failure, since an unwritable file stays unwritable).
   */
  private String persist() {
    if (file == null) {
      return "no --config.file";
    }
    synchronized (fileLock) {
      return persistLocked();
    }
  }

  private String persistLocked() {
    Map<String, Boolean> snapshot;
    synchronized (this) {
      snapshot = new LinkedHashMap<>(operator);
      defaults.forEach(snapshot::putIfAbsent);
    }
    if (!writable.test(file)) {
      String why = file + " is not writable; the metric table is kept in memory only";
      logOnce(why);
      return why;
    }
    try {
      MetricTableWriter.write(file, snapshot);
      synchronized (this) {
        snapshot.forEach(operator::putIfAbsent); // what the file now says, the file decides
      }
      written.accept(snapshot);
      return null;
    } catch (IOException | ConfigException e) {
      String why = "cannot write the metric table to " + file + ": " + e.getMessage();
      logOnce(why);
      return why;
    }
  }

  /** Temp files of writes a kill interrupted: removed before this run writes anything. */
  private static void removeLeftovers(Path file) {
    if (file == null || !Files.exists(file)) {
      return;
    }
    try {
      int removed = MetricTableWriter.removeLeftovers(file);
      if (removed > 0) {
        LOG.info("removed {} temp file(s) an interrupted write of {} left behind", removed, file);
      }
    } catch (IOException e) {
      LOG.warn("cannot clean up temp files beside {}: {}", file, e.getMessage());
    }
  }

  private static boolean canWrite(Path file) {
    return Files.isWritable(file) && Files.isWritable(file.toAbsolutePath().getParent());
  }

  private synchronized void logOnce(String why) {
    if (!unwritableLogged) {
      unwritableLogged = true;
      LOG.warn(why);
    }
  }
}
