package dev.powermon.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kernel-shaped RAPL powercap tree (symlinked class/powercap entries, nested sub-zones) whose
 * energy_uj counters a bounded background thread advances at fixed powers, as a CPU would.
 */
final class PowercapTree implements AutoCloseable {
  /** Intel's usual wrap range, 262143328850 µJ. */
  private static final long MAX_RANGE_UJ = 262_143_328_850L;

  private static final long TICK_MILLIS = 100;

  /** Ten minutes of ticks: the updater never outlives a stuck test by much. */
  private static final int MAX_TICKS = 6_000;

  /** Zone directory (relative to the control type) to its powers in watts. */
  private final Map<Path, Double> watts = new LinkedHashMap<>();

  private final Map<Path, Long> energyUj = new LinkedHashMap<>();
  private final Path sysfs;
  private final Thread updater;

  private PowercapTree(Path sysfs) {
    this.sysfs = sysfs;
    this.updater = new Thread(this::advance, "powercap-updater");
    updater.setDaemon(true);
  }

  /**
   * package-0 at 20 W with core (12 W) and dram (3 W) sub-zones; RAPL total = package + dram = 23
   * W.
   */
  static PowercapTree start(Path sysfs) throws IOException {
    PowercapTree tree = new PowercapTree(sysfs);
    tree.zone("intel-rapl:0", "package-0", 20.0);
    tree.zone("intel-rapl:0/intel-rapl:0:0", "core", 12.0);
    tree.zone("intel-rapl:0/intel-rapl:0:1", "dram", 3.0);
    tree.updater.start();
    return tree;
  }

  Path sysfs() {
    return sysfs;
  }

  private void zone(String relative, String name, double power) throws IOException {
    Path dir = sysfs.resolve("devices/virtual/powercap/intel-rapl").resolve(relative);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("name"), name + "\n");
    Files.writeString(dir.resolve("max_energy_range_uj"), MAX_RANGE_UJ + "\n");
    Files.writeString(dir.resolve("enabled"), "1\n");
    Files.writeString(dir.resolve("energy_uj"), "1000000\n");
    Path classDir = sysfs.resolve("class/powercap");
    Files.createDirectories(classDir);
    Path link = classDir.resolve(dir.getFileName());
    Files.createSymbolicLink(link, classDir.relativize(dir));
    watts.put(dir, power);
    energyUj.put(dir, 1_000_000L);
  }

  private void advance() {
    try {
      for (int tick = 0; tick < MAX_TICKS && !Thread.currentThread().isInterrupted(); tick++) {
        Thread.sleep(TICK_MILLIS);
        for (Map.Entry<Path, Double> zone : watts.entrySet()) {
          // W x 0.1 s = J, x 1e6 = µJ per tick.
          long next =
              energyUj.merge(
                  zone.getKey(), Math.round(zone.getValue() * TICK_MILLIS * 1000), Long::sum);
          write(zone.getKey().resolve("energy_uj"), next % MAX_RANGE_UJ);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Replace, never rewrite in place: a reader sees the old or the new value, not half of one. */
  private static void write(Path file, long value) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, value + "\n");
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    updater.interrupt();
    updater.join(5_000);
  }
}
