package dev.powermon.rapl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a sysfs tree laid out as the kernel does: zone directories nested under {@code
 * devices/virtual/powercap/<control type>/}, and {@code class/powercap/<id>} as relative symlinks
 * to them. Counters are rewritten atomically (temp file + rename), so a concurrent reader never
 * sees half a number.
 */
final class PowercapTree {
  static final long INTEL_MAX = 262_143_328_850L;
  static final long AMD_MAX = 65_532_610_987L;

  private final Path sysfs;

  PowercapTree(Path sysfs) {
    this.sysfs = sysfs;
  }

  /** Two Intel packages, at 1 J and 2 J: the tree most failure tests break one zone of. */
  static PowercapTree twoPackages(Path sysfs) {
    return new PowercapTree(sysfs)
        .zone("intel-rapl:0", "package-0", 1_000_000, INTEL_MAX)
        .zone("intel-rapl:1", "package-1", 2_000_000, INTEL_MAX);
  }

  Path sysfs() {
    return sysfs;
  }

  /**
   * Adds zone {@code id} ({@code intel-rapl:0:1}) with its name, counter and range; parents first.
   */
  PowercapTree zone(String id, String name, long energyUj, long maxUj) {
    Path dir = dir(id);
    try {
      Files.createDirectories(dir);
      String controlType = id.substring(0, id.indexOf(':'));
      write(sysfs.resolve("devices/virtual/powercap").resolve(controlType).resolve("enabled"), "1");
      write(dir.resolve("name"), name);
      write(dir.resolve("enabled"), "0"); // limits off: the counter still counts
      write(dir.resolve("max_energy_range_uj"), Long.toString(maxUj));
      write(dir.resolve("energy_uj"), Long.toString(energyUj));
      Path link = sysfs.resolve("class/powercap").resolve(id);
      Files.createDirectories(link.getParent());
      Path controlLink = link.resolveSibling(controlType);
      if (!Files.exists(controlLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(controlLink, controlLink.getParent().relativize(dir(controlType)));
      }
      Files.createSymbolicLink(link, link.getParent().relativize(dir));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Adds {@code constraint_N_name} and {@code constraint_N_power_limit_uw}. */
  PowercapTree constraint(String id, int n, String name, long limitUw) {
    write(dir(id).resolve("constraint_" + n + "_name"), name);
    write(dir(id).resolve("constraint_" + n + "_power_limit_uw"), Long.toString(limitUw));
    return this;
  }

  PowercapTree energy(String id, long energyUj) {
    return file(id, "energy_uj", Long.toString(energyUj));
  }

  /** Replaces any attribute of a zone with {@code content} as written. */
  PowercapTree file(String id, String attribute, String content) {
    write(dir(id).resolve(attribute), content);
    return this;
  }

  /** {@code devices/system/cpu/modalias} for vendor 0 (Intel) or 2 (AMD). */
  PowercapTree vendor(int vendor) {
    write(
        sysfs.resolve("devices/system/cpu/modalias"),
        String.format("cpu:type:x86,ven%04Xfam0019mod0011:feature:,0000", vendor));
    return this;
  }

  /**
   * The real directory of a zone: {@code intel-rapl:0:1} lives in {@code
   * intel-rapl/intel-rapl:0/intel-rapl:0:1}.
   */
  Path dir(String id) {
    String[] parts = id.split(":");
    Path dir = sysfs.resolve("devices/virtual/powercap").resolve(parts[0]);
    StringBuilder prefix = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      prefix.append(':').append(parts[i]);
      dir = dir.resolve(prefix.toString());
    }
    return dir;
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, content + "\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
