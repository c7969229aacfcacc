package dev.powermon.exporter.table;

import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.MetricTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which metric families are served. The operator's table (the config file's {@code metrics:}) decides
 * where it has an entry; otherwise the emitting collector's default does. Every family ever seen is
 * added to the file with its default, so the file always shows the whole table.
 */
public final class MetricTable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricTable.class);

  /** What decided a family's state. */
  public enum Decision {
    TABLE,
    DEFAULT
  }

  /** One family as the admin API shows it. */
  public record Entry(String family, boolean enabled, Decision decidedBy, Set<String> collectors) {}

  /** Outcome of an admin change. */
  public record Change(Map<String, Boolean> changed, boolean persisted, String persistError) {}

  private final Path file;
  private final Executor writer;
  private final Predicate<Path> writable;
  private final Map<String, Boolean> operator = new LinkedHashMap<>();
  private final Map<String, Boolean> defaults = new TreeMap<>();
  private final Map<String, Set<String>> collectors = new TreeMap<>();
  private final AtomicBoolean writeScheduled = new AtomicBoolean();
  /** One write at a time, snapshot taken inside: a discovery write can never land after, and undo, an admin change. */
  private final Object fileLock = new Object();
  private boolean unwritableLogged;

  /**
   * @param file the config file that holds the table, or null when running without one
   * @param writer where discovered families are written back, off the scrape's path
   */
  public MetricTable(Path file, Map<String, Boolean> operatorTable, Executor writer) {
    this(file, operatorTable, writer, MetricTable::canWrite);
  }

  /** With the writability check as a seam: tests run as root, for whom every file is writable. */
  MetricTable(Path file, Map<String, Boolean> operatorTable, Executor writer, Predicate<Path> writable) {
    this.file = file;
    this.writer = writer;
    this.writable = writable;
    this.operator.putAll(operatorTable);
  }

  public synchronized boolean isEnabled(String family) {
    Boolean chosen = operator.get(family);
    return chosen != null ? chosen : defaults.getOrDefault(family, true);
  }

  /**
   * Records that {@code collector} emitted {@code family}; a family new to the file is written to it
   * with its default in the background.
   */
  public void observe(String family, String collector, boolean defaultEnabled) {
    boolean added;
    synchronized (this) {
      collectors.computeIfAbsent(family, f -> new TreeSet<>()).add(collector);
      added = defaults.putIfAbsent(family, defaultEnabled) == null && !operator.containsKey(family);
    }
    if (added && file != null && writeScheduled.compareAndSet(false, true)) {
      writer.execute(
          () -> {
            writeScheduled.set(false);
            persist();
          });
    }
  }

  /**
   * Applies an operator's changes from the admin API, from the next scrape on, and writes them to the file.
   *
   * @throws IllegalArgumentException naming every family that is neither known nor in the table
   */
  public Change apply(Map<String, Boolean> changes) {
    Map<String, Boolean> changed = new LinkedHashMap<>();
    synchronized (this) {
      List<String> unknown = new ArrayList<>();
      for (String family : changes.keySet()) {
        if (!defaults.containsKey(family) && !operator.containsKey(family)) {
          unknown.add(family);
        }
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException("unknown metric families: " + String.join(", ", unknown));
      }
      changes.forEach(
          (family, enabled) -> {
            if (isEnabled(family) != enabled || !operator.containsKey(family)) {
              changed.put(family, enabled);
            }
            operator.put(family, enabled);
          });
    }
    String error = persist();
    return new Change(changed, error == null && file != null, file == null ? "no --config.file" : error);
  }

  /** After a successful reload: the file's table replaces the operator's choices. */
  public synchronized void replaceOperatorTable(Map<String, Boolean> table) {
    operator.clear();
    operator.putAll(table);
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
              Set.copyOf(collectors.getOrDefault(family, Set.of()))));
    }
    return new ArrayList<>(out.values());
  }

  /**
   * Writes the whole table into the file. Returns null on success, else why not (logged once per kind of
   * failure, since an unwritable file stays unwritable).
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
      return null;
    } catch (IOException | ConfigException e) {
      String why = "cannot write the metric table to " + file + ": " + e.getMessage();
      logOnce(why);
      return why;
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
