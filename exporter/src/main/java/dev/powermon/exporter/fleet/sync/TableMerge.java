package dev.powermon.exporter.fleet.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The merge rule of two-way sync (docs/fleet.md), per metric-table key: the server's current
 * version is the base, each change this device made on top of it is kept unless the server changed
 * the same key since this device changed it <em>and</em> that server change is newer. "Changed
 * since" compares the server's value with the one the device changed from ({@link
 * LocalChange#before}), or, when that is unknown, with the version the device last fetched. Keys
 * only one side touched keep that side's value; a key the server removed and this device changed
 * comes back if the device's change is newer.
 */
final class TableMerge {
  // Discovered families (LocalChange.added) only fill keys the server lacks.
  private TableMerge() {}

  /**
   * @param server the metric table of the server's current version
   * @param seen the metric table of the server version this device last applied; null if none
   * @param serverChangedMillis when the server's current version was stored
   * @param local this device's unsent changes
   * @return the local changes to write over {@code server}
   */
  static Map<String, Boolean> winners(
      Map<String, Boolean> server,
      Map<String, Boolean> seen,
      long serverChangedMillis,
      Map<String, LocalChange> local) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    local.forEach(
        (key, change) -> {
          if (change.added()) {
            if (!server.containsKey(key)) {
              out.put(
                  key,
                  change.enabled()); // a discovered family's default fills a gap, never a choice
            }
            return;
          }
          // A key the device never saw on the server was added since, mostly by another device's
          // discovery;
          // it does not beat this device's own change.
          boolean serverTouched =
              change.before() != null
                  ? !change.before().equals(server.get(key))
                  : seen != null
                      && seen.containsKey(key)
                      && !Objects.equals(server.get(key), seen.get(key));
          if (serverTouched && serverChangedMillis > change.atMillis()) {
            return; // the server's change came later
          }
          out.put(key, change.enabled());
        });
    return out;
  }
}
