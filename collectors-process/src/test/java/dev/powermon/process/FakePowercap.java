package dev.powermon.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A powercap tree in a temp dir: {@code
 * class/powercap/<zone>/{name,energy_uj,max_energy_range_uj}}.
 */
final class FakePowercap {
  private final Path sysfs;

  FakePowercap(Path sysfs) {
    this.sysfs = sysfs;
  }

  Path sysfs() {
    return sysfs;
  }

  FakePowercap zone(String zone, String name, long microjoules, long maxRange) {
    Path dir = sysfs.resolve("class/powercap").resolve(zone);
    write(dir.resolve("name"), name + "\n");
    write(dir.resolve("max_energy_range_uj"), maxRange + "\n");
    return energy(zone, microjoules);
  }

  FakePowercap energy(String zone, long microjoules) {
    write(sysfs.resolve("class/powercap").resolve(zone).resolve("energy_uj"), microjoules + "\n");
    return this;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
