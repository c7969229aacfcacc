package dev.powermon.jetson;

import dev.powermon.jetson.TegrastatsSample.CpuCore;
import dev.powermon.jetson.TegrastatsSample.Engine;
import dev.powermon.jetson.TegrastatsSample.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value forms one tegrastats token can take, each a pure function from the token to a value or
 * empty. Digit counts are bounded so that hostile input cannot overflow a long.
 */
final class TokenForms {
  private static final Pattern MEMORY = Pattern.compile("(\\d{1,12})/(\\d{1,12})([kMG])B");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kMG])B\\)");
  private static final Pattern CPU_ITEM = Pattern.compile("(\\d{1,3})%(?:@(\\d{1,6}))?");
  private static final Pattern OLD_CPU_LIST = Pattern.compile("\\[([^\\]]{1,512})\\]@(\\d{1,6})");
  private static final Pattern USAGE = Pattern.compile("(\\d{1,3})%");
  private static final Pattern USAGE_AT_CLOCK =
      Pattern.compile("(?:(\\d{1,3})%)?@(\\[[\\d,]{1,64}\\]|\\d{1,6})");
  private static final Pattern CLOCK_LIST = Pattern.compile("\\[(\\d{1,6}(?:,\\d{1,6}){0,15})\\]");
  private static final Pattern BARE_CLOCK = Pattern.compile("\\d{1,6}");
  private static final int MAX_CORES = 256;

  private TokenForms() {}

  /** {@code 3468/3983MB} → used and total bytes. */
  static Optional<Memory> memory(String token, OptionalLong cachedBytes) {
    Matcher m = MEMORY.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    long unit = unitBytes(m.group(3));
    return Optional.of(
        new Memory(
            Long.parseLong(m.group(1)) * unit, Long.parseLong(m.group(2)) * unit, cachedBytes));
  }

  /** {@code 295MB)} (the closing part of {@code (cached 295MB)}) → bytes. */
  static OptionalLong closingSize(String token) {
    Matcher m = SIZE.matcher(token);
    return m.matches()
        ? OptionalLong.of(Long.parseLong(m.group(1)) * unitBytes(m.group(2)))
        : OptionalLong.empty();
  }

  /** L4T 28.2+: {@code [5%@1224,off,3%]}, each core with its own clock. */
  static Optional<List<CpuCore>> cpuList(String token) {
    if (token.length() < 2 || token.charAt(0) != '[' || token.charAt(token.length() - 1) != ']') {
      return Optional.empty();
    }
    return cores(token.substring(1, token.length() - 1), OptionalLong.empty());
  }

  /** L4T 28.1 (TX1): {@code [17%,13%,29%,5%]@408}, one clock shared by every core. */
  static Optional<List<CpuCore>> oldCpuList(String token) {
    Matcher m = OLD_CPU_LIST.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    return cores(m.group(1), OptionalLong.of(Long.parseLong(m.group(2))));
  }

  private static Optional<List<CpuCore>> cores(String items, OptionalLong sharedClock) {
    String[] parts = items.split(",", -1);
    if (parts.length > MAX_CORES) {
      return Optional.empty();
    }
    List<CpuCore> cores = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].equals("off")) {
        cores.add(new CpuCore(i, false, OptionalDouble.empty(), OptionalLong.empty()));
        continue;
      }
      Matcher m = CPU_ITEM.matcher(parts[i]);
      OptionalDouble usage = m.matches() ? percent(m.group(1)) : OptionalDouble.empty();
      if (usage.isEmpty()) {
        return Optional.empty();
      }
      OptionalLong clock =
          m.group(2) != null ? OptionalLong.of(Long.parseLong(m.group(2))) : sharedClock;
      cores.add(new CpuCore(i, true, usage, clock));
    }
    return Optional.of(cores);
  }

  /**
   * An engine's value: {@code off}, {@code 79%@166}, {@code 0%@[305,305]}, {@code @[0,0,0]},
   * {@code @1556}, {@code 43%}, or a bare clock ({@code 716}) when {@code bareClockAllowed}. A bare
   * number after an arbitrary name could be a rail cut short, so the caller only allows it for
   * known engine names.
   */
  static Optional<Engine> engine(String token, boolean bareClockAllowed) {
    if (token.equals("off")) {
      return Optional.of(new Engine(false, OptionalDouble.empty(), OptionalLong.empty()));
    }
    Matcher usage = USAGE.matcher(token);
    if (usage.matches()) {
      OptionalDouble p = percent(usage.group(1));
      return p.isPresent()
          ? Optional.of(new Engine(true, p, OptionalLong.empty()))
          : Optional.empty();
    }
    if (bareClockAllowed && BARE_CLOCK.matcher(token).matches()) {
      return Optional.of(
          new Engine(true, OptionalDouble.empty(), OptionalLong.of(Long.parseLong(token))));
    }
    Matcher m = USAGE_AT_CLOCK.matcher(token);
    if (!m.matches()) {
      return Optional.empty();
    }
    OptionalDouble p = m.group(1) == null ? OptionalDouble.empty() : percent(m.group(1));
    OptionalLong clock = highestClock(m.group(2));
    if ((m.group(1) != null && p.isEmpty()) || clock.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Engine(true, p, clock));
  }

  private static OptionalLong highestClock(String clock) {
    if (!clock.startsWith("[")) {
      return OptionalLong.of(Long.parseLong(clock));
    }
    Matcher m = CLOCK_LIST.matcher(clock);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    long max = 0;
    for (String c : m.group(1).split(",")) {
      max = Math.max(max, Long.parseLong(c));
    }
    return OptionalLong.of(max);
  }

  private static OptionalDouble percent(String digits) {
    int p = Integer.parseInt(digits);
    return p <= 100 ? OptionalDouble.of(p) : OptionalDouble.empty();
  }

  private static long unitBytes(String unit) {
    switch (unit) {
      case "k":
        return 1024L;
      case "M":
        return 1024L * 1024;
      default:
        return 1024L * 1024 * 1024;
    }
  }
}
