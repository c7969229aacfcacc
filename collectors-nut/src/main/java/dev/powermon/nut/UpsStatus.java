package dev.powermon.nut;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The flags of {@code ups.status} ({@code "OL CHRG"}, {@code "OB LB"} …). The documented flags are
 * always exported, 0 or 1, so an alert can test {@code == 1} without absent series; other
 * well-formed flags a driver adds are exported while present, a bounded number of them.
 */
final class UpsStatus {
  /** NUT's documented ups.status flags (docs/new-drivers.txt, "Status data"). */
  static final List<String> KNOWN =
      List.of(
          "OL", "OB", "LB", "HB", "RB", "CHRG", "DISCHRG", "BYPASS", "CAL", "OFF", "OVER", "TRIM",
          "BOOST", "FSD");

  private static final int MAX_FLAGS = 32;
  private static final Pattern FLAG = Pattern.compile("[A-Z][A-Z0-9_-]{0,15}");

  private UpsStatus() {}

  /** The well-formed flags set in {@code status}, at most {@value #MAX_FLAGS}. */
  static Set<String> flags(String status) {
    Set<String> out = new LinkedHashSet<>();
    for (String word : status.trim().split("\\s+")) {
      if (FLAG.matcher(word).matches() && out.size() < MAX_FLAGS) {
        out.add(word);
      }
    }
    return out;
  }
}
