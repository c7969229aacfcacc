package dev.powermon.windows;

import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import java.util.List;

/**
 * The windows collector's declarations: the unified power families it feeds, and its own counter.
 */
final class WindowsFamilies {
  static final MetricSpec RESETS =
      MetricSpec.counter("windows_energy_meter_resets_total")
          .help(
              "Times an Energy Meter counter went backwards (driver restart); that window's energy is not counted.")
          .build();

  /**
   * Every family the collector may emit, the unified ones (built by the core from its readings)
   * included.
   */
  static final List<MetricSpec> ALL =
      List.of(PowerFamilies.POWER_SPEC, PowerFamilies.ENERGY_SPEC, RESETS);

  private WindowsFamilies() {}
}
