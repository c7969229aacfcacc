package dev.powermon.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What one {@code /proc/<pid>/stat} line says about a process: its command name (up to 15 bytes, as
 * the kernel keeps it), the CPU time of all its threads in clock ticks, and when it started (ticks
 * since boot), which together with the pid names one process for its whole life.
 *
 * <p>One instance is filled by {@link PidStatParser} for every pid of a walk, so a walk allocates
 * nothing per process it already knows: the command name stays bytes in the line unless it is new.
 */
final class PidStat {
  private byte[] line = new byte[0];
  private int commFrom;
  private int commTo;
  int pid;
  long utimeTicks;
  long stimeTicks;
  long startTicks;

  /** Points at the command name, bytes {@code from} to {@code to} of {@code line}. */
  void comm(byte[] line, int from, int to) {
    this.line = line;
    this.commFrom = from;
    this.commTo = to;
  }

  /** User plus system time of every thread of the process, in clock ticks. */
  long cpuTicks() {
    return utimeTicks + stimeTicks;
  }

  /** The command name's bytes, to keep for {@link #commIs}. */
  byte[] commBytes() {
    return Arrays.copyOfRange(line, commFrom, commTo);
  }

  /** Whether the command name is {@code bytes}, without decoding it. */
  boolean commIs(byte[] bytes) {
    if (bytes.length != commTo - commFrom) {
      return false;
    }
    // a plain loop: the JIT tier the shipped flags stop at has no intrinsic for Arrays.equals
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != line[commFrom + i]) {
        return false;
      }
    }
    return true;
  }

  /** The command name as text (the kernel keeps bytes; they are read as UTF-8). */
  String comm() {
    return new String(line, commFrom, commTo - commFrom, StandardCharsets.UTF_8);
  }
}
