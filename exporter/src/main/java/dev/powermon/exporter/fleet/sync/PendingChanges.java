package dev.powermon.exporter.fleet.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.powermon.exporter.fleet.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local changes not yet acknowledged by the config server, kept beside the config file ({@code
 * <config.file>.sync-pending}, JSON, replaced atomically) so a restart while the server is down
 * loses none. The values themselves are in the config file's metric table already; this file says
 * which of them still have to reach the server, and when each changed (for the merge rule).
 */
final class PendingChanges {
  private static final Logger LOG = LoggerFactory.getLogger(PendingChanges.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bounded like the metric table: every family of every collector fits many times over. */
  static final int MAX = 10_000;

  private final Path file;
  private final Map<String, LocalChange> changes = new LinkedHashMap<>();

  PendingChanges(Path configFile) {
    this.file = configFile.resolveSibling(configFile.getFileName() + ".sync-pending");
    try {
      changes.putAll(
          JSON.readValue(
              Files.readAllBytes(file), new TypeReference<Map<String, LocalChange>>() {}));
    } catch (NoSuchFileException e) {
      // nothing pending
    } catch (IOException e) {
      LOG.warn(
          "{} is unreadable ({}); changes made before the restart are not sent again",
          file,
          e.getMessage());
    }
  }

  /**
   * Queues {@code change}. A key changed again before the server acknowledged the first change
   * keeps the value it was first changed from: that is what the server's value is compared with.
   */
  synchronized void put(String key, LocalChange change) {
    LocalChange queued = changes.get(key);
    if (queued != null) {
      changes.put(
          key,
          new LocalChange(change.enabled(), change.atMillis(), change.added(), queued.before()));
    } else if (changes.size() < MAX) {
      changes.put(key, change);
    }
    save();
  }

  synchronized Map<String, LocalChange> snapshot() {
    return new LinkedHashMap<>(changes);
  }

  /** Removes what the server acknowledged, unless it changed again since. */
  synchronized void acknowledged(Map<String, LocalChange> sent) {
    sent.forEach(changes::remove);
    save();
  }

  synchronized int size() {
    return changes.size();
  }

  synchronized boolean isEmpty() {
    return changes.isEmpty();
  }

  private void save() {
    try {
      if (changes.isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        AtomicFiles.write(file, JSON.writeValueAsBytes(changes));
      }
    } catch (IOException e) {
      LOG.warn("cannot keep the changes for the config server in {}: {}", file, e.getMessage());
    }
  }
}
