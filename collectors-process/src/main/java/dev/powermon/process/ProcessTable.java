package dev.powermon.process;

import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The processes between walks, by pid and start time (a pid the kernel reused with another start
 * time is another process). One walk reads {@code stat} of every pid; command line and cgroup are
 * read only for a process seen for the first time, and only when a grouping needs them. A process
 * first seen after the first walk started within the interval, so all its CPU time is the
 * interval's; a process gone since the last walk is dropped (what it used before it exited was
 * counted at earlier walks and stays in its groups' counters).
 */
final class ProcessTable {
  private final ProcSource proc;
  private final ParseProblems problems;
  private final boolean wantsCmdline;
  private final boolean wantsCgroup;
  private final MatchRules match;
  private final Map<Integer, TrackedProcess> tracked = new HashMap<>();

  /** The fields of one stat, reused for every pid of every walk. */
  private final PidStat stat = new PidStat();

  private long walks;

  /** The latest start time (ticks since boot) of any process seen so far. */
  private long newestStart;

  private long vanished;

  ProcessTable(ProcSource proc, ParseProblems problems, MatchRules match, boolean wantsCgroup) {
    this.proc = proc;
    this.problems = problems;
    this.match = match;
    this.wantsCmdline = !match.isEmpty();
    this.wantsCgroup = wantsCgroup;
  }

  /** One process's CPU ticks in the interval since the previous walk. */
  record Delta(TrackedProcess process, long ticks) {}

  /**
   * Walks the process table once.
   *
   * @return every live process with its ticks since the previous walk (all zero at the first walk)
   * @throws IOException when the table itself cannot be listed
   */
  List<Delta> walk() throws IOException {
    boolean first = walks == 0;
    long walk = ++walks;
    int[] pids = proc.pids();
    long newestBefore = newestStart;
    long newest = newestStart;
    List<Delta> out = new ArrayList<>(pids.length);
    boolean statOk = true;
    for (int pid : pids) {
      try {
        proc.stat(pid, stat);
      } catch (IOException e) {
        vanished++; // exited between the listing and the read (ENOENT, ESRCH)
        continue;
      } catch (MalformedProcException e) {
        statOk = false;
        problems.problem(e.field(), e.getMessage());
        continue;
      }
      TrackedProcess p = tracked.get(pid);
      long ticks;
      newest = Math.max(newest, stat.startTicks);
      if (p == null || p.startTicks() != stat.startTicks) { // a reused pid is another process
        p =
            new TrackedProcess(
                pid, stat.startTicks, stat.commBytes(), stat.comm(), stat.cpuTicks());
        describe(p);
        tracked.put(pid, p);
        // Started since the last walk (start times grow with creation): all its CPU time is this
        // interval's. An older process the last walk missed (its stat unreadable then) only starts
        // its baseline here, rather than pouring its lifetime into one interval.
        ticks = !first && stat.startTicks >= newestBefore ? stat.cpuTicks() : 0;
      } else {
        if (!stat.commIs(p.commBytes())) { // exec: the bytes differ, so decoding is worth it
          p.renamed(stat.commBytes(), stat.comm());
          describe(p);
        }
        ticks = stat.cpuTicks() - p.lastTicks;
        if (ticks < 0) { // a process's CPU time never decreases; count nothing rather than negative
          problems.problem("pid_stat.cpu", "CPU time went backwards by " + -ticks + " ticks");
          ticks = 0;
        }
        p.lastTicks = stat.cpuTicks();
      }
      p.seenInWalk = walk;
      out.add(new Delta(p, ticks));
    }
    if (statOk) {
      problems.ok("pid_stat");
    }
    newestStart = newest;
    for (Iterator<TrackedProcess> it = tracked.values().iterator(); it.hasNext(); ) {
      if (it.next().seenInWalk != walk) {
        it.remove();
      }
    }
    return out;
  }

  /** Live processes tracked after the last walk. */
  int size() {
    return tracked.size();
  }

  /** Pids listed but gone before their stat could be read, since start. */
  long vanished() {
    return vanished;
  }

  private void describe(TrackedProcess p) {
    int pid = p.pid();
    if (wantsCmdline) {
      String cmdline = read(() -> proc.cmdline(pid));
      // kernel threads have no command line: match on [comm], as ps shows them
      p.matchGroup(match.group(cmdline.isEmpty() ? "[" + p.comm() + "]" : cmdline));
    }
    if (wantsCgroup) {
      String text = read(() -> proc.cgroup(pid));
      String path = CgroupParser.pathOf(text);
      p.cgroup(path == null ? "" : path, CgroupParser.parse(text));
    }
  }

  private interface Read {
    String get() throws IOException;
  }

  /**
   * A read that loses to the process exiting gives "" (it will be dropped at the next walk anyway).
   */
  private static String read(Read read) {
    try {
      return read.get();
    } catch (IOException e) {
      return "";
    }
  }
}
