package dev.powermon.macos;

import java.util.List;

/** The machine's batteries; empty on a desktop. OSHI on a Mac, a fake in tests. */
@FunctionalInterface
interface BatterySource {
  List<BatteryRate> read();
}
