package dev.powermon.process;

import dev.powermon.api.LabelValues;

/**
 * A process as the table keeps it between walks: its CPU ticks at the last walk and what names its
 * groups, read once per process lifetime (command line and cgroup only when a grouping needs them),
 * and again only when its command name changes (exec).
 */
final class TrackedProcess {
  private final int pid;
  private final long startTicks;
  private byte[] commBytes;
  private String comm;

  /** Its group under group-by process, made once rather than at every walk. */
  private String commAndPid;

  long lastTicks;
  long seenInWalk;
  private String matchGroup;
  private Container container;
  private String cgroup;

  TrackedProcess(int pid, long startTicks, byte[] commBytes, String comm, long ticks) {
    this.pid = pid;
    this.startTicks = startTicks;
    this.commBytes = commBytes;
    this.comm = LabelValues.fromDevice(comm);
    this.commAndPid = this.comm + ":" + pid;
    this.lastTicks = ticks;
  }

  int pid() {
    return pid;
  }

  /** When it started, in ticks since boot: with the pid, names one process for its whole life. */
  long startTicks() {
    return startTicks;
  }

  /** The command name as the kernel gave it, to tell a rename without decoding it. */
  byte[] commBytes() {
    return commBytes;
  }

  String comm() {
    return comm;
  }

  /**
   * Takes the name the latest stat shows, as it changes when the process calls exec after the walk
   * saw it between fork and exec (what names its groups must then be read again).
   */
  void renamed(byte[] bytes, String latest) {
    commBytes = bytes;
    comm = LabelValues.fromDevice(latest);
    commAndPid = comm + ":" + pid;
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
        return commAndPid;
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
