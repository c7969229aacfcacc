package dev.powermon.shelly;

import dev.powermon.net.HostPort;
import java.io.IOException;

/** Where Shelly readings come from: one device per target. */
interface ShellySource {
  /** Polls the device at {@code target} within the poll's deadline. */
  ShellyReading read(HostPort target) throws IOException;
}
