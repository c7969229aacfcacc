package dev.powermon.windows;

import java.util.List;

/** The machine's batteries; empty on a desktop. OSHI on Windows, a fake in tests. */
@FunctionalInterface
interface BatterySource {
  List<BatteryRate> read();
}
