package dev.powermon.hwmon;

import java.io.IOException;

/** Where the Pi 5 PMIC's readings come from: {@code vcgencmd pmic_read_adc}, or a fake in tests. */
interface PmicSource {
  /** The command's output. */
  String read() throws IOException;

  /** What the source runs, for messages. */
  String describe();
}
