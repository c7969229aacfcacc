package dev.powermon.process;

import dev.powermon.oshi.PackageEnergy;
import java.io.IOException;

/**
 * The host's energy on macOS and Windows: the platform collector's counter ({@link PackageEnergy}),
 * read once per interval. The interval's energy is the counter's rise between two walks, so the
 * intervals add up to the counter however the platform collector's readings fall between them.
 */
final class PlatformEnergy implements HostEnergy {
  private final PackageEnergy shared;
  private final String collector;
  private double last = Double.NaN;

  /**
   * @param collector the platform collector that feeds {@code shared}: macos or windows
   */
  PlatformEnergy(PackageEnergy shared, String collector) {
    this.shared = shared;
    this.collector = collector;
  }

  @Override
  public String source() {
    return collector;
  }

  @Override
  public double joulesSince(CpuTimes cpu, double seconds) throws IOException {
    PackageEnergy.Reading r = shared.latest();
    if (r == null) {
      throw new IOException(
          "no energy from the "
              + collector
              + " collector yet; it has to run too (it does by default where it can)");
    }
    double joules = r.joules() - last;
    last = r.joules();
    return joules >= 0 ? joules : Double.NaN; // NaN: the first read, the baseline
  }
}
