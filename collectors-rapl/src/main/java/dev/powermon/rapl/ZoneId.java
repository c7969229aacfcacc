package dev.powermon.rapl;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A powercap zone id such as {@code intel-rapl:0:a}: the control type, then one hexadecimal number
 * per nesting level. The kernel names zones {@code "%s:%x"} in registration order, so {@code
 * intel-rapl:a} follows {@code intel-rapl:9}, and the number says nothing about the socket.
 */
record ZoneId(String controlType, int[] levels) implements Comparable<ZoneId> {
  private static final Pattern CONTROL_TYPE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern LEVEL = Pattern.compile("[0-9a-f]{1,7}");

  /**
   * Real trees nest two levels (package, then core/uncore/dram); four leaves room without recursing
   * forever.
   */
  static final int MAX_LEVELS = 4;

  private static final Comparator<ZoneId> ORDER =
      Comparator.comparing(ZoneId::controlType).thenComparing(ZoneId::levels, Arrays::compare);

  /**
   * The id of a {@code class/powercap} entry, or empty for control-type dirs and anything
   * unexpected.
   */
  static Optional<ZoneId> parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2
        || parts.length > MAX_LEVELS + 1
        || !CONTROL_TYPE.matcher(parts[0]).matches()) {
      return Optional.empty();
    }
    int[] levels = new int[parts.length - 1];
    for (int i = 1; i < parts.length; i++) {
      if (!LEVEL.matcher(parts[i]).matches()) {
        return Optional.empty();
      }
      levels[i - 1] = Integer.parseInt(parts[i], 16);
    }
    return Optional.of(new ZoneId(parts[0], levels));
  }

  /** The zone this one nests in, or empty for a top-level zone. */
  Optional<ZoneId> parent() {
    return levels.length == 1
        ? Optional.empty()
        : Optional.of(new ZoneId(controlType, Arrays.copyOf(levels, levels.length - 1)));
  }

  @Override
  public int compareTo(ZoneId other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZoneId
        && ((ZoneId) o).controlType.equals(controlType)
        && Arrays.equals(((ZoneId) o).levels, levels);
  }

  @Override
  public int hashCode() {
    return controlType.hashCode() * 31 + Arrays.hashCode(levels);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(controlType);
    for (int level : levels) {
      s.append(':').append(Integer.toHexString(level));
    }
    return s.toString();
  }
}
