package dev.powermon.process;

/**
 * Parses {@code /proc/<pid>/stat} (proc(5)): {@code pid (comm) state ppid … utime stime … starttime
 * …}. The command name may hold spaces and parentheses ({@code (my (weird) proc)}), so it runs from
 * the first {@code (} to the <em>last</em> {@code )}; the fields after it are split on single
 * spaces.
 */
final class PidStatParser {
  /**
   * Fields counted from {@code state} (field 3 in proc(5)): utime is 14, stime 15, starttime 22.
   */
  private static final int UTIME = 14 - 3;

  private static final int STIME = 15 - 3;
  private static final int STARTTIME = 22 - 3;

  private PidStatParser() {}

  static PidStat parse(String line) throws MalformedProcException {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 1 || close < open) {
      throw new MalformedProcException("pid_stat.comm", "no '(comm)' in the line");
    }
    int pid = (int) number("pid_stat.pid", line.substring(0, open).trim(), Integer.MAX_VALUE);
    String comm = line.substring(open + 1, close);
    // fields after comm, each after one space: no split, only the three wanted are cut out
    int[] starts = new int[STARTTIME + 2];
    int found = 0;
    for (int i = close + 1; i < line.length() && found <= STARTTIME; i++) {
      if (line.charAt(i) == ' ') {
        starts[found++] = i + 1;
      }
    }
    if (found <= STARTTIME) {
      throw new MalformedProcException(
          "pid_stat.fields", "truncated: " + found + " fields after comm, need " + (STARTTIME + 1));
    }
    long utime = number("pid_stat.utime", field(line, starts[UTIME]), Long.MAX_VALUE / 4);
    long stime = number("pid_stat.stime", field(line, starts[STIME]), Long.MAX_VALUE / 4);
    long start = number("pid_stat.starttime", field(line, starts[STARTTIME]), Long.MAX_VALUE);
    return new PidStat(pid, comm, utime, stime, start);
  }

  /** The field starting at {@code from}, up to the next space or line end. */
  private static String field(String line, int from) {
    int end = from;
    while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\n') {
      end++;
    }
    return line.substring(from, end);
  }

  /**
   * A non-negative decimal no larger than {@code max}. Ticks are kept below a quarter of the long
   * range so that sums over thousands of processes cannot overflow.
   */
  static long number(String field, String text, long max) throws MalformedProcException {
    if (text.isEmpty() || text.length() > 19) {
      throw new MalformedProcException(field, "'" + cut(text) + "' is not a tick count");
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new MalformedProcException(
            field, "'" + cut(text) + "' is not a non-negative whole number");
      }
      value = value * 10 + (c - '0');
    }
    if (value < 0 || value > max) {
      throw new MalformedProcException(field, "'" + cut(text) + "' is out of range");
    }
    return value;
  }

  private static String cut(String text) {
    return text.length() > 24 ? text.substring(0, 24) + "…" : text;
  }
}
