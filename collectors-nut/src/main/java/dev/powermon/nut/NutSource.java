package dev.powermon.nut;

import dev.powermon.net.HostPort;
import java.io.IOException;
import java.util.List;

/** Where UPS readings come from: one upsd, polled as a whole. */
interface NutSource {
  /**
   * Every UPS the upsd at {@code target} serves, with its variables, within the poll's deadline.
   */
  List<UpsReading> read(HostPort target) throws IOException;
}
