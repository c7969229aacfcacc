package dev.powermon.tasmota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceClient;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.DeviceHttp;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a plug's web server with {@code GET /cm?cmnd=Status%2010}. With a web password set, Tasmota
 * takes the user and password as query parameters (it has no HTTP authentication on {@code /cm});
 * they are never part of an error message or a log line.
 */
final class HttpTasmotaSource implements TasmotaSource {
  private final DeviceHttp http = new DeviceHttp();
  private final Duration timeout;
  private final Supplier<DeviceCredentials> credentials;
  private final EnergyParser parser;

  HttpTasmotaSource(
      Duration timeout, Supplier<DeviceCredentials> credentials, EnergyParser parser) {
    this.timeout = timeout;
    this.credentials = credentials;
    this.parser = parser;
  }

  @Override
  public TasmotaReading read(HostPort target) throws IOException {
    Deadline deadline =
        Deadline.after(timeout, "no complete reply within " + timeout.toMillis() + " ms");
    ObjectNode status = new DeviceClient(http, target, null).getJson(path(), deadline);
    if (status.has("WARNING")) {
      // Tasmota answers 200 {"WARNING":"Need user=<username>&password=<password>"} when a web
      // password is set
      throw new IOException(
          credentials.get() == null
              ? "the plug asks for its web password; set collectors.tasmota.credentials-file"
              : "the plug refused the web password in the credentials file");
    }
    try {
      return parser.parse(status.path("StatusSNS").get("ENERGY"));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage());
    }
  }

  private String path() {
    DeviceCredentials c = credentials.get();
    String path = "/cm?cmnd=Status%2010";
    if (c == null) {
      return path;
    }
    return path
        + "&user="
        + URLEncoder.encode(c.username(), StandardCharsets.UTF_8)
        + "&password="
        + URLEncoder.encode(c.password(), StandardCharsets.UTF_8);
  }
}
