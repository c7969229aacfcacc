package dev.powermon.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The host's energy from the powercap tree: every package zone ({@code intel-rapl:N}) plus its DRAM
 * subzone ({@code intel-rapl:N:M} named {@code dram}), the same total the rapl collector serves as
 * {@code domain="total"} when there is no psys. Only the {@code intel-rapl:} control type is read,
 * so the mmio copy of a package is never added twice. A collector may not depend on another, hence
 * this minimal reader; the rapl collector remains the place for RAPL itself.
 */
final class RaplEnergy implements HostEnergy {
  private static final Pattern PACKAGE = Pattern.compile("intel-rapl:\\d+");
  private static final Pattern SUBZONE = Pattern.compile("intel-rapl:\\d+:\\d+");

  private final List<Path> zones;
  private long[] last;

  private RaplEnergy(List<Path> zones) {
    this.zones = zones;
  }

  /**
   * The package and DRAM zones under {@code sysfs}, or null when there are none or they are
   * unreadable.
   */
  static RaplEnergy find(Path sysfs) {
    Path powercap = sysfs.resolve("class/powercap");
    List<Path> zones = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(powercap)) {
      for (Path zone : dir) {
        String name = zone.getFileName().toString();
        if (PACKAGE.matcher(name).matches()
            || (SUBZONE.matcher(name).matches() && "dram".equals(name(zone)))) {
          zones.add(zone);
        }
      }
    } catch (IOException e) {
      return null;
    }
    zones.sort(null);
    RaplEnergy energy = new RaplEnergy(zones);
    try {
      for (Path zone : zones) {
        energy.microjoules(zone, "energy_uj");
      }
    } catch (IOException e) {
      return null; // root-only energy_uj (since Linux 5.10) or a broken tree: estimate instead
    }
    return zones.isEmpty() ? null : energy;
  }

  @Override
  public String source() {
    return "rapl";
  }

  @Override
  public double joulesSince(CpuTimes cpu, double seconds) throws IOException {
    long[] now = new long[zones.size()];
    try {
      for (int i = 0; i < now.length; i++) {
        now[i] = microjoules(zones.get(i), "energy_uj");
      }
    } catch (IOException e) {
      last =
          null; // the next read is a new baseline: energy across the gap is not put in one interval
      throw e;
    }
    long[] before = last;
    last = now;
    if (before == null) {
      return Double.NaN;
    }
    double joules = 0;
    for (int i = 0; i < now.length; i++) {
      long delta = now[i] - before[i];
      if (delta < 0) {
        // the counter wrapped at max_energy_range_uj: count up to the range, then from zero
        delta += microjoules(zones.get(i), "max_energy_range_uj") + 1;
        if (delta < 0) {
          return Double.NaN; // backwards by more than one range: a reset, not energy
        }
      }
      joules += delta / 1e6;
    }
    return joules;
  }

  private long microjoules(Path zone, String file) throws IOException {
    String text = Files.readString(zone.resolve(file)).trim();
    try {
      return PidStatParser.number("rapl." + file, text, Long.MAX_VALUE / 4);
    } catch (MalformedProcException e) {
      throw new IOException(zone.resolve(file) + ": " + e.getMessage(), e);
    }
  }

  private static String name(Path zone) {
    try {
      return Files.readString(zone.resolve("name")).trim();
    } catch (IOException e) {
      return "";
    }
  }
}
