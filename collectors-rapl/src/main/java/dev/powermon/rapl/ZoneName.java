package dev.powermon.rapl;

import dev.powermon.api.LabelValues;
import dev.powermon.api.PowerFamilies;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labels a zone's {@code name} file gives: {@code package-1} is socket 1, {@code
 * package-0-die-1} die 1 of socket 0, and a sub-zone ({@code core}, {@code uncore}, {@code dram})
 * belongs to its parent's socket and die. {@code psys} covers the platform and has neither. Names
 * never become metric names.
 *
 * @param domain {@code package}, {@code core}, {@code uncore}, {@code dram}, {@code psys}, or what
 *     the kernel wrote, cleaned for use as a label value
 * @param socket the socket number as written, or "" when the zone is not per socket
 * @param die the die number as written, or "" when the zone is not per die
 */
record ZoneName(String domain, String socket, String die) {
  static final String PACKAGE = "package";
  static final String DRAM = "dram";
  static final String PSYS = "psys";

  /**
   * What a kernel zone name looks like: printable ASCII, no blanks, short ({@code package-0-die-1},
   * {@code psys}, {@code SYSTEM}). Anything else is garbage, and a label built from it would be
   * too.
   */
  private static final Pattern PLAUSIBLE = Pattern.compile("[\\x21-\\x7e]{1,64}");

  private static final Pattern PACKAGE_NAME =
      Pattern.compile("package-(\\d{1,4})(?:-die-(\\d{1,4}))?");

  /**
   * Labels for a zone named {@code name} nested in {@code parent} (null for a top-level zone).
   *
   * @throws MalformedReadingException when {@code name} is empty or not a plausible zone name
   */
  static ZoneName parse(String name, ZoneName parent) throws MalformedReadingException {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.isEmpty()) {
      throw new MalformedReadingException("empty, expected a zone name");
    }
    if (!PLAUSIBLE.matcher(n).matches()) {
      throw new MalformedReadingException(
          "'" + EnergyParser.shown(n) + "' is not a RAPL zone name");
    }
    Matcher m = PACKAGE_NAME.matcher(n);
    if (m.matches()) {
      return new ZoneName(PACKAGE, m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    String domain = LabelValues.fromDevice(n);
    if (domain.equals(PowerFamilies.TOTAL_DOMAIN)) {
      domain = "zone-total"; // "total" is the summable series; a zone must not pose as it
    }
    return parent == null
        ? new ZoneName(domain, "", "")
        : new ZoneName(domain, parent.socket, parent.die);
  }

  /** The same zone without its die, for per-CCD duplicates that really count the whole socket. */
  ZoneName withoutDie() {
    return new ZoneName(domain, socket, "");
  }
}
