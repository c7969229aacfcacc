package dev.powermon.hwmon;

import java.util.List;

/** Where hwmon chips come from: sysfs on Linux, a tree in a temp dir in tests. */
interface HwmonSource extends AutoCloseable {
  /** Every chip with its readable sensors, now; unreadable parts are reported and left out. */
  List<Chip> read();

  /** Releases the threads held for reading; never throws. */
  @Override
  default void close() {}
}
