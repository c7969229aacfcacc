package dev.powermon.jetson;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One INA channel in sysfs: power is the product of its files' values times {@code scale}. The
 * JetPack 5+ hwmon layout gives mV and mA (scale 1e-6 to watts), JetPack 4's iio layout mW (1e-3),
 * Thor's INA238 µW (1e-6).
 *
 * @param name the rail, as the device tree labels it ({@code VDD_IN}) or {@code VIN} for Thor's
 *     INA238
 * @param files the attributes multiplied together
 * @param scale from the product of the attributes' units to watts
 */
record RailChannel(String name, List<Path> files, double scale) {

  /**
   * Reads the channel now. A negative product (shunt offset at no load) is reported as 0 W, so the
   * energy integrated from it never decreases.
   */
  double watts() throws IOException {
    double product = 1;
    for (Path f : files) {
      product *= SmallFiles.readLong(f);
    }
    return Math.max(0, product * scale);
  }
}
