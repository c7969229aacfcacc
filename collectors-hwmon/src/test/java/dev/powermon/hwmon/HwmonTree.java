package dev.powermon.hwmon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a sysfs tree in the kernel's hwmon layout: the chip under its device ({@code
 * devices/<path>/hwmon/hwmonN}, with {@code device} linking back up), and {@code
 * class/hwmon/hwmonN} a relative symlink to it, as on a running kernel.
 */
public final class HwmonTree {
  private final Path sysfs;

  public HwmonTree(Path sysfs) {
    this.sysfs = sysfs;
  }

  public Path sysfs() {
    return sysfs;
  }

  /**
   * Adds chip {@code hwmonN} below {@code devicePath} ({@code devices/platform/…/1-0040}) with the
   * files given (name to content; a newline is added as the kernel does).
   */
  HwmonTree chip(String hwmon, String devicePath, Map<String, String> files) {
    try {
      Path device = sysfs.resolve(devicePath);
      Path dir = device.resolve("hwmon").resolve(hwmon);
      Files.createDirectories(dir);
      Files.createSymbolicLink(dir.resolve("device"), Path.of("../.."));
      for (Map.Entry<String, String> f : files.entrySet()) {
        Files.writeString(dir.resolve(f.getKey()), f.getValue() + "\n");
      }
      Path link = sysfs.resolve("class/hwmon").resolve(hwmon);
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, link.getParent().relativize(dir));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chip's directory, for changing its files mid-run. */
  Path dir(String hwmon) {
    try {
      return sysfs.resolve("class/hwmon").resolve(hwmon).toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one attribute of a chip as the driver would. */
  HwmonTree set(String hwmon, String file, String value) {
    try {
      Files.writeString(dir(hwmon).resolve(file), value + "\n");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Makes every attribute of a chip unreadable, as a chip that stops answering does (the driver
   * returns an error on read): each file becomes a directory, whose read fails even for root.
   */
  HwmonTree breakChip(String hwmon) {
    try (var files = Files.list(dir(hwmon))) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().equals("name"))
              .toList()) {
        Files.delete(f);
        Files.createDirectory(f);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
