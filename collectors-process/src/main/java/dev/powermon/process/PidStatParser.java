package dev.powermon.process;

import java.nio.charset.StandardCharsets;

/**
 * Parses {@code /proc/<pid>/stat} (proc(5)): {@code pid (comm) state ppid … utime stime … starttime
 * …}. The command name may hold spaces and parentheses ({@code (my (weird) proc)}), so it runs from
 * the first {@code (} to the <em>last</em> {@code )}; the fields after it are split on single
 * spaces. It works on the bytes as read, into a reused {@link PidStat}, because it runs once per
 * process per interval: no text is made unless a field is refused.
 */
final class PidStatParser {
  /**
   * Fields counted from {@code state} (field 3 in proc(5)): utime is 14, stime 15, starttime 22.
   */
  private static final int UTIME = 14 - 3;

  private static final int STIME = 15 - 3;
  private static final int STARTTIME = 22 - 3;

  private PidStatParser() {}

  /**
   * Parses the first {@code length} bytes of {@code line} into {@code out}, in one pass: it runs
   * once per process per interval, most of the collector's own (user) time.
   */
  static void parse(byte[] line, int length, PidStat out) throws MalformedProcException {
    int open = 0;
    while (open < length && line[open] != '(') {
      open++;
    }
    // Fields are counted after the latest ')' seen: a later ')' means the earlier one was inside
    // the command name, and counting starts again. The fields themselves never hold one.
    int close = -1;
    int field = -1;
    int utime = -1;
    int stime = -1;
    int start = -1;
    for (int i = open + 1; i < length; i++) {
      byte b = line[i];
      if (b == ' ') {
        field++;
        if (field == UTIME) {
          utime = i + 1;
        } else if (field == STIME) {
          stime = i + 1;
        } else if (field == STARTTIME) {
          start = i + 1;
        }
      } else if (b == ')') {
        close = i;
        field = -1;
        utime = -1;
        stime = -1;
        start = -1;
      }
    }
    if (open < 1 || open >= length || close < 0) {
      throw new MalformedProcException("pid_stat.comm", "no '(comm)' in the line");
    }
    if (start < 0) {
      throw new MalformedProcException(
          "pid_stat.fields",
          "truncated: " + (field + 1) + " fields after comm, need " + (STARTTIME + 1));
    }
    int pidEnd = open;
    while (pidEnd > 0 && line[pidEnd - 1] == ' ') {
      pidEnd--;
    }
    out.pid = (int) number("pid_stat.pid", line, 0, pidEnd, Integer.MAX_VALUE);
    out.comm(line, open + 1, close);
    out.utimeTicks = number("pid_stat.utime", line, utime, end(line, utime, length), MAX_TICKS);
    out.stimeTicks = number("pid_stat.stime", line, stime, end(line, stime, length), MAX_TICKS);
    out.startTicks =
        number("pid_stat.starttime", line, start, end(line, start, length), Long.MAX_VALUE);
  }

  /**
   * Ticks are kept below a quarter of the long range so that sums over thousands of processes
   * cannot overflow.
   */
  private static final long MAX_TICKS = Long.MAX_VALUE / 4;

  /** Where the field starting at {@code from} ends: the next space, line end or end of input. */
  private static int end(byte[] line, int from, int length) {
    int end = from;
    while (end < length && line[end] != ' ' && line[end] != '\n') {
      end++;
    }
    return end;
  }

  /** A non-negative decimal no larger than {@code max}, from text (the /proc/stat parser's). */
  static long number(String field, String text, long max) throws MalformedProcException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return number(field, bytes, 0, bytes.length, max);
  }

  /** A non-negative decimal no larger than {@code max}, from bytes {@code from} to {@code to}. */
  static long number(String field, byte[] line, int from, int to, long max)
      throws MalformedProcException {
    if (to <= from || to - from > 19) {
      throw new MalformedProcException(field, "'" + cut(line, from, to) + "' is not a tick count");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      byte c = line[i];
      if (c < '0' || c > '9') {
        throw new MalformedProcException(
            field, "'" + cut(line, from, to) + "' is not a non-negative whole number");
      }
      value = value * 10 + (c - '0');
    }
    if (value < 0 || value > max) {
      throw new MalformedProcException(field, "'" + cut(line, from, to) + "' is out of range");
    }
    return value;
  }

  private static String cut(byte[] line, int from, int to) {
    String text = new String(line, from, Math.max(0, to - from), StandardCharsets.UTF_8);
    return text.length() > 24 ? text.substring(0, 24) + "…" : text;
  }
}
