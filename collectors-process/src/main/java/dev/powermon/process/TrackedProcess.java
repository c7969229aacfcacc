package dev.powermon.process;

import dev.powermon.api.LabelValues;

/**
 * A process as the table keeps it between walks: its CPU ticks at the last walk and what names its
 * groups, read once per process lifetime (command line and cgroup only when a grouping needs them),
 * and again only when its command name changes (exec).
 */
final class TrackedProcess {
  private final ProcessKey key;
  private String comm;
  long lastTicks;
  long seenInWalk;
  private String matchGroup;
  private Container container;
  private String cgroup;

  TrackedProcess(ProcessKey key, String comm, long ticks) {
    this.key = key;
    this.comm = LabelValues.fromDevice(comm);
    this.lastTicks = ticks;
  }

  ProcessKey key() {
    return key;
  }

  String comm() {
    return comm;
  }

  /**
   * Takes the name the latest stat shows; true when it changed, as it does when the process calls
   * exec after the walk saw it between fork and exec, so what names its groups must be read again.
   */
  boolean renamed(String latest) {
    String clean = LabelValues.fromDevice(latest);
    if (clean.equals(comm)) {
      return false;
    }
    comm = clean;
    return true;
  }

  void matchGroup(String group) {
    this.matchGroup = group;
  }

  Container container() {
    return container;
  }

  String cgroup() {
    return cgroup;
  }

  void cgroup(String path, Container container) {
    this.cgroup = LabelValues.fromDevice(path);
    this.container = container;
  }

  /** The group this process belongs to under {@code by}. */
  String group(GroupBy by) {
    switch (by) {
      case PROCESS:
        return comm + ":" + key.pid();
      case COMMAND:
        return comm;
      case CONTAINER:
        return container == null ? "unknown" : container.group();
      case CGROUP:
        return cgroup == null ? "unknown" : cgroup;
      default:
        return matchGroup == null ? GroupLedger.OTHER : matchGroup;
    }
  }
}
