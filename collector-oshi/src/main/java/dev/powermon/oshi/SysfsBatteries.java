package dev.powermon.oshi;

import dev.powermon.api.BatteryPower;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux batteries: every {@code <root>/<supply>/uevent}, parsed by {@link PowerSupplyUevent}. Read
 * directly rather than through OSHI: no JNA is needed, and OSHI 6.10 passes the kernel's microwatts
 * on as milliwatts.
 */
final class SysfsBatteries implements BatterySource {
  /** A uevent file is a few hundred bytes; anything past this is not what the kernel writes. */
  static final int MAX_UEVENT_BYTES = 16 * 1024;

  private final Path root;

  SysfsBatteries(Path root) {
    this.root = root;
  }

  /** The batteries found; none when the directory is missing (desktops, VMs, containers). */
  @Override
  public List<BatteryPower.Reading> read() {
    List<BatteryPower.Reading> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (DirectoryStream<Path> supplies = Files.newDirectoryStream(root)) {
      for (Path supply : supplies) {
        PowerSupplyUevent.parse(
                supply.getFileName().toString(), readBounded(supply.resolve("uevent")))
            .ifPresent(out::add);
      }
    } catch (IOException e) {
      // The listing itself failed (sysfs unmounted under us): no battery rate to offer this time.
      return List.of();
    }
    return out;
  }

  /**
   * The file's first {@link #MAX_UEVENT_BYTES}, or "" when it is missing or unreadable (supply
   * unplugged).
   */
  private static String readBounded(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_UEVENT_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
