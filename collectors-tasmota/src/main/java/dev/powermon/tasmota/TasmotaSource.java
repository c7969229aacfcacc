package dev.powermon.tasmota;

import dev.powermon.net.HostPort;
import java.io.IOException;

/** Where a Tasmota plug's reading comes from when it is polled over HTTP. */
interface TasmotaSource {
  TasmotaReading read(HostPort target) throws IOException;
}
