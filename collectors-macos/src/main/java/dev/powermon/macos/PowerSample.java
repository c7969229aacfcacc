package dev.powermon.macos;

import java.util.List;
import java.util.Map;

/**
 * One sampling window from any macOS source.
 *
 * @param seconds length of the window
 * @param domains per domain (cpu, gpu, ane, package, total): average watts and joules over the window
 * @param invalid keys whose value was NaN, infinite or negative and were left out (counted, not zeroed)
 */
record PowerSample(double seconds, Map<String, DomainEnergy> domains, List<String> invalid) {

  PowerSample {
    domains = Map.copyOf(domains);
    invalid = List.copyOf(invalid);
  }

  /** Average power and energy of one domain over the window. */
  record DomainEnergy(double watts, double joules) {}
}
