package dev.powermon.windows;

import java.io.IOException;
import java.util.List;

/** The Energy Meter counters: PDH on Windows, a fake in tests. */
interface EnergyMeterSource extends AutoCloseable {

  /**
   * The instances found when the source was opened (rapl_package0_pkg,
   * rapl_package0_core3_core...).
   */
  List<String> instances();

  /** One raw reading per instance. */
  List<EnergyMeterReading> read() throws IOException;

  /** Closes the query. Never throws. */
  @Override
  void close();
}
