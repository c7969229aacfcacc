package dev.powermon.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A steady machine: every read is one second (10,000,000 ticks) after the previous one, in which
 * the package used 1e9 pWh (3.6 J, so 3.6 W) and DRAM 2.5e8 pWh (0.9 J, 0.9 W).
 */
class FakeMeter implements EnergyMeterSource {
  private final List<String> instances;
  private long reads;
  volatile boolean failing;
  volatile boolean closed;

  FakeMeter(List<String> instances) {
    this.instances = instances;
  }

  @Override
  public List<String> instances() {
    return instances;
  }

  @Override
  public synchronized List<EnergyMeterReading> read() throws IOException {
    if (failing) {
      throw new IOException("PdhCollectQueryData failed with PDH status 0xc0000bc6");
    }
    List<EnergyMeterReading> out = new ArrayList<>();
    long t = 134_082_144_000_000_000L + reads * 10_000_000L;
    for (String i : instances) {
      long perSecond =
          i.toLowerCase(java.util.Locale.ROOT).endsWith("dram") ? 250_000_000L : 1_000_000_000L;
      out.add(new EnergyMeterReading(i, 7_000_000_000_000L + reads * perSecond, t));
    }
    reads++;
    return out;
  }

  synchronized long reads() {
    return reads;
  }

  @Override
  public void close() {
    closed = true;
  }
}
