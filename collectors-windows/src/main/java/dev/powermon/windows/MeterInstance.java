package dev.powermon.windows;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an Energy Meter instance measures. Windows names RAPL domains {@code RAPL_Package<N>_<PART>}
 * (Intel: PKG, PP0 = cores, PP1 = integrated GPU, DRAM; AMD: one {@code core<M>_core} per core,
 * often lower-case).
 *
 * @param domain the {@code domain} label: package-N, core-N, uncore-N, dram-N, or the instance name
 * @param role how it adds up: a package already contains its cores and GPU, DRAM sits beside it
 */
record MeterInstance(String domain, int socket, Role role) {
  /** How an instance may be added into the total. */
  enum Role {
    /** The whole package: its parts are inside it. */
    PACKAGE,
    /** Inside the package (cores, iGPU): counted only where the package itself is not published. */
    PART,
    /** Beside the package: DRAM. */
    BESIDE,
    /**
     * Not known RAPL (Snapdragon rails...): exported, never in the total, whose hierarchy is
     * unknown.
     */
    OTHER,
    /** {@code _Total}: always 0, skipped. */
    IGNORED
  }

  private static final Pattern RAPL = Pattern.compile("rapl_package(\\d{1,3})_(.+)");
  private static final Pattern AMD_CORE = Pattern.compile("core\\d{1,4}_core");

  /** Whether the instance can be part of the total (a RAPL package, part or DRAM). */
  boolean countsTowardsTotal() {
    return role == Role.PACKAGE || role == Role.PART || role == Role.BESIDE;
  }

  static MeterInstance of(String instance) {
    String name = instance.toLowerCase(Locale.ROOT);
    if (name.equals("_total")) {
      return new MeterInstance(name, -1, Role.IGNORED);
    }
    Matcher m = RAPL.matcher(name);
    if (!m.matches()) {
      return new MeterInstance(name, -1, Role.OTHER);
    }
    int socket = Integer.parseInt(m.group(1));
    String part = m.group(2);
    switch (part) {
      case "pkg":
        return new MeterInstance("package-" + socket, socket, Role.PACKAGE);
      case "pp0":
        return new MeterInstance("core-" + socket, socket, Role.PART);
      case "pp1":
        return new MeterInstance("uncore-" + socket, socket, Role.PART);
      case "dram":
        return new MeterInstance("dram-" + socket, socket, Role.BESIDE);
      default:
        // AMD publishes each core on its own; they add up to one core domain per package
        return AMD_CORE.matcher(part).matches()
            ? new MeterInstance("core-" + socket, socket, Role.PART)
            : new MeterInstance(part + "-" + socket, socket, Role.OTHER);
    }
  }
}
