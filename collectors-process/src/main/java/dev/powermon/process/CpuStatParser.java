package dev.powermon.process;

/** Parses {@code /proc/stat} (proc(5)) into the host's {@link CpuTimes}. */
final class CpuStatParser {
  /** Fields of the {@code cpu} line after its name that must be there: up to softirq. */
  private static final int REQUIRED = 7;

  private CpuStatParser() {}

  static CpuTimes parse(String text) throws MalformedProcException {
    long[] states = null;
    int cpus = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split(" +");
        if (f.length <= REQUIRED) {
          throw new MalformedProcException("stat.cpu", "truncated: " + f.length + " fields");
        }
        states = new long[CpuTimes.STATES]; // steal is missing from old kernels' lines: 0
        for (int i = 0; i < Math.min(f.length - 1, CpuTimes.STATES); i++) {
          states[i] = PidStatParser.number("stat.cpu", f[i + 1], Long.MAX_VALUE / 16);
        }
      } else if (line.startsWith("cpu")) {
        cpus++;
      }
    }
    if (states == null) {
      throw new MalformedProcException("stat.cpu", "no 'cpu ' line");
    }
    return CpuTimes.of(states, Math.max(cpus, 1));
  }
}
