package dev.powermon.macos;

import java.util.Map;

/**
 * One sampling window from any macOS source.
 *
 * @param seconds length of the window
 * @param domains per domain (cpu, gpu, ane, package, total): average watts and joules over the
 *     window
 * @param invalid fields whose value was missing a type, NaN, infinite, negative or out of range, to
 *     the reason: they were left out (counted, never zeroed) and cost only the series they feed
 */
record PowerSample(double seconds, Map<String, DomainEnergy> domains, Map<String, String> invalid) {
  /**
   * No Mac draws this much (a Mac Pro's supply gives 1.4 kW): a larger value is a corrupt field,
   * not a reading.
   */
  static final double MAX_WATTS = 10_000;

  PowerSample {
    domains = Map.copyOf(domains);
    invalid = Map.copyOf(invalid);
  }

  /** Average power and energy of one domain over the window. */
  record DomainEnergy(double watts, double joules) {}
}
