package dev.powermon.nut;

import dev.powermon.net.Deadline;
import dev.powermon.net.DeviceCredentials;
import dev.powermon.net.HostPort;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Reads a real upsd: one connection per poll, {@code LIST UPS} then {@code LIST VAR} for each UPS,
 * all within one overall deadline. With credentials, logs in to the first UPS so a wrong password
 * is an error rather than silently ignored (upsd judges credentials only at LOGIN).
 */
final class UpsdSource implements NutSource {
  private final Duration timeout;
  private final Supplier<DeviceCredentials> credentials;
  private final SSLContext tls;

  /**
   * {@code credentials} gives null when none are configured; it is asked at every poll (rotation).
   * {@code tls} is null unless the operator asked for STARTTLS.
   */
  UpsdSource(Duration timeout, Supplier<DeviceCredentials> credentials, SSLContext tls) {
    this.timeout = timeout;
    this.credentials = credentials;
    this.tls = tls;
  }

  @Override
  public List<UpsReading> read(HostPort target) throws IOException {
    Deadline deadline =
        Deadline.after(timeout, "upsd did not answer within " + timeout.toMillis() + " ms");
    try (UpsdConnection c = UpsdConnection.open(target, deadline)) {
      if (tls != null) {
        c.startTls(tls, target);
      }
      Map<String, String> upses = c.listUps();
      DeviceCredentials login = credentials.get();
      if (login != null && !upses.isEmpty()) {
        c.authenticate(login, upses.keySet().iterator().next());
      }
      List<UpsReading> out = new ArrayList<>(upses.size());
      for (Map.Entry<String, String> ups : upses.entrySet()) {
        out.add(new UpsReading(ups.getKey(), ups.getValue(), c.listVar(ups.getKey())));
      }
      return out;
    }
  }
}
