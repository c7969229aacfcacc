package dev.powermon.process;

/** Parses {@code /proc/stat} (proc(5)) into the host's {@link CpuTimes}. */
final class CpuStatParser {
  private static final int USER = 1;
  private static final int NICE = 2;
  private static final int SYSTEM = 3;
  private static final int IDLE = 4;
  private static final int IOWAIT = 5;
  private static final int IRQ = 6;
  private static final int SOFTIRQ = 7;
  private static final int STEAL = 8;

  private CpuStatParser() {}

  static CpuTimes parse(String text) throws MalformedProcException {
    long busy = -1;
    long total = -1;
    int cpus = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split(" +");
        if (f.length <= SOFTIRQ) {
          throw new MalformedProcException("stat.cpu", "truncated: " + f.length + " fields");
        }
        long[] v = new long[STEAL + 1];
        for (int i = USER; i < Math.min(f.length, STEAL + 1); i++) {
          v[i] = PidStatParser.number("stat.cpu", f[i], Long.MAX_VALUE / 16);
        }
        busy = v[USER] + v[NICE] + v[SYSTEM] + v[IRQ] + v[SOFTIRQ];
        total = busy + v[IDLE] + v[IOWAIT] + v[STEAL];
      } else if (line.startsWith("cpu")) {
        cpus++;
      }
    }
    if (busy < 0) {
      throw new MalformedProcException("stat.cpu", "no 'cpu ' line");
    }
    return new CpuTimes(busy, total, Math.max(cpus, 1));
  }
}
