package dev.powermon.windows;

import dev.powermon.oshi.BatterySource;
import java.io.IOException;

/** What the provider needs from the machine: real on Windows, a fake in tests. */
interface WindowsHost {
  /** The OS name, for "runs on Windows; this is Linux". */
  String osName();

  boolean isWindows();

  EnergyMeterSource openMeter() throws IOException;

  BatterySource batteries();

  /** The running machine: PDH and OSHI, touched only when it is Windows. */
  WindowsHost REAL =
      new WindowsHost() {
        @Override
        public String osName() {
          return System.getProperty("os.name", "unknown");
        }

        @Override
        public boolean isWindows() {
          return osName().startsWith("Windows");
        }

        @Override
        public EnergyMeterSource openMeter() throws IOException {
          return PdhEnergyMeterSource.open();
        }

        @Override
        public BatterySource batteries() {
          return BatterySource.ofThisMachine();
        }
      };
}
