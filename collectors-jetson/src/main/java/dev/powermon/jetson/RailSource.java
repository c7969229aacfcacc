package dev.powermon.jetson;

import java.util.List;
import java.util.Map;

/**
 * Where rail power is read on the sampler's schedule: the INA monitors in sysfs ({@link
 * SysfsRails}).
 */
interface RailSource {
  /** The rails this source reads, in a stable order; empty when it found none. */
  List<String> rails();

  /**
   * Reads every rail now, in watts. A rail that cannot be read is left out and reported to {@code
   * failed} with the reason; the others are still read.
   */
  Map<String, Double> read(Failures failed);

  /** Receives the rails that could not be read. */
  interface Failures {
    void rail(String rail, String reason);

    void ok(String rail);
  }
}
