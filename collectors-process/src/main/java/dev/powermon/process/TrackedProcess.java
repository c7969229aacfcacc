package dev.powermon.process;

import dev.powermon.api.LabelValues;

/**
 * A process as the table keeps it between walks: its CPU ticks at the last walk and what names its
 * groups, each read once per process lifetime (command line and cgroup only when a grouping needs
 * them), never every interval.
 */
final class TrackedProcess {
  private final ProcessKey key;
  private final String comm;
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

  String matchGroup() {
    return matchGroup;
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
